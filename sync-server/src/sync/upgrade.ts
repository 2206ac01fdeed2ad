import type { IncomingMessage, Server } from 'node:http';
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { decodeJwt } from 'jose';
import { WebSocketServer } from 'ws';
import { SYNC_SUBPROTOCOL, type StudioRole } from '@encore/shared/api/studio';
import { EncoreError } from '@encore/shared/errors';
import { docKey, parseDocId, type DocRef } from '@encore/shared/sync/docIds';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { authenticate } from '../middleware/auth';
import type { Services } from '../services/services';
import { playlistExists, playlistRole } from '../services/collab/playlists';
import { memberRole, projectExists } from '../services/studio/projects';
import type { SyncHub } from './hub';

const PATH = /^\/sync\/([^/]+)$/;
const BEARER_PROTOCOL = 'bearer.';

/** The access token from `?token=` or from a `bearer.<token>` entry of Sec-WebSocket-Protocol. */
export function tokenOf(req: IncomingMessage, url: URL): string | undefined {
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return fromQuery;
  const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
  return protocols.find((p) => p.startsWith(BEARER_PROTOCOL))?.slice(BEARER_PROTOCOL.length) || undefined;
}

function refuse(socket: Duplex, err: EncoreError, clock: Clock): void {
  const body = JSON.stringify({ error: err.toBody(`req_${randomBytes(12).toString('base64url')}`, clock.now()) });
  const statusText: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 503: 'Service Unavailable' };
  socket.end(
    `HTTP/1.1 ${err.status} ${statusText[err.status] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * When the (already verified) token expires, as a wall-clock epoch in ms. The server's clock may
 * be a test clock, so the remaining lifetime is measured on it and carried onto Date.now().
 */
function expiryOf(token: string | undefined, clock: Clock): number | undefined {
  const exp = token ? decodeJwt(token).exp : undefined;
  return exp === undefined ? undefined : Date.now() + (exp * 1000 - clock.now().getTime());
}

/**
 * The caller's role in a document, by its kind: project and playlist members have theirs; a
 * user's library state is theirs alone (any of their devices, as owner). Otherwise the refusal:
 * 404 for a document that does not exist, 403 for one the caller may not open.
 */
async function roleIn(db: Services['db'], ref: DocRef, userId: string): Promise<StudioRole | EncoreError> {
  switch (ref.kind) {
    case 'project': {
      const role = await memberRole(db, ref.id, userId);
      if (role) return role;
      return (await projectExists(db, ref.id)) ? new EncoreError('FORBIDDEN', 'You are not a member of this project') : new EncoreError('PROJECT_NOT_FOUND', 'No such document');
    }
    case 'playlist': {
      const role = await playlistRole(db, ref.id, userId);
      if (role) return role;
      return (await playlistExists(db, ref.id)) ? new EncoreError('FORBIDDEN', 'You are not a member of this playlist') : new EncoreError('PLAYLIST_NOT_FOUND', 'No such document');
    }
    case 'user-library':
      return ref.userId === userId ? 'owner' : new EncoreError('FORBIDDEN', "Another user's library state is theirs alone");
  }
}

export interface SyncUpgradeOptions {
  services: Pick<Services, 'db' | 'clock' | 'accessTokens'>;
  hub: SyncHub;
  log: Logger;
  maxMessageBytes: number;
}

/**
 * Serves `ws(s)://host/sync/<docId>` on the HTTP server's upgrade event. The handshake is
 * completed only for a live access token (query `token` or subprotocol `bearer.<token>`)
 * of someone who may open the document (by its kind, see {@link roleIn}); otherwise the answer is 401, 403 or 404 with the error
 * envelope and no socket is opened. Frames above `maxMessageBytes` are refused from their
 * header (ws maxPayload), so a huge message is never buffered.
 *
 * @example
 * const detach = attachSyncUpgrade(httpServer, { services, hub, log, maxMessageBytes: 16 << 20 });
 */
export function attachSyncUpgrade(server: Server, o: SyncUpgradeOptions): () => void {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: o.maxMessageBytes,
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has(SYNC_SUBPROTOCOL) ? SYNC_SUBPROTOCOL : false),
  });
  const { clock } = o.services;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', (err) => o.log.debug({ err }, 'sync: upgrade socket error'));
    void handle(req, socket, head).catch((err: unknown) => {
      o.log.error({ err }, 'sync: upgrade failed');
      if (!socket.destroyed) refuse(socket, new EncoreError('INTERNAL', 'Something went wrong on our side'), clock);
    });
  };

  async function handle(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = PATH.exec(url.pathname);
    if (!match?.[1]) return refuse(socket, new EncoreError('ROUTE_NOT_FOUND', `No WebSocket endpoint at ${url.pathname}`), clock);
    let ref: DocRef | undefined;
    try {
      ref = parseDocId(decodeURIComponent(match[1]));
    } catch {
      ref = undefined; // a malformed %-escape names no document
    }
    if (!ref) return refuse(socket, new EncoreError('PROJECT_NOT_FOUND', 'No such document'), clock);
    const token = tokenOf(req, url);
    let auth;
    try {
      auth = await authenticate(o.services, token ? `Bearer ${token}` : undefined);
    } catch (e) {
      if (e instanceof EncoreError) return refuse(socket, e, clock);
      throw e;
    }
    const role = await roleIn(o.services.db, ref, auth.userId);
    if (role instanceof EncoreError) return refuse(socket, role, clock);
    if (socket.destroyed) return;
    const expiresAt = expiryOf(token, clock);
    const docId = docKey(ref);
    wss.handleUpgrade(req, socket, head, (ws) => o.hub.connect(ws, { docId, userId: auth.userId, sessionId: auth.sessionId, role, ...(expiresAt ? { expiresAt } : {}) }));
  }

  server.on('upgrade', onUpgrade);
  return () => {
    server.off('upgrade', onUpgrade);
    wss.close();
  };
}
