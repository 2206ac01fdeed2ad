import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendChat, readChat } from './chat';
import { readProject } from './read/readProject';
import { replaceContent } from './replaceContent';
import { setup } from './testing.fixtures';

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
};

describe('replaceContent (restoring a version)', () => {
  it('brings back the version as one update on top of the live history, which a peer receives; the chat stays', () => {
    const { doc, api } = setup('alice');
    const vox = api.createTrack({ kind: 'audio', name: 'Vox' });
    api.setVolume({ trackId: vox, volumeDb: -6 });
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(doc));
    const saved = readProject(version);

    // A collaborator's replica, in sync, then the live project moves on.
    const peer = new Y.Doc();
    sync(doc, peer);
    api.renameTrack({ trackId: vox, name: 'Lead vox' });
    api.setVolume({ trackId: vox, volumeDb: 2 });
    api.createTrack({ kind: 'instrument', name: 'Keys' });
    appendChat(doc, { id: 'm1', author: 'ada', text: 'before the restore', at: 1 }, 'alice');
    sync(doc, peer);

    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    replaceContent(doc, version, 'restore');
    expect(updates).toHaveLength(1);
    expect(readProject(doc).tracks).toEqual(saved.tracks);
    expect(readProject(doc).tracks.map((t) => t.name)).toEqual(['Vox']);
    expect(readChat(doc).map((m) => m.text)).toEqual(['before the restore']);

    // The peer gets the restore as an ordinary update: same project, chat kept, history grows.
    Y.applyUpdate(peer, updates[0]!);
    expect(readProject(peer)).toEqual(readProject(doc));
    expect(readChat(peer).map((m) => m.text)).toEqual(['before the restore']);
  });

  it('changes nothing when the live project already equals the version', () => {
    const { doc, api } = setup('alice');
    api.createTrack({ kind: 'audio', name: 'Vox' });
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(doc));
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    replaceContent(doc, version, 'restore');
    expect(updates).toHaveLength(0);
  });

  it("keeps a peer's concurrent edit to a record the restore did not touch", () => {
    const { doc, api } = setup('alice');
    const a = api.createTrack({ kind: 'audio', name: 'A' });
    const b = api.createTrack({ kind: 'audio', name: 'B' });
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(doc));
    const peer = new Y.Doc();
    sync(doc, peer);
    api.renameTrack({ trackId: a, name: 'A2' });
    // Offline on the peer: B's volume changes while the live doc restores the version.
    const tracks = peer.getMap('tracks');
    const bMap = tracks.get(b) as Y.Map<unknown>;
    bMap.set('volumeDb', -12);
    replaceContent(doc, version, 'restore');
    sync(doc, peer);
    const p = readProject(doc);
    expect(p.tracks.find((t) => t.id === a)?.name).toBe('A');
    expect(p.tracks.find((t) => t.id === b)?.volumeDb).toBe(-12);
    expect(readProject(peer)).toEqual(p);
  });
});
