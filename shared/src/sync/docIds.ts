import { z } from 'zod';

/**
 * Names of the documents served at `ws(s)://host/sync/<docId>`. A document id carries its
 * kind, so the server knows which rules authorise it:
 *
 * - `project:<uuid>`: a studio project (owner/editor/viewer members). A bare `<uuid>` is the
 *   same project, as clients before namespacing spelt it; both open one document.
 * - `playlist:<uuid>`: a collaborative playlist (owner/editor/viewer members).
 * - `user:<uuid>:library`: one user's library state (likes, saved albums, player settings),
 *   open to that user only, from any of their devices.
 */
export type DocRef = { kind: 'project'; id: string } | { kind: 'playlist'; id: string } | { kind: 'user-library'; userId: string };

const Uuid = z.uuid();
const FORM = /^(?:(project|playlist):([^:]+)|user:([^:]+):library|([^:]+))$/;

/**
 * The document a `/sync/<docId>` path names, or undefined when it names none.
 *
 * @example
 * parseDocId('playlist:3b2e…') // { kind: 'playlist', id: '3b2e…' }
 * parseDocId('3b2e…')          // { kind: 'project', id: '3b2e…' } (compatibility)
 */
export function parseDocId(raw: string): DocRef | undefined {
  const m = FORM.exec(raw);
  if (!m) return undefined;
  const [, prefix, prefixed, userId, bare] = m;
  const id = (prefixed ?? userId ?? bare ?? '').toLowerCase();
  if (!Uuid.safeParse(id).success) return undefined;
  if (userId !== undefined) return { kind: 'user-library', userId: id };
  return { kind: prefix === 'playlist' ? 'playlist' : 'project', id };
}

/**
 * The one spelling of a document's id, used as its room and storage key. Projects keep their
 * bare uuid, so documents stored before namespacing stay where they are.
 */
export function docKey(ref: DocRef): string {
  switch (ref.kind) {
    case 'project':
      return ref.id;
    case 'playlist':
      return `playlist:${ref.id}`;
    case 'user-library':
      return `user:${ref.userId}:library`;
  }
}

export const playlistDocId = (id: string): string => docKey({ kind: 'playlist', id });
export const userLibraryDocId = (userId: string): string => docKey({ kind: 'user-library', userId });
