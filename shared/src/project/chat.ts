import type * as Y from 'yjs';
import { z } from 'zod';
import { EncoreError } from '../errors';

/**
 * The project chat: a root `Y.Array` named `chat` of plain messages, appended only. It lives
 * beside the project's schema roots (not part of `ROOTS`, not migrated, not undoable): it is
 * conversation about the project, synced with it, and readers skip invalid entries.
 */
export const CHAT_ROOT = 'chat';
/** Messages kept: the oldest go once the chat grows past this. */
export const CHAT_KEEP = 500;

export const ChatMessage = z.object({
  id: z.string().min(1).max(64),
  author: z.string().min(1).max(64),
  text: z.string().min(1).max(2000),
  /** Milliseconds since the epoch, as the author's clock said. */
  at: z.number().int().nonnegative(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** The chat's messages in document order, invalid entries skipped. */
export function readChat(doc: Y.Doc): ChatMessage[] {
  const out: ChatMessage[] = [];
  for (const item of doc.getArray<unknown>(CHAT_ROOT).toArray()) {
    const m = ChatMessage.safeParse(item);
    if (m.success) out.push(m.data);
  }
  return out;
}

/**
 * Appends a message (trimmed, 1–2000 characters) in one transaction under `origin`.
 *
 * @example
 * appendChat(doc, { id: newId(), author: 'ada', text: 'Love the bridge', at: Date.now() }, 'chat');
 */
export function appendChat(doc: Y.Doc, message: ChatMessage, origin: unknown): void {
  const parsed = ChatMessage.safeParse({ ...message, text: message.text.trim() });
  if (!parsed.success) throw new EncoreError('VALIDATION_FAILED', 'A chat message needs 1 to 2000 characters', { reason: 'chat-message-invalid' });
  const chat = doc.getArray<unknown>(CHAT_ROOT);
  doc.transact(() => {
    chat.push([parsed.data]);
    if (chat.length > CHAT_KEEP) chat.delete(0, chat.length - CHAT_KEEP);
  }, origin);
}

/** Calls `listener` after every change of the chat; returns the unsubscribe. */
export function observeChat(doc: Y.Doc, listener: () => void): () => void {
  const chat = doc.getArray<unknown>(CHAT_ROOT);
  const l = () => listener();
  chat.observe(l);
  return () => chat.unobserve(l);
}
