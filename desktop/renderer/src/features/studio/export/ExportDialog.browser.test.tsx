import { afterEach, describe, expect, it } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { createRoot } from 'react-dom/client';
import { ProjectEditor } from '../editor/ProjectEditor';
import { melodySession } from '../audio/melodyProject.testing';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((fn) => fn()));

function mount() {
  const { session } = melodySession();
  const saved: { fileName: string; bytes: Uint8Array }[] = [];
  const save = (fileName: string, bytes: Uint8Array) => {
    saved.push({ fileName, bytes });
    return Promise.resolve({ fileName, byteLength: bytes.byteLength });
  };
  const container = document.createElement('div');
  container.style.cssText = 'height: 800px; width: 1280px; position: relative;';
  document.body.append(container);
  const root = createRoot(container);
  root.render(<ProjectEditor session={session} exporter={{ save, loadBuffers: () => Promise.resolve(new Map()) }} />);
  cleanup.push(() => {
    root.unmount();
    session.dispose();
    container.remove();
  });
  return { saved };
}

describe('the export dialog', () => {
  it('bounces a 16-bit 44.1 kHz WAV, saves it through the host and offers a download', async () => {
    const { saved } = mount();
    await userEvent.click(page.getByTestId('open-export'));
    await userEvent.click(page.getByTestId('export-rate-44100'));
    await userEvent.click(page.getByTestId('export-depth-16'));
    await userEvent.click(page.getByTestId('export-start'));
    await expect.element(page.getByTestId('export-status')).toHaveAttribute('data-state', 'done');
    expect(saved.map((s) => s.fileName)).toEqual(['Melody.wav']);
    const bytes = saved[0]!.bytes;
    // 44-byte header + 5.875 s × 44100 frames × 2 channels × 2 bytes.
    expect(bytes.byteLength).toBe(44 + Math.round(5.875 * 44_100) * 4);
    const link = page.getByTestId('export-download').element() as HTMLAnchorElement;
    expect(link.download).toBe('Melody.wav');
    expect(link.href).toMatch(/^blob:/);
  });

  it('cancels an export in progress', async () => {
    const { saved } = mount();
    await userEvent.click(page.getByTestId('open-export'));
    await userEvent.click(page.getByTestId('export-scope-stems'));
    await userEvent.click(page.getByTestId('export-format-mp3'));
    await userEvent.click(page.getByTestId('export-start'));
    await expect.element(page.getByTestId('export-progress')).toBeInTheDocument();
    await userEvent.click(page.getByTestId('export-cancel'));
    await expect.element(page.getByTestId('export-status')).toHaveAttribute('data-state', 'cancelled');
    expect(saved).toHaveLength(0);
  });
});
