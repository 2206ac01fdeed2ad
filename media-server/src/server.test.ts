import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startMediaServer } from './server';

const logger = pino({ level: 'silent' });

describe('startMediaServer', () => {
  it('listens on a real port, answers, and closes', async () => {
    const server = await startMediaServer({ port: 0, logger, version: '9.9.9' });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${server.url}/health`);
    expect(await res.json()).toMatchObject({ status: 'ok', version: '9.9.9' });
    await server.close();
    await server.close(); // idempotent
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });

  it('reads its version from package.json by default', async () => {
    const server = await startMediaServer({ port: 0, logger });
    try {
      const body = (await (await fetch(`${server.url}/health`)).json()) as { version: string };
      expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    } finally {
      await server.close();
    }
  });

  it('closes promptly even with an idle keep-alive connection open', async () => {
    const server = await startMediaServer({ port: 0, logger, shutdownTimeoutMs: 10_000 });
    await (await fetch(`${server.url}/health`, { headers: { Connection: 'keep-alive' } })).text();
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('rejects when the port is taken', async () => {
    const first = await startMediaServer({ port: 0, logger });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startMediaServer({ port, logger })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
