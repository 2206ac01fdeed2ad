import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanupApps, renderApp } from '../../app/testing/renderApp';
import { accountUser } from '../../host/testing/fixtures';
import { createMemoryHost } from '../../host/testing/memoryHost';

const session = (role: 'listener' | 'artist') => ({ state: 'signed-in' as const, user: accountUser({ username: role, role }), accessToken: 'tok', offline: false });

afterEach(cleanupApps);

describe('publishing from the Store', () => {
  it('tells a listener how to become an artist instead of showing the form', async () => {
    const memory = createMemoryHost({ session: session('listener'), syncServer: 'online' });
    await renderApp(memory.link, { hash: '#/store' });
    await userEvent.click(page.getByTestId('open-publish-file'));
    await expect.element(page.getByTestId('publish-not-artist')).toHaveTextContent('Publishing to the Store is for artist accounts.');
    await expect.element(page.getByTestId('publish-form')).not.toBeInTheDocument();
  });

  it('checks the metadata before uploading anything', async () => {
    const memory = createMemoryHost({ session: session('artist') });
    await renderApp(memory.link, { hash: '#/store' });
    await userEvent.click(page.getByTestId('open-publish-file'));
    await expect.element(page.getByTestId('publish-form')).toBeVisible();
    await userEvent.click(page.getByTestId('publish-allow-purchase'));
    await userEvent.fill(page.getByTestId('publish-isrc'), 'not-an-isrc');
    await userEvent.click(page.getByTestId('publish-submit'));
    await expect.element(page.getByTestId('publish-price-error')).toHaveTextContent('a purchasable track has a price');
    await expect.element(page.getByTestId('publish-title-error')).toBeVisible();
    await expect.element(page.getByTestId('publish-isrc-error')).toBeVisible();

    await userEvent.fill(page.getByTestId('publish-title'), 'Quiet Signal');
    await userEvent.fill(page.getByTestId('publish-isrc'), 'USRC17607839');
    await userEvent.fill(page.getByTestId('publish-price'), '1.29');
    await userEvent.click(page.getByTestId('publish-submit'));
    // The metadata is fine now; the file is still missing.
    await expect.element(page.getByText('Choose the audio file to publish')).toBeVisible();
    await expect.element(page.getByTestId('publish-price-error')).not.toBeInTheDocument();
  });
});
