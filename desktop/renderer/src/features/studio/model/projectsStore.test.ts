import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHostClient } from '@encore/shared/host/client';
import { createMemoryHost } from '../../../host/testing/memoryHost';
import { createProjectsModel, type ProjectsModel } from './projectsStore';

let models: ProjectsModel[] = [];
afterEach(() => {
  for (const m of models) m.dispose();
  models = [];
});

function setup(seeds: Parameters<typeof createMemoryHost>[0] = {}) {
  const memory = createMemoryHost(seeds);
  const model = createProjectsModel(createHostClient(memory.link), () => 'user-ada');
  models.push(model);
  return { memory, model };
}

describe('the projects model', () => {
  it('lists projects with their tempo and track count', async () => {
    const { model } = setup({ projects: [{ title: 'Night drive', template: 'demo' }] });
    await model.load();
    const [project] = model.store.getState().projects;
    expect(project?.title).toBe('Night drive');
    expect(model.store.getState().stats[project?.id ?? '']).toMatchObject({ bpm: 110, trackCount: 5 });
  });

  it('creates, renames, duplicates and deletes through the host', async () => {
    const { model, memory } = setup();
    const created = await model.create('empty', 'Sketch');
    await model.rename(created.id, 'Sketch 2');
    await model.duplicate(created.id);
    expect(model.store.getState().projects.map((p) => p.title).sort()).toEqual(['Sketch 2', 'Sketch 2 (copy)']);
    await model.remove(created.id);
    expect(model.store.getState().projects.map((p) => p.title)).toEqual(['Sketch 2 (copy)']);
    expect(memory.callsTo('projects.delete')).toHaveLength(1);
  });

  it('opens a live replica: edits reach the host, and undo works', async () => {
    const { model, memory } = setup({ projects: [{ title: 'Demo', template: 'demo' }] });
    await model.load();
    const id = model.store.getState().projects[0]?.id ?? '';
    await model.openProject(id);
    const open = model.store.getState().open;
    if (open?.state !== 'open') throw new Error('not open');
    const track = open.session.store.getState().snapshot.tracks[0];
    open.session.api.setMute({ trackId: track?.id ?? '', value: true });
    await vi.waitUntil(() => (memory.projects.doc(id)?.getMap('tracks').get(track?.id ?? '') as { get(k: string): unknown } | undefined)?.get('mute') === true);
    open.session.undo.undo();
    await vi.waitUntil(() => (memory.projects.doc(id)?.getMap('tracks').get(track?.id ?? '') as { get(k: string): unknown } | undefined)?.get('mute') === false);
    await model.closeProject();
    expect(memory.projects.openSubscriptions()).toBe(0);
  });
});
