import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { awarenessMessage, parseMessage, ProtocolError, syncStep1Message, updateMessage } from './protocol';

describe('parseMessage', () => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'hello');
  const update = Y.encodeStateAsUpdate(doc);

  it('reads the messages the stock client sends', () => {
    expect(parseMessage(syncStep1Message(doc)).kind).toBe('sync-step1');
    expect(parseMessage(updateMessage(update))).toEqual({ kind: 'update', update });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 7);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, '{"user":"a"}');
    expect(parseMessage(awarenessMessage(encoding.toUint8Array(e))).kind).toBe('awareness');
    expect(parseMessage(new Uint8Array([3]))).toEqual({ kind: 'query-awareness' });
  });

  it('refuses garbage, truncation, trailing bytes and bad awareness JSON', () => {
    const bad = [
      new Uint8Array(0),
      new Uint8Array([9]),
      new Uint8Array([0, 5, 0]),
      updateMessage(update.slice(0, update.length - 2)),
      new Uint8Array([...updateMessage(update), 0]),
      awarenessMessage(new Uint8Array([1, 1, 1, 3, 0x7b, 0x7b, 0x7b])),
      awarenessMessage(new Uint8Array([200, 1])),
    ];
    for (const b of bad) expect(() => parseMessage(b)).toThrow(ProtocolError);
  });
});
