import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { RestoreVersionResponse, VersionDetailResponse, VersionListResponse, VersionResponse } from '@encore/shared/api/studioVersions';
import { ProjectApi } from '@encore/shared/project/api/ProjectApi';
import { readProject } from '@encore/shared/project/read/readProject';
import { documentVersion } from '@encore/shared/project/schema/migrations';
import { createDemoProject } from '@encore/shared/project/templates/demoProject';
import { docUpdates } from '../../db/schema/index';
import { describeEachDatabase } from '../../test/databases';
import { api, client, sharedProject, signUp, startSyncServer, synced, waitFor, type Account, type SyncTestServer } from '../../test/syncClients';

const trackNames = (doc: Y.Doc) => (documentVersion(doc) === undefined ? [] : readProject(doc).tracks.map((t) => t.name));

describeEachDatabase(
  'studio versions: shared history on the server',
  (db) => {
    let server: SyncTestServer;
    beforeAll(async () => {
      server = await startSyncServer(db());
      // The stock client reports the viewer's refused sync step 2 with console.warn.
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    });
    afterAll(async () => {
      await server.close();
    });
    const team = async () => {
      const [owner, editor, viewer, stranger] = await Promise.all([signUp(server.url, 'own'), signUp(server.url, 'ed'), signUp(server.url, 'vi'), signUp(server.url, 'st')]);
      const id = await sharedProject(server.url, owner!, [
        [editor!, 'editor'],
        [viewer!, 'viewer'],
      ]);
      return { owner: owner!, editor: editor!, viewer: viewer!, stranger: stranger!, id };
    };
    const call = <T>(method: string, path: string, who: Account, json?: unknown) => api<T>(server.url, method, `/api/studio/projects${path}`, { token: who.token, ...(json !== undefined ? { json } : {}) });
    const seqs = async (id: string) => (await db().db.select({ seq: docUpdates.seq }).from(docUpdates).where(eq(docUpdates.docId, id)).orderBy(asc(docUpdates.seq))).map((r) => r.seq);

    it('lets members list and read versions, editors and owners name and restore them, and no one else', async () => {
      const { owner, editor, viewer, stranger, id } = await team();
      const c = client(server.wsUrl, id, editor.token);
      try {
        await synced(c);
        createDemoProject(c.doc, { title: 'Night drive' });
        await server.sync.flush();
        await waitFor(async () => (await seqs(id)).length > 0, 10_000, 'the demo stored');

        const named = await call<unknown>('POST', `/${id}/versions`, editor, { name: '  First mix  ' });
        expect(named.status).toBe(201);
        const version = VersionResponse.parse(named.body).version;
        expect(version).toMatchObject({ projectId: id, kind: 'named', name: 'First mix', createdBy: { userId: editor.userId, username: editor.username } });
        expect(version.sizeBytes).toBeGreaterThan(1000);

        expect((await call('POST', `/${id}/versions`, viewer, { name: 'Mine' })).status).toBe(403);
        expect((await call('POST', `/${id}/versions`, stranger, { name: 'Mine' })).status).toBe(404);
        expect((await call('POST', `/${id}/versions`, owner, { name: '' })).status).toBe(400);
        expect((await call('POST', `/${id}/versions`, owner, { name: 'bad\u0007name' })).status).toBe(400);

        const list = await call<unknown>('GET', `/${id}/versions`, viewer);
        expect(list.status).toBe(200);
        expect(VersionListResponse.parse(list.body).versions.map((v) => v.name)).toContain('First mix');
        expect((await call('GET', `/${id}/versions`, stranger)).status).toBe(404);

        const detail = await call<unknown>('GET', `/${id}/versions/${version.id}`, viewer);
        expect(detail.status).toBe(200);
        const d = VersionDetailResponse.parse(detail.body);
        expect(d.preview).toMatchObject({ title: 'Night drive', trackCount: 5, trackNames: ['Drums', 'Bass', 'Chords', 'Lead', 'Reverb'], bpm: 110 });
        expect(d.preview.clipCount).toBeGreaterThan(0);
        expect(d.preview.lengthSeconds).toBeGreaterThan(10);
        expect(Buffer.from(d.state, 'base64').byteLength).toBe(version.sizeBytes);
        expect((await call('GET', `/${id}/versions/${version.id}`, stranger)).status).toBe(404);
        expect((await call('GET', `/${id}/versions/00000000-0000-4000-8000-000000000000`, owner)).status).toBe(404);

        expect((await call('POST', `/${id}/versions/${version.id}/restore`, viewer)).status).toBe(403);
        expect((await call('POST', `/${id}/versions/${version.id}/restore`, stranger)).status).toBe(404);
        // A version of another project is not found through this one.
        const other = await sharedProject(server.url, owner);
        expect((await call('POST', `/${other}/versions/${version.id}/restore`, owner)).status).toBe(404);
      } finally {
        c.destroy();
      }
    });

    it('restores as a new change: a connected stock client receives it, the log is appended, nothing is rewritten', async () => {
      const { owner, editor, viewer, id } = await team();
      const writer = client(server.wsUrl, id, editor.token);
      const watcher = client(server.wsUrl, id, viewer.token);
      try {
        await Promise.all([synced(writer), synced(watcher)]);
        createDemoProject(writer.doc, { title: 'Night drive' });
        await waitFor(() => trackNames(watcher.doc).length === 5, 10_000, 'the viewer to see the demo');
        await server.sync.flush();
        const saved = VersionResponse.parse((await call<unknown>('POST', `/${id}/versions`, owner, { name: 'Five tracks' })).body).version;

        // Edits after the version: a track removed, one renamed, one added.
        const edit = new ProjectApi(writer.doc, { origin: 'editor' });
        const tracks = readProject(writer.doc).tracks;
        edit.deleteTrack({ trackId: tracks[0]!.id });
        edit.renameTrack({ trackId: tracks[1]!.id, name: 'Sub bass' });
        edit.createTrack({ kind: 'audio', name: 'Vocals' });
        await waitFor(() => trackNames(watcher.doc).includes('Vocals'), 10_000, 'the edits to reach the viewer');
        await server.sync.flush();
        const before = await seqs(id);
        expect(before.length).toBeGreaterThan(0);

        const updates: Uint8Array[] = [];
        watcher.doc.on('update', (u: Uint8Array) => updates.push(u));
        const res = await call<unknown>('POST', `/${id}/versions/${saved.id}/restore`, editor);
        expect(res.status).toBe(200);
        const { restored, backup } = RestoreVersionResponse.parse(res.body);
        expect(restored.id).toBe(saved.id);
        expect(backup).toMatchObject({ kind: 'auto', name: 'Before restoring “Five tracks”', createdBy: { userId: editor.userId } });

        await waitFor(() => trackNames(watcher.doc).join() === 'Drums,Bass,Chords,Lead,Reverb', 10_000, 'the restore to reach the viewer');
        await waitFor(() => trackNames(writer.doc).join() === 'Drums,Bass,Chords,Lead,Reverb', 10_000, 'the restore to reach the editor');
        expect(updates.length).toBeGreaterThan(0);
        const after = await seqs(id);
        // Appended: every earlier row is still there, and new ones follow.
        expect(after.slice(0, before.length)).toEqual(before);
        expect(after.length).toBeGreaterThan(before.length);

        // The backup holds what the restore replaced.
        const b = VersionDetailResponse.parse((await call<unknown>('GET', `/${id}/versions/${backup.id}`, viewer)).body);
        expect(b.preview.trackNames).toContain('Vocals');
        expect(b.preview.trackNames).not.toContain('Drums');

        // A cold reload (a new client) sees the restored state from the database.
        const late = client(server.wsUrl, id, owner.token);
        try {
          await synced(late);
          await waitFor(() => trackNames(late.doc).join() === 'Drums,Bass,Chords,Lead,Reverb', 10_000, 'a new client to see the restored state');
        } finally {
          late.destroy();
        }
      } finally {
        writer.destroy();
        watcher.destroy();
      }
    });

    it('takes an automatic version when a project is first edited, once per interval', async () => {
      const { owner, editor, id } = await team();
      const c = client(server.wsUrl, id, editor.token);
      try {
        await synced(c);
        createDemoProject(c.doc, { title: 'Auto' });
        await server.sync.flush();
        await waitFor(async () => VersionListResponse.parse((await call<unknown>('GET', `/${id}/versions`, owner)).body).versions.some((v) => v.kind === 'auto'), 10_000, 'an automatic version');
        new ProjectApi(c.doc, { origin: 'editor' }).createTrack({ kind: 'audio', name: 'More' });
        await server.sync.flush();
        await new Promise((r) => setTimeout(r, 300));
        const autos = VersionListResponse.parse((await call<unknown>('GET', `/${id}/versions`, owner)).body).versions.filter((v) => v.kind === 'auto');
        expect(autos).toHaveLength(1);
        expect(autos[0]!.createdBy).toBeNull();
      } finally {
        c.destroy();
      }
    });
  },
  { truncate: false },
);
