import { describe, expect, it } from 'vitest';
import { DEFAULT_OCTAVE, isMidiKey, octaveForCode, pitchForCode } from './keyboardMidi';

describe('the computer keyboard as a MIDI keyboard', () => {
  it('plays white keys on the A row and black keys above, from C4', () => {
    const white = ['KeyA', 'KeyS', 'KeyD', 'KeyF', 'KeyG', 'KeyH', 'KeyJ', 'KeyK', 'KeyL', 'Semicolon'].map((c) => pitchForCode(c, DEFAULT_OCTAVE));
    expect(white).toEqual([60, 62, 64, 65, 67, 69, 71, 72, 74, 76]);
    expect(['KeyW', 'KeyE', 'KeyT', 'KeyY', 'KeyU', 'KeyO', 'KeyP'].map((c) => pitchForCode(c, DEFAULT_OCTAVE))).toEqual([61, 63, 66, 68, 70, 73, 75]);
    expect(pitchForCode('KeyR', DEFAULT_OCTAVE)).toBeNull();
    expect(pitchForCode('Space', DEFAULT_OCTAVE)).toBeNull();
  });

  it('shifts octaves with Z and X within the MIDI range', () => {
    expect(octaveForCode('KeyZ', 4)).toBe(3);
    expect(octaveForCode('KeyX', 4)).toBe(5);
    expect(octaveForCode('KeyZ', 0)).toBe(0);
    expect(octaveForCode('KeyX', 8)).toBe(8);
    expect(octaveForCode('KeyA', 4)).toBeNull();
    expect(pitchForCode('KeyA', 0)).toBe(12);
    expect(pitchForCode('Semicolon', 8)).toBe(124);
  });

  it('takes over only its own keys', () => {
    expect(['KeyA', 'KeyW', 'KeyZ', 'KeyX', 'Semicolon'].every(isMidiKey)).toBe(true);
    expect(['Space', 'KeyR', 'KeyQ', 'Delete', 'Digit1'].some(isMidiKey)).toBe(false);
  });
});
