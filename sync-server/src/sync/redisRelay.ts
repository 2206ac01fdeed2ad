import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { z } from 'zod';
import { StudioRole } from '@encore/shared/api/studio';
import { docKey, parseDocId } from '@encore/shared/sync/docIds';
import type { Logger } from '../logger';
import type { MembershipEvent } from '../services/studio/membershipEvents';

const KIND = { update: 0, awareness: 1 } as const;
type Kind = keyof typeof KIND;

export interface RelayedMessage {
  docId: string;
  from: string;
  seq: number;
  kind: Kind;
  payload: Uint8Array;
}

/** A document's key as the hub spells it (a project's bare uuid, `playlist:<uuid>`, ...). */
const DocKey = z.string().refine((s) => {
  const ref = parseDocId(s);
  return ref !== undefined && docKey(ref) === s;
}, 'not a document key');

const ControlMessage = z.object({
  from: z.string(),
  event: z.discriminatedUnion('type', [
    z.object({ type: z.literal('role-changed'), docId: DocKey, userId: z.uuid(), role: StudioRole }),
    z.object({ type: z.literal('member-removed'), docId: DocKey, userId: z.uuid() }),
    z.object({ type: z.literal('project-deleted'), docId: DocKey }),
  ]),
});

export interface RelayHandlers {
  onMessage(m: RelayedMessage): void;
  onControl(e: MembershipEvent): void;
  /** The subscription was lost and is back: messages may have been missed. */
  onResubscribed(): void;
}

/**
 * Fans document updates, awareness and membership changes out to the other sync-server
 * instances through Redis pub/sub: one channel per loaded document, one control channel.
 * Each message carries the sender's instance id and a per-document sequence number, so a
 * receiver notices a gap (a message lost while Redis was away) and reconciles that
 * document with PostgreSQL.
 *
 * @example
 * const relay = await RedisRelay.connect(url, 'encore:', log, handlers);
 * await relay.subscribe(docId);
 * relay.publish(docId, 'update', update);
 */
export class RedisRelay {
  private readonly seq = new Map<string, number>();
  private readyOnce = false;

  private constructor(
    readonly instanceId: string,
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly prefix: string,
    private readonly log: Logger,
    private readonly handlers: RelayHandlers,
  ) {}

  static async connect(url: string, prefix: string, log: Logger, handlers: RelayHandlers): Promise<RedisRelay> {
    const opts = { maxRetriesPerRequest: 2, retryStrategy: (n: number) => Math.min(50 * n, 2_000) };
    const instanceId = randomBytes(8).toString('hex');
    const pub = new Redis(url, { ...opts, connectionName: `encore-sync-pub-${instanceId}` });
    const sub = new Redis(url, { ...opts, connectionName: `encore-sync-sub-${instanceId}` });
    const relay = new RedisRelay(instanceId, pub, sub, prefix, log, handlers);
    pub.on('error', (err) => log.warn({ err }, 'sync relay: redis (publish) error'));
    sub.on('error', (err) => log.warn({ err }, 'sync relay: redis (subscribe) error'));
    sub.on('ready', () => {
      if (relay.readyOnce) handlers.onResubscribed();
      relay.readyOnce = true;
    });
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) => relay.receive(channel.toString(), message));
    await sub.subscribe(relay.controlChannel);
    return relay;
  }

  /** The subscriber's Redis client name, so operators (and tests) can find it in CLIENT LIST. */
  get subscriberName(): string {
    return `encore-sync-sub-${this.instanceId}`;
  }

  private get controlChannel(): string {
    return `${this.prefix}sync:control`;
  }

  private docChannel(docId: string): string {
    return `${this.prefix}sync:doc:${docId}`;
  }

  async subscribe(docId: string): Promise<void> {
    await this.sub.subscribe(this.docChannel(docId));
  }

  async unsubscribe(docId: string): Promise<void> {
    this.seq.delete(docId);
    await this.sub.unsubscribe(this.docChannel(docId)).catch((err: unknown) => this.log.warn({ err, docId }, 'sync relay: unsubscribe failed'));
  }

  /** Fire and forget: a message lost here shows up as a gap at the receivers. */
  publish(docId: string, kind: Kind, payload: Uint8Array): void {
    const seq = (this.seq.get(docId) ?? 0) + 1;
    this.seq.set(docId, seq);
    const e = encoding.createEncoder();
    encoding.writeVarString(e, this.instanceId);
    encoding.writeVarUint(e, seq);
    encoding.writeVarUint(e, KIND[kind]);
    encoding.writeVarUint8Array(e, payload);
    this.pub.publish(this.docChannel(docId), Buffer.from(encoding.toUint8Array(e))).catch((err: unknown) => this.log.warn({ err, docId }, 'sync relay: publish failed'));
  }

  publishControl(event: MembershipEvent): void {
    this.pub.publish(this.controlChannel, JSON.stringify({ from: this.instanceId, event })).catch((err: unknown) => this.log.warn({ err }, 'sync relay: control publish failed'));
  }

  private receive(channel: string, message: Buffer): void {
    try {
      if (channel === this.controlChannel) {
        const parsed = ControlMessage.safeParse(JSON.parse(message.toString('utf8')));
        if (parsed.success && parsed.data.from !== this.instanceId) this.handlers.onControl(parsed.data.event);
        return;
      }
      const docPrefix = `${this.prefix}sync:doc:`;
      if (!channel.startsWith(docPrefix)) return;
      const d = decoding.createDecoder(new Uint8Array(message.buffer, message.byteOffset, message.byteLength));
      const from = decoding.readVarString(d);
      if (from === this.instanceId) return;
      const seq = decoding.readVarUint(d);
      const kind = decoding.readVarUint(d) === KIND.update ? 'update' : 'awareness';
      const payload = decoding.readVarUint8Array(d);
      this.handlers.onMessage({ docId: channel.slice(docPrefix.length), from, seq, kind, payload });
    } catch (err) {
      this.log.warn({ err, channel }, 'sync relay: unreadable message ignored');
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.sub.quit(), this.pub.quit()]);
  }
}
