import type { z } from 'zod';
import { hostEvents, type HostEvent } from '@encore/shared/host/contract';
import type { Disposable } from './disposable';

export type HostEventPayload<E extends HostEvent> = z.infer<(typeof hostEvents)[E]>;
export type AnyHostEventListener = (event: HostEvent, payload: unknown) => void;

/**
 * The host's one source of events for the renderer. Services emit here; each transport
 * (WebSocket, Electron IPC) forwards everything with {@link HostEventBus.onAny}. Payloads are
 * parsed against the contract on emit, so a transport never forwards a malformed event.
 *
 * @example
 * const bus = new HostEventBus();
 * const off = bus.onAny((event, payload) => socket.send(JSON.stringify({ v: 1, event, payload })));
 * bus.emit('connectivity.changed', { syncServer: 'online', checkedAt: new Date().toISOString() });
 */
export class HostEventBus implements Disposable {
  private readonly typed = new Map<HostEvent, Set<(payload: never) => void>>();
  private readonly any = new Set<AnyHostEventListener>();

  on<E extends HostEvent>(event: E, listener: (payload: HostEventPayload<E>) => void): () => void {
    let set = this.typed.get(event);
    if (!set) this.typed.set(event, (set = new Set()));
    const l = listener as (payload: never) => void;
    set.add(l);
    return () => set.delete(l);
  }

  onAny(listener: AnyHostEventListener): () => void {
    this.any.add(listener);
    return () => this.any.delete(listener);
  }

  emit<E extends HostEvent>(event: E, payload: HostEventPayload<E>): void {
    const parsed = hostEvents[event].parse(payload) as HostEventPayload<E>;
    for (const l of [...(this.typed.get(event) ?? [])]) (l as (p: HostEventPayload<E>) => void)(parsed);
    for (const l of [...this.any]) l(event, parsed);
  }

  /** Number of attached listeners; lets tests prove that every subscriber let go. */
  get listenerCount(): number {
    let n = this.any.size;
    for (const set of this.typed.values()) n += set.size;
    return n;
  }

  dispose(): void {
    this.typed.clear();
    this.any.clear();
  }
}
