import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDemoProject } from '@encore/shared/project/templates/demoProject';
import { createEditorCommands } from './editorCommands';
import { createEditorStore } from './editorStore';
import { createProjectSession, findClip, type ProjectSession } from './projectSession';

let sessions: ProjectSession[] = [];
afterEach(() => {
  for (const s of sessions) s.dispose();
  sessions = [];
});

function demo() {
  const doc = new Y.Doc();
  createDemoProject(doc);
  const session = createProjectSession(doc, { origin: 'ada' });
  sessions.push(session);
  return session;
}

describe('the project session', () => {
  it('re-reads the snapshot after each edit, sharing what did not change', () => {
    const session = demo();
    const before = session.store.getState().snapshot;
    const [drums, bass] = before.tracks;
    if (!drums || !bass) throw new Error('the demo has tracks');
    session.api.setMute({ trackId: bass.id, value: true });
    const after = session.store.getState().snapshot;
    expect(after.tracks[1]?.mute).toBe(true);
    expect(after.tracks[0]).toBe(drums);
    expect(after.tracks[1]).not.toBe(bass);
    expect(after.tracks[1]?.clips).toBe(bass.clips);
    expect(after.tempo).toBe(before.tempo);
  });

  it('keeps untouched clips when one clip of a track changes', () => {
    const session = demo();
    const lead = session.store.getState().snapshot.tracks.find((t) => t.clips.length > 0);
    const [first] = lead?.clips ?? [];
    if (!lead || !first) throw new Error('the demo has clips');
    session.api.moveClip({ clipId: first.id, start: first.start + 960 });
    const next = session.store.getState().snapshot.tracks.find((t) => t.id === lead.id);
    for (const clip of next?.clips ?? []) {
      if (clip.id === first.id) expect(clip.start).toBe(first.start + 960);
      else expect(lead.clips).toContain(clip);
    }
  });

  it('reports undo and redo availability and reverts one action per step', () => {
    const session = demo();
    const track = session.store.getState().snapshot.tracks[0];
    if (!track) throw new Error('no track');
    expect(session.store.getState().canUndo).toBe(false);
    session.api.renameTrack({ trackId: track.id, name: 'Beat' });
    expect(session.store.getState()).toMatchObject({ canUndo: true, canRedo: false });
    session.undo.undo();
    expect(session.store.getState().snapshot.tracks[0]?.name).toBe(track.name);
    expect(session.store.getState().canRedo).toBe(true);
  });
});

describe('editor commands', () => {
  it('split, duplicate and delete the selected clips, one undo step each', () => {
    const session = demo();
    const editor = createEditorStore();
    const commands = createEditorCommands(session, editor, () => 0);
    const track = session.store.getState().snapshot.tracks.find((t) => t.clips.length > 0);
    const clip = track?.clips[0];
    if (!track || !clip) throw new Error('the demo has clips');
    editor.setState({ selectedClipIds: [clip.id], selectedTrackId: track.id });
    commands.seek(clip.start + 960);
    commands.run('split');
    expect(findClip(session.store.getState().snapshot, clip.id)?.clip.length).toBe(960);
    commands.run('duplicate');
    const copies = editor.getState().selectedClipIds;
    expect(copies).toHaveLength(1);
    commands.run('delete');
    expect(findClip(session.store.getState().snapshot, copies[0] ?? '')).toBeUndefined();
    commands.run('undo');
    expect(findClip(session.store.getState().snapshot, copies[0] ?? '')).toBeDefined();
    commands.run('undo');
    commands.run('undo');
    expect(findClip(session.store.getState().snapshot, clip.id)?.clip.length).toBe(clip.length);
    expect(() => {
      commands.seek(0);
      editor.setState({ selectedClipIds: [] });
      commands.run('split');
    }).toThrow(/playhead inside a clip/);
  });

  it('runs the transport clock through the tempo map and arms the selected track', () => {
    const session = demo();
    const editor = createEditorStore();
    let now = 1000;
    const commands = createEditorCommands(session, editor, () => now);
    const bpm = session.store.getState().snapshot.tempo[0]?.bpm ?? 120;
    commands.run('playStop');
    now += 60_000 / bpm;
    expect(commands.tick()).toBeCloseTo(960);
    commands.run('pause');
    expect(editor.getState()).toMatchObject({ transport: { playing: false } });
    expect(editor.getState().playhead).toBeCloseTo(960);
    // Stop returns to where playback started; pause stays.
    commands.run('pause');
    now += 60_000 / bpm;
    commands.run('playStop');
    expect(editor.getState().playhead).toBeCloseTo(960);
    const track = session.store.getState().snapshot.tracks[0];
    editor.setState({ selectedTrackId: track?.id ?? null });
    commands.run('arm');
    expect(session.store.getState().snapshot.tracks[0]?.arm).toBe(true);
  });
});
