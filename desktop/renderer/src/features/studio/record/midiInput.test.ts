import { describe, expect, it } from 'vitest';
import { MidiInput, type MidiNoteEvent } from './midiInput';

const key = (type: 'keydown' | 'keyup', code: string, extra: Record<string, unknown> = {}) => Object.assign(new Event(type, { cancelable: true }), { code, repeat: false, ctrlKey: false, metaKey: false, altKey: false, ...extra });

/** A window's listener list (Node's EventTarget does not remove capture listeners by a boolean flag). */
class FakeWindow {
  readonly listeners = new Map<string, Set<(e: Event) => void>>();
  addEventListener(type: string, fn: (e: Event) => void) {
    this.listeners.set(type, (this.listeners.get(type) ?? new Set()).add(fn));
  }
  removeEventListener(type: string, fn: (e: Event) => void) {
    this.listeners.get(type)?.delete(fn);
  }
  dispatchEvent(e: Event) {
    for (const fn of this.listeners.get(e.type) ?? []) fn(e);
  }
}

function setup() {
  const target = new FakeWindow();
  const notes: MidiNoteEvent[] = [];
  const midi = new MidiInput((e) => notes.push(e), { target: target as unknown as Window, requestMidi: null });
  return { target, notes, midi };
}

describe('MidiInput', () => {
  it('plays keys only while the computer keyboard is on, ends held notes at the right pitch after an octave change', () => {
    const { target, notes, midi } = setup();
    target.dispatchEvent(key('keydown', 'KeyA'));
    expect(notes).toEqual([]);
    midi.setKeyboard(true);
    const down = key('keydown', 'KeyA');
    target.dispatchEvent(down);
    expect(down.defaultPrevented).toBe(true);
    target.dispatchEvent(key('keydown', 'KeyA', { repeat: true }));
    target.dispatchEvent(key('keydown', 'KeyX'));
    target.dispatchEvent(key('keyup', 'KeyA'));
    target.dispatchEvent(key('keydown', 'KeyA'));
    target.dispatchEvent(key('keydown', 'KeyS', { ctrlKey: true }));
    expect(notes.map((n) => [n.pitch, n.velocity])).toEqual([
      [60, 100],
      [60, 0],
      [72, 100],
    ]);
    // Turning the keyboard off (or disposing) ends what is held.
    midi.setKeyboard(false);
    expect(notes.at(-1)).toMatchObject({ pitch: 72, velocity: 0 });
  });

  it('releases its listeners on dispose', () => {
    const { target, notes, midi } = setup();
    midi.setKeyboard(true);
    midi.dispose();
    target.dispatchEvent(key('keydown', 'KeyA'));
    expect(notes).toEqual([]);
    expect([...target.listeners.values()].every((set) => set.size === 0)).toBe(true);
  });
});
