import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/**
 * The y-websocket wire protocol (yjs 13): a varuint message type, then its payload.
 * Every frame a client sends is parsed completely here before anything touches a document,
 * so garbage and truncated updates are refused without side effects.
 */
export const MessageType = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const;
const SyncStep = { step1: 0, step2: 1, update: 2 } as const;

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'sync-step2'; update: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' };

/** A frame that is not valid protocol: the socket that sent it is closed, nothing else. */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
}

/** Awareness updates larger than this many entries are refused (a client owns one or a few). */
const MAX_AWARENESS_ENTRIES = 64;

function readBytes(decoder: decoding.Decoder): Uint8Array {
  return decoding.readVarUint8Array(decoder);
}

/** Decodes a Yjs update fully without applying it; throws on anything malformed or truncated. */
export function assertValidUpdate(update: Uint8Array): void {
  try {
    Y.decodeUpdate(update);
  } catch {
    throw new ProtocolError('malformed Yjs update');
  }
}

function assertValidAwareness(update: Uint8Array): void {
  const d = decoding.createDecoder(update);
  const n = decoding.readVarUint(d);
  if (n > MAX_AWARENESS_ENTRIES) throw new ProtocolError('too many awareness entries');
  for (let i = 0; i < n; i++) {
    decoding.readVarUint(d);
    decoding.readVarUint(d);
    JSON.parse(decoding.readVarString(d));
  }
  if (decoding.hasContent(d)) throw new ProtocolError('trailing bytes in awareness update');
}

/**
 * Parses one client frame.
 *
 * @example
 * const msg = parseMessage(new Uint8Array(data)); // throws ProtocolError on garbage
 */
export function parseMessage(data: Uint8Array): ClientMessage {
  try {
    const d = decoding.createDecoder(data);
    const type = decoding.readVarUint(d);
    let msg: ClientMessage;
    if (type === MessageType.sync) {
      const step = decoding.readVarUint(d);
      const payload = readBytes(d);
      if (step === SyncStep.step1) {
        Y.decodeStateVector(payload);
        msg = { kind: 'sync-step1', stateVector: payload };
      } else if (step === SyncStep.step2 || step === SyncStep.update) {
        assertValidUpdate(payload);
        msg = { kind: step === SyncStep.step2 ? 'sync-step2' : 'update', update: payload };
      } else throw new ProtocolError(`unknown sync step ${step}`);
    } else if (type === MessageType.awareness) {
      const update = readBytes(d);
      assertValidAwareness(update);
      msg = { kind: 'awareness', update };
    } else if (type === MessageType.queryAwareness) {
      msg = { kind: 'query-awareness' };
    } else throw new ProtocolError(`unknown message type ${type}`);
    if (decoding.hasContent(d)) throw new ProtocolError('trailing bytes after message');
    return msg;
  } catch (e) {
    if (e instanceof ProtocolError) throw e;
    throw new ProtocolError('malformed message');
  }
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** Sync step 1: the server's state vector, so the client sends what the server lacks. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncStep.step1);
    encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
  });
}

/** Sync step 2: what the client lacks, given its state vector. */
export function syncStep2Message(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncStep.step2);
    encoding.writeVarUint8Array(e, Y.encodeStateAsUpdate(doc, stateVector));
  });
}

/** Sync step 2 carrying an update already encoded (the whole state, for a client that has nothing). */
export function syncStep2MessageOf(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncStep.step2);
    encoding.writeVarUint8Array(e, update);
  });
}

export function updateMessage(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync);
    encoding.writeVarUint(e, SyncStep.update);
    encoding.writeVarUint8Array(e, update);
  });
}

export function awarenessMessage(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness);
    encoding.writeVarUint8Array(e, update);
  });
}

/** y-protocols auth message "permission denied" (the client logs the reason). */
export function permissionDeniedMessage(reason: string): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.auth);
    encoding.writeVarUint(e, 0);
    encoding.writeVarString(e, reason);
  });
}
