import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { exportMidi, importMidi } from '@encore/shared/interchange/midi';
import { readProject } from '@encore/shared/project/read/readProject';
import { createDemoProject } from '@encore/shared/project/templates/demoProject';
import { cleanupApps, renderApp } from '../../../app/testing/renderApp';
import { createMemoryHost } from '../../../host/testing/memoryHost';

afterEach(cleanupApps);

function demoMidi(): Uint8Array {
  const doc = new Y.Doc();
  createDemoProject(doc);
  return exportMidi(doc);
}

const file = (bytes: Uint8Array, name: string) => new File([bytes as Uint8Array<ArrayBuffer>], name);

describe('project files in the Studio', () => {
  it('imports a MIDI file from the dialog as a new project, which opens', async () => {
    const memory = createMemoryHost({ projects: [{ title: 'Existing', template: 'empty' }] });
    await renderApp(memory.link, { hash: '#/studio' });
    await expect.element(page.getByTestId('project-card-Existing')).toBeVisible();
    await userEvent.upload(page.getByTestId('import-song-input'), file(demoMidi(), 'Night drive.mid'));
    await expect.element(page.getByTestId('import-done')).toHaveTextContent('Imported “Night drive”');
    await expect.element(page.getByTestId('project-card-Night drive')).toBeVisible();
    const imported = memory.projects.summaries().find((p) => p.title === 'Night drive');
    const expected = new Y.Doc();
    importMidi(expected, demoMidi());
    expect(readProject(memory.projects.doc(imported?.id ?? '') as Y.Doc).tracks.map((t) => t.name)).toEqual(readProject(expected).tracks.map((t) => t.name));
    await userEvent.click(page.getByTestId('open-imported'));
    await expect.element(page.getByTestId('editor-title')).toHaveTextContent('Night drive');
  });

  it('refuses a corrupt file, a truncated MIDI file and a file of another kind clearly, importing nothing', async () => {
    const memory = createMemoryHost({ projects: [{ title: 'Existing', template: 'empty' }] });
    await renderApp(memory.link, { hash: '#/studio' });
    await expect.element(page.getByTestId('project-card-Existing')).toBeVisible();
    await userEvent.upload(page.getByTestId('import-song-input'), file(new TextEncoder().encode('hello, not music'), 'Broken.mid'));
    await expect.element(page.getByTestId('import-error')).toHaveTextContent(/Could not import Broken\.mid: .*MIDI/);
    const midi = demoMidi();
    await userEvent.upload(page.getByTestId('import-song-input'), file(midi.subarray(0, midi.byteLength >> 1), 'Half.mid'));
    await expect.element(page.getByTestId('import-error')).toHaveTextContent(/Could not import Half\.mid/);
    await userEvent.upload(page.getByTestId('import-song-input'), file(new TextEncoder().encode('zip?'), 'Broken.dawproject'));
    await expect.element(page.getByTestId('import-error')).toHaveTextContent(/Could not import Broken\.dawproject/);
    // A dropped file of another kind is refused before anything is sent.
    const drop = new DataTransfer();
    drop.items.add(file(new Uint8Array([1, 2, 3]), 'song.wav'));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));
    await expect.element(page.getByTestId('import-error')).toHaveTextContent(/song\.wav.*is not a project, MIDI or DAWproject file/);
    expect(memory.projects.summaries().map((p) => p.title)).toEqual(['Existing']);
    expect(memory.callsTo('projects.importFile.begin')).toHaveLength(3);
  });

  it('imports a file dropped on the projects screen', async () => {
    const memory = createMemoryHost({ projects: [{ title: 'Existing', template: 'empty' }] });
    await renderApp(memory.link, { hash: '#/studio' });
    await expect.element(page.getByTestId('project-card-Existing')).toBeVisible();
    const drop = new DataTransfer();
    drop.items.add(file(demoMidi(), 'Dropped.mid'));
    // The window listener attaches in an effect, after the cards first paint: drag until it shows.
    await vi.waitFor(() => {
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: drop, bubbles: true, cancelable: true }));
      expect(document.querySelector('[data-testid="import-drop"]')).not.toBeNull();
    });
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));
    await expect.element(page.getByTestId('project-card-Dropped')).toBeVisible();
  });

  it('exports the open project as .mid, .dawproject and .encore from the project menu', async () => {
    const memory = createMemoryHost({ projects: [{ title: 'Demo', template: 'demo' }] });
    await renderApp(memory.link, { hash: '#/studio' });
    await userEvent.click(page.getByTestId('project-card-Demo').getByTestId('open-project'));
    for (const [format, extension] of [['midi', 'mid'], ['dawproject', 'dawproject'], ['encore', 'encore']] as const) {
      await userEvent.click(page.getByTestId('file-menu'));
      await userEvent.click(page.getByTestId(`export-${format}`));
      await expect.element(page.getByTestId('file-status')).toHaveTextContent(`Saved in the exports folder as Demo.${extension}`);
    }
    const midi = memory.projects.exportedSongs.get('Demo.mid');
    const back = new Y.Doc();
    importMidi(back, midi as Uint8Array);
    expect(readProject(back).tracks.map((t) => t.name)).toEqual(['Drums', 'Bass', 'Chords', 'Lead']);
    expect(new TextDecoder().decode(memory.projects.exportedSongs.get('Demo.dawproject')?.subarray(0, 2))).toBe('PK');
  });
});

describe('versions and trash', () => {
  it('names a version, then restores it as a new change', async () => {
    const memory = createMemoryHost({ projects: [{ title: 'Demo', template: 'demo' }] });
    await renderApp(memory.link, { hash: '#/studio' });
    await userEvent.click(page.getByTestId('project-card-Demo').getByTestId('project-versions'));
    await userEvent.fill(page.getByTestId('version-name'), 'Before the bridge');
    await userEvent.click(page.getByTestId('save-version'));
    await expect.element(page.getByTestId('version-Before the bridge')).toBeVisible();
    const id = memory.projects.summaries()[0]?.id ?? '';
    const doc = memory.projects.doc(id) as Y.Doc;
    doc.getMap('meta').set('title', 'Demo');
    doc.transact(() => doc.getMap('tracks').forEach((t, key) => (t as Y.Map<unknown>).get('name') === 'Drums' && doc.getMap('tracks').delete(key)));
    expect(readProject(doc).tracks.some((t) => t.name === 'Drums')).toBe(false);
    await userEvent.click(page.getByTestId('version-Before the bridge').getByTestId('restore-version'));
    await userEvent.click(page.getByTestId('confirm-restore'));
    await expect.element(page.getByTestId('versions-notice')).toHaveTextContent('Restored “Before the bridge”');
    expect(readProject(memory.projects.doc(id) as Y.Doc).tracks.some((t) => t.name === 'Drums')).toBe(true);
  });

  it('restores a trashed project and deletes another forever', async () => {
    const memory = createMemoryHost({ projects: [{ title: 'Keep me', template: 'empty' }, { title: 'Gone', template: 'empty' }] });
    await renderApp(memory.link, { hash: '#/studio' });
    for (const title of ['Keep me', 'Gone']) {
      await userEvent.click(page.getByTestId(`project-card-${title}`).getByTestId('delete-project'));
      await userEvent.click(page.getByTestId('confirm-delete'));
      await expect.element(page.getByTestId(`project-card-${title}`)).not.toBeInTheDocument();
    }
    await userEvent.click(page.getByTestId('projects-tab-trash'));
    await expect.element(page.getByTestId('trash-item-Gone')).toBeVisible();
    await userEvent.click(page.getByTestId('trash-item-Keep me').getByTestId('restore-project'));
    await expect.element(page.getByTestId('trash-item-Keep me')).not.toBeInTheDocument();
    await userEvent.click(page.getByTestId('trash-item-Gone').getByTestId('purge-project'));
    await userEvent.click(page.getByTestId('confirm-purge'));
    await expect.element(page.getByTestId('trash-empty')).toBeVisible();
    expect(memory.projects.summaries().map((p) => [p.title, p.deletedAt])).toEqual([['Keep me', null]]);
    await userEvent.click(page.getByTestId('projects-tab-projects'));
    await expect.element(page.getByTestId('project-card-Keep me')).toBeVisible();
  });
});
