import type { StudioRole } from '@encore/shared/api/studio';

/** A change of who may open a document, as the sync sockets must apply it at once. */
export type MembershipEvent =
  | { type: 'role-changed'; docId: string; userId: string; role: StudioRole }
  | { type: 'member-removed'; docId: string; userId: string }
  | { type: 'project-deleted'; docId: string };

type Listener = (e: MembershipEvent) => void;

/**
 * Tells the sync layer about membership changes made through the REST API. In-process
 * only; the sync server forwards each event to the other instances through Redis.
 *
 * @example
 * events.on((e) => hub.applyMembership(e));
 * events.emit({ type: 'member-removed', docId, userId });
 */
export class MembershipEvents {
  private readonly listeners = new Set<Listener>();

  on(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(e: MembershipEvent): void {
    for (const l of this.listeners) l(e);
  }
}
