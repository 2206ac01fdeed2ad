import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { appendChat, CHAT_KEEP, observeChat, readChat } from './chat';

describe('project chat', () => {
  it('appends trimmed messages, skips invalid entries and merges between replicas', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    let seen = 0;
    const off = observeChat(b, () => seen++);
    appendChat(a, { id: 'm1', author: 'ada', text: '  hello  ', at: 1 }, 'chat');
    a.getArray('chat').push([{ bogus: true }]);
    appendChat(b, { id: 'm2', author: 'bob', text: 'hi', at: 2 }, 'chat');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    expect(readChat(a)).toEqual(readChat(b));
    expect(readChat(a).map((m) => m.text).sort()).toEqual(['hello', 'hi']);
    expect(seen).toBe(2);
    off();
    expect(() => appendChat(a, { id: 'm3', author: 'ada', text: '   ', at: 3 }, 'chat')).toThrow(/1 to 2000/);
  });

  it(`keeps the last ${CHAT_KEEP} messages`, () => {
    const doc = new Y.Doc();
    for (let i = 0; i < CHAT_KEEP + 3; i++) appendChat(doc, { id: `m${i}`, author: 'ada', text: `n${i}`, at: i }, 'chat');
    const chat = readChat(doc);
    expect(chat).toHaveLength(CHAT_KEEP);
    expect(chat[0]!.text).toBe('n3');
  });
});
