import * as Y from 'yjs';
import type { StudioRole } from '@encore/shared/api/studio';
import type { EncoreDatabase } from '../../db/database';

export type ReplicaKind = 'playlist' | 'user-library';

export interface ReplicaRow {
  serverUrl: string;
  docKey: string;
  userId: string;
  kind: ReplicaKind;
  name: string;
  role: StudioRole | null;
}

interface RawRow {
  server_url: string;
  doc_key: string;
  user_id: string;
  kind: ReplicaKind;
  name: string;
  role: StudioRole | null;
}

/** Log rows after which loading folds a document's log into one row. */
const COMPACT_AFTER_ROWS = 200;

/**
 * SQLite storage of the synced documents that are not studio projects (migration 0008): which
 * documents an account keeps on this device, and each document's update log. Every update is
 * committed before {@link append} returns, so an acknowledged edit survives a crash.
 *
 * @example
 * const store = new DocReplicaStore(db);
 * const doc = store.load(server, 'playlist:…');
 * doc.on('update', (u) => store.append(server, 'playlist:…', u));
 */
export class DocReplicaStore {
  constructor(private readonly db: EncoreDatabase) {}

  rows(serverUrl: string, userId: string, kind: ReplicaKind): ReplicaRow[] {
    const raw = this.db.sqlite
      .prepare('SELECT server_url, doc_key, user_id, kind, name, role FROM synced_docs WHERE server_url = ? AND user_id = ? AND kind = ? ORDER BY added_at, doc_key')
      .all(serverUrl, userId, kind) as RawRow[];
    return raw.map((r) => ({ serverUrl: r.server_url, docKey: r.doc_key, userId: r.user_id, kind: r.kind, name: r.name, role: r.role }));
  }

  upsert(row: ReplicaRow, now: Date): void {
    this.write(() =>
      this.db.sqlite
        .prepare(
          `INSERT INTO synced_docs (server_url, doc_key, user_id, kind, name, role, added_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (server_url, doc_key, user_id) DO UPDATE SET name = excluded.name, role = excluded.role`,
        )
        .run(row.serverUrl, row.docKey, row.userId, row.kind, row.name, row.role, now.toISOString()),
    );
  }

  /** Forgets a document for one account; its log goes too when no other account keeps it. */
  remove(serverUrl: string, docKey: string, userId: string): void {
    this.write(() => {
      this.db.sqlite.prepare('DELETE FROM synced_docs WHERE server_url = ? AND doc_key = ? AND user_id = ?').run(serverUrl, docKey, userId);
      const left = this.db.sqlite.prepare('SELECT count(*) FROM synced_docs WHERE server_url = ? AND doc_key = ?').pluck().get(serverUrl, docKey) as number;
      if (left === 0) this.db.sqlite.prepare('DELETE FROM synced_doc_updates WHERE server_url = ? AND doc_key = ?').run(serverUrl, docKey);
    });
  }

  /** The document as stored; a long log is folded into one row first (in one transaction). */
  load(serverUrl: string, docKey: string): Y.Doc {
    const updates = (this.db.sqlite.prepare('SELECT data FROM synced_doc_updates WHERE server_url = ? AND doc_key = ? ORDER BY seq').pluck().all(serverUrl, docKey) as Buffer[]).map((b) => new Uint8Array(b));
    const doc = new Y.Doc();
    Y.transact(doc, () => {
      for (const u of updates) Y.applyUpdate(doc, u);
    });
    if (updates.length > COMPACT_AFTER_ROWS) {
      const merged = Y.encodeStateAsUpdate(doc);
      this.write(() => {
        this.db.sqlite.prepare('DELETE FROM synced_doc_updates WHERE server_url = ? AND doc_key = ?').run(serverUrl, docKey);
        this.insert(serverUrl, docKey, merged);
      });
    }
    return doc;
  }

  append(serverUrl: string, docKey: string, update: Uint8Array): void {
    this.write(() => this.insert(serverUrl, docKey, update));
  }

  private insert(serverUrl: string, docKey: string, update: Uint8Array): void {
    this.db.sqlite.prepare('INSERT INTO synced_doc_updates (server_url, doc_key, data, created_at) VALUES (?, ?, ?, ?)').run(serverUrl, docKey, Buffer.from(update), new Date().toISOString());
  }

  private write(fn: () => void): void {
    this.db.sqlite.transaction(fn).immediate();
  }
}
