import type * as Y from 'yjs';
import { EncoreError } from '@encore/shared/errors';

/** What the REST side may do with a collaboration document; the sync hub implements it. */
export interface LiveDocuments {
  /** The document's current state, encoded: what is stored plus what this instance holds in memory. */
  state(docKey: string): Promise<Uint8Array>;
  /**
   * Runs `change` in one transaction on the live document (loading it if needed): sockets
   * receive it as an update, other instances through the relay, and the log stores it.
   * Resolves once the update is durable.
   */
  change(docKey: string, change: (doc: Y.Doc) => void): Promise<void>;
}

/**
 * The REST app is built before the sync hub exists (server.ts); routes hold this gateway and
 * the server binds the hub to it once it runs. An app without a hub (route tests on
 * `app.request`) answers SERVICE_UNAVAILABLE for what needs the live document.
 *
 * @example
 * services.documents.bind(hub);
 * const state = await services.documents.state(projectId);
 */
export class DocumentGateway implements LiveDocuments {
  private impl: LiveDocuments | undefined;

  bind(impl: LiveDocuments): void {
    this.impl = impl;
  }

  state(docKey: string): Promise<Uint8Array> {
    return this.live().state(docKey);
  }

  change(docKey: string, change: (doc: Y.Doc) => void): Promise<void> {
    return this.live().change(docKey, change);
  }

  private live(): LiveDocuments {
    if (!this.impl) throw new EncoreError('SERVICE_UNAVAILABLE', 'Collaboration documents are not available on this server', { reason: 'no-sync-hub' });
    return this.impl;
  }
}
