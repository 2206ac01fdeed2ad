import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { Device } from '@encore/shared/api/licences';
import { cleanupApps, renderApp } from '../../app/testing/renderApp';
import { accountUser } from '../../host/testing/fixtures';
import { MEMORY_CLIENT_ID } from '../../host/testing/memoryDownloads';
import { createMemoryHost } from '../../host/testing/memoryHost';

const lis = accountUser({ username: 'lis' });
const signedIn = { state: 'signed-in' as const, user: lis, accessToken: 'tok', offline: false };
const device = (n: number, over: Partial<Device> = {}): Device => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  clientId: `install-${String(n).padStart(12, '0')}`,
  name: `Laptop ${n}`,
  platform: 'linux',
  createdAt: '2026-11-01T10:00:00.000Z',
  lastSeenAt: `2026-12-0${n}T09:30:00.000Z`,
  ...over,
});

/** A stand-in for `/api/devices`: the caller's devices, DELETE removes one (404 for an unknown id). */
function devicesServer(initial: Device[]) {
  let devices = [...initial];
  const requests: { method: string; path: string; auth: string | null }[] = [];
  const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const handler = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input));
    const method = init.method ?? 'GET';
    requests.push({ method, path: url.pathname, auth: new Headers(init.headers).get('authorization') });
    if (url.pathname === '/api/devices' && method === 'GET') return json({ devices, limit: 5 });
    const m = /^\/api\/devices\/([\w-]+)$/.exec(url.pathname);
    if (m && method === 'DELETE') {
      if (!devices.some((d) => d.id === m[1])) return json({ error: { code: 'DEVICE_NOT_FOUND', message: 'This device is not registered for offline downloads', timestamp: '', requestId: 'r' } }, 404);
      devices = devices.filter((d) => d.id !== m[1]);
      return new Response(null, { status: 204 });
    }
    return json({ error: { code: 'NOT_FOUND', message: `no route ${url.pathname}`, timestamp: '', requestId: 'r' } }, 404);
  };
  return { requests, handler };
}

function serve(server: ReturnType<typeof devicesServer>) {
  const realFetch = globalThis.fetch;
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => (String(input).startsWith('http://127.0.0.1:8787') ? server.handler(input, init) : realFetch(input, init)));
}

afterEach(() => {
  vi.unstubAllGlobals();
  return cleanupApps();
});

describe('Settings → Devices', () => {
  it('lists the account’s devices with this computer marked and the limit, and removes one', async () => {
    const server = devicesServer([device(1), device(2, { clientId: MEMORY_CLIENT_ID, name: 'This Desktop' }), device(3, { platform: 'darwin' })]);
    serve(server);
    const memory = createMemoryHost({ session: signedIn });
    await renderApp(memory.link, { hash: '#/settings' });

    await expect.element(page.getByTestId('devices-count')).toHaveTextContent('3 of 5 devices in use');
    const rows = page.getByTestId('device-row');
    await expect.element(rows.nth(0)).toHaveTextContent('Laptop 1');
    await expect.element(rows.nth(2)).toHaveTextContent('darwin');
    await expect.element(rows.nth(1).getByTestId('device-this')).toHaveTextContent('This device');
    expect(rows.nth(0).getByTestId('device-this').elements()).toHaveLength(0);
    expect(rows.elements()[0]!.textContent).toMatch(/last seen/);
    await page.getByTestId('settings-devices').element().scrollIntoView();
    await page.screenshot({ path: '../../../../../test-results/screenshots/settings-devices.png', element: page.getByTestId('settings-devices') });

    // Remove asks first, then deletes on the server and lists again.
    await userEvent.click(rows.nth(0).getByTestId('device-remove'));
    await userEvent.click(page.getByTestId('device-remove-confirm'));
    await expect.element(page.getByTestId('devices-count')).toHaveTextContent('2 of 5 devices in use');
    expect(server.requests).toContainEqual({ method: 'DELETE', path: `/api/devices/${device(1).id}`, auth: 'Bearer tok' });
    // Another device: this computer's downloads are not touched.
    expect(memory.callsTo('downloads.checkLicences')).toHaveLength(0);

    // Removing this computer checks its licences at once, so its downloads go now.
    await userEvent.click(page.getByTestId('device-row').nth(0).getByTestId('device-remove'));
    await userEvent.click(page.getByTestId('device-remove-confirm'));
    await expect.element(page.getByTestId('devices-count')).toHaveTextContent('1 of 5 devices in use');
    expect(memory.callsTo('downloads.checkLicences')).toHaveLength(1);
  });

  it('says so at the limit, shows a refused removal, and waits for a connection when offline', async () => {
    const server = devicesServer([1, 2, 3, 4, 5].map((n) => device(n)));
    serve(server);
    const memory = createMemoryHost({ session: signedIn });
    await renderApp(memory.link, { hash: '#/settings' });
    await expect.element(page.getByTestId('devices-count')).toHaveTextContent('5 of 5 devices in use · remove one to download on another device');
    expect(page.getByTestId('device-this').elements()).toHaveLength(0);

    // Removed meanwhile elsewhere: the server's 404 is said, not swallowed.
    await server.handler(`http://127.0.0.1:8787/api/devices/${device(4).id}`, { method: 'DELETE' });
    await userEvent.click(page.getByTestId('device-row').nth(3).getByTestId('device-remove'));
    await userEvent.click(page.getByTestId('device-remove-confirm'));
    await expect.element(page.getByRole('alert')).toHaveTextContent('Laptop 4 was already removed.');
    await expect.element(page.getByTestId('devices-count')).toHaveTextContent('4 of 5 devices in use');

    memory.setSyncServer('offline');
    await expect.element(page.getByTestId('settings-devices')).toHaveTextContent('Connect to the Encore server');
  });

  it('is not shown when signed out', async () => {
    await renderApp(createMemoryHost().link, { hash: '#/settings' });
    await expect.element(page.getByTestId('settings-account')).toBeVisible();
    expect(page.getByTestId('settings-devices').elements()).toHaveLength(0);
  });
});
