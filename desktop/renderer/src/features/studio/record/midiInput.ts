import { DEFAULT_OCTAVE, isMidiKey, octaveForCode, pitchForCode } from './keyboardMidi';

/** A note starting (velocity > 0) or ending (velocity 0). */
export interface MidiNoteEvent {
  readonly pitch: number;
  readonly velocity: number;
  readonly source: 'keyboard' | 'midi';
}

export interface MidiInputOptions {
  /** Where key presses are heard (the editor's window). */
  readonly target: Pick<Window, 'addEventListener' | 'removeEventListener'>;
  /** Velocity of computer-keyboard notes. */
  readonly velocity: number;
  /** Web MIDI access, when the platform has it (navigator.requestMIDIAccess). */
  readonly requestMidi: (() => Promise<MIDIAccess>) | null;
}

/** True when typing at `target` belongs to it (text fields), so the keys are not notes. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!el?.tagName) return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  return el.tagName === 'INPUT' && !['button', 'checkbox', 'radio', 'range'].includes(String(el.type ?? 'text'));
}

/**
 * Notes from the computer keyboard (see keyboardMidi.ts; on while `keyboard` is true, and then
 * its keys are not editor shortcuts) and from every Web MIDI input (note on/off on any channel).
 *
 * @example
 * const midi = new MidiInput((e) => synth.play(e.pitch, e.velocity));
 * midi.setKeyboard(true);
 * await midi.connectMidi();
 * midi.dispose();
 */
export class MidiInput {
  private readonly o: MidiInputOptions;
  private octave = DEFAULT_OCTAVE;
  private keyboard = false;
  /** Pitch sounding per physical key, so an octave change mid-note still ends the right note. */
  private readonly held = new Map<string, number>();
  private access: MIDIAccess | null = null;
  private disposed = false;

  static getDefaults(): MidiInputOptions {
    const nav = typeof navigator === 'undefined' ? null : navigator;
    return { target: globalThis as unknown as Window, velocity: 100, requestMidi: nav && 'requestMIDIAccess' in nav ? () => nav.requestMIDIAccess() : null };
  }

  constructor(
    private readonly onNote: (e: MidiNoteEvent) => void,
    options: Partial<MidiInputOptions> = {},
  ) {
    this.o = { ...MidiInput.getDefaults(), ...options };
    // Capture phase on the window: the notes win over the editor's shortcuts on the same keys.
    this.o.target.addEventListener('keydown', this.onKeyDown, true);
    this.o.target.addEventListener('keyup', this.onKeyUp, true);
  }

  get currentOctave(): number {
    return this.octave;
  }

  setKeyboard(on: boolean): void {
    this.keyboard = on;
    if (!on) this.releaseKeys();
  }

  /** Listens to every MIDI input there is (and ones plugged in later); false when there is no Web MIDI. */
  async connectMidi(): Promise<boolean> {
    if (!this.o.requestMidi || this.access) return this.access !== null;
    try {
      const access = await this.o.requestMidi();
      if (this.disposed) return false;
      this.access = access;
      const attach = () => access.inputs.forEach((input) => (input.onmidimessage = this.onMidiMessage));
      attach();
      access.onstatechange = attach;
      return true;
    } catch (e) {
      console.info('studio: Web MIDI not available', e);
      return false;
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.releaseKeys();
    this.o.target.removeEventListener('keydown', this.onKeyDown, true);
    this.o.target.removeEventListener('keyup', this.onKeyUp, true);
    if (this.access) {
      this.access.onstatechange = null;
      this.access.inputs.forEach((input) => (input.onmidimessage = null));
    }
  }

  private releaseKeys(): void {
    for (const pitch of this.held.values()) this.onNote({ pitch, velocity: 0, source: 'keyboard' });
    this.held.clear();
  }

  private readonly onKeyDown = (e: Event) => {
    const k = e as KeyboardEvent;
    if (!this.keyboard || k.ctrlKey || k.metaKey || k.altKey || isTyping(k.target) || !isMidiKey(k.code)) return;
    k.preventDefault();
    k.stopPropagation();
    if (k.repeat || this.held.has(k.code)) return;
    const octave = octaveForCode(k.code, this.octave);
    if (octave !== null) {
      this.octave = octave;
      return;
    }
    const pitch = pitchForCode(k.code, this.octave);
    if (pitch === null) return;
    this.held.set(k.code, pitch);
    this.onNote({ pitch, velocity: this.o.velocity, source: 'keyboard' });
  };

  private readonly onKeyUp = (e: Event) => {
    const k = e as KeyboardEvent;
    const pitch = this.held.get(k.code);
    if (pitch === undefined) return;
    k.stopPropagation();
    this.held.delete(k.code);
    this.onNote({ pitch, velocity: 0, source: 'keyboard' });
  };

  private readonly onMidiMessage = (e: MIDIMessageEvent) => {
    const data = e.data;
    if (!data || data.length < 3) return;
    const status = (data[0] as number) & 0xf0;
    const pitch = data[1] as number;
    const velocity = data[2] as number;
    if (status === 0x90) this.onNote({ pitch, velocity, source: 'midi' });
    else if (status === 0x80) this.onNote({ pitch, velocity: 0, source: 'midi' });
  };
}
