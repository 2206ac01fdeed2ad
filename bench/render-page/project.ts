import type { ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { audioClip, device, midiClip, note, project, track } from '@encore/audio-engine/testing/snapshotBuilder';

/**
 * The benchmark project: 16 instrument tracks (notes + EQ, compressor, delay), 16 audio tracks
 * (generated loops + EQ, compressor, filter), a reverb and a delay return, and the master
 * limiter. Deterministic, so runs compare.
 */

export const BPM = 120;
const WAVES = ['sawtooth', 'square', 'triangle', 'sine'] as const;

/** A hash per generated loop (the engine addresses audio by SHA-256 hex; any 64 hex chars do). */
export const loopHash = (i: number) => i.toString(16).padStart(64, '0');

/** `seconds` of music; every instrument track holds about two notes per beat. */
export function benchProject(seconds: number, options: { effects: boolean; instruments: boolean; audio: boolean } = { effects: true, instruments: true, audio: true }): ProjectSnapshot {
  const beats = Math.floor((seconds * BPM) / 60);
  const bars = Math.floor(beats / 4);
  const sends = (i: number) => [
    { id: `rv${i}`, targetTrackId: 'reverb', levelDb: -12, pre: false },
    { id: `dl${i}`, targetTrackId: 'delay', levelDb: -18, pre: false },
  ];
  const tracks: TrackSnapshot[] = [];
  for (let i = 0; options.instruments && i < 16; i++) {
    const id = `inst${i}`;
    const notes = [];
    const root = 36 + ((i * 5) % 24);
    for (let b = 0; b < bars; b++) {
      if (i % 3 === 0) {
        // Pads: a three-note chord per bar.
        for (const step of [0, 4, 7]) notes.push(note(root + 12 + step + (b % 4 === 3 ? 2 : 0), b * 4, 4, 80, `n${b}-${step}`));
        for (let q = 0; q < 4; q++) notes.push(note(root + 24 + ((b + q) % 5), b * 4 + q, 0.5, 70, `a${b}-${q}`));
      } else if (i % 3 === 1) {
        // Bass in eighths.
        for (let e = 0; e < 8; e++) notes.push(note(root + (e % 4 === 3 ? 7 : 0), b * 4 + e / 2, 0.4, 100, `n${b}-${e}`));
      } else {
        // A lead line in eighths over two octaves.
        for (let e = 0; e < 8; e++) notes.push(note(root + 24 + ((b * 3 + e * 5) % 14), b * 4 + e / 2, 0.45, 90, `n${b}-${e}`));
      }
    }
    tracks.push(
      track({
        id,
        kind: 'instrument',
        volumeDb: -14,
        pan: ((i % 5) - 2) / 3,
        instrument: { kind: 'synth', waveform: WAVES[i % 4]!, voices: 8 },
        devices: options.effects
          ? [device(`${id}eq`, 'eq', { lowGain: -3, highMidGain: 2 }, 'a0'), device(`${id}comp`, 'compressor', {}, 'a1'), device(`${id}dly`, 'delay', { mix: 15 }, 'a2')]
          : [],
        sends: options.effects ? sends(i) : [],
        clips: [midiClip(`${id}c`, id, 0, bars * 4, notes)],
      }),
    );
  }
  for (let i = 0; options.audio && i < 16; i++) {
    const id = `audio${i}`;
    const clips = [];
    // A 2-bar (4 s) loop, re-triggered every 2 bars as its own clip.
    for (let b = 0; b + 2 <= bars; b += 2) clips.push(audioClip(`${id}c${b}`, id, loopHash(i), b * 4, 8));
    tracks.push(
      track({
        id,
        volumeDb: -16,
        pan: ((i % 7) - 3) / 4,
        devices: options.effects
          ? [device(`${id}eq`, 'eq', { lowMidGain: -2 }, 'a0'), device(`${id}comp`, 'compressor', { threshold: -24 }, 'a1'), device(`${id}flt`, 'filter', { mode: 1, cutoff: 80 + i * 10 }, 'a2')]
          : [],
        sends: options.effects ? sends(i + 16) : [],
        clips,
      }),
    );
  }
  if (options.effects) {
    tracks.push(track({ id: 'reverb', kind: 'bus', devices: [device('rv', 'reverb', { decay: 2.2, mix: 100 })] }));
    tracks.push(track({ id: 'delay', kind: 'bus', devices: [device('dl', 'delay', { mix: 100, feedback: 40 }, 'a0'), device('dlf', 'filter', { cutoff: 3000 }, 'a1')] }));
  }
  return project(tracks, { bpm: BPM });
}

/** A 4-second stereo loop per audio track: a kick-like thump, a noise hat and a tone. */
export function loopBuffer(i: number, sampleRate: number): AudioBuffer {
  const length = 4 * sampleRate;
  const buffer = new AudioBuffer({ length, numberOfChannels: 2, sampleRate });
  let seed = i + 1;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  for (let c = 0; c < 2; c++) {
    const x = new Float32Array(length);
    for (let n = 0; n < length; n++) {
      const t = (n % (sampleRate / 2)) / sampleRate; // every beat
      const h = ((n + sampleRate / 4) % (sampleRate / 2)) / sampleRate; // off-beats
      x[n] = 0.6 * Math.sin(2 * Math.PI * (50 + 80 * Math.exp(-t * 30)) * t) * Math.exp(-t * 8) + 0.2 * rand() * Math.exp(-h * 60) + 0.1 * Math.sin((2 * Math.PI * (220 + 20 * i) * n) / sampleRate);
    }
    buffer.copyToChannel(x, c);
  }
  return buffer;
}

/** Track types of the real-time load benchmark. */
export type LoadTrackKind = 'synth' | 'audio' | 'synth+3fx';

/**
 * `count` tracks of one kind for `seconds`, straight to the master (with its limiter): synths
 * play a busy two-octave line in eighths (8-voice sawtooth, releases overlapping), audio tracks
 * the generated loops, and 'synth+3fx' adds the bench's EQ, compressor and delay to each synth.
 */
export function loadProject(kind: LoadTrackKind, count: number, seconds: number): ProjectSnapshot {
  const bars = Math.max(1, Math.ceil((seconds * BPM) / 60 / 4));
  const tracks: TrackSnapshot[] = [];
  for (let i = 0; i < count; i++) {
    const id = `t${i}`;
    const pan = ((i % 5) - 2) / 3;
    if (kind === 'audio') {
      const clips = [];
      for (let b = 0; b < bars; b += 2) clips.push(audioClip(`${id}c${b}`, id, loopHash(i % 16), b * 4, 8));
      tracks.push(track({ id, volumeDb: -24, pan, clips }));
      continue;
    }
    const root = 36 + ((i * 5) % 24);
    const notes = [];
    for (let b = 0; b < bars; b++) for (let e = 0; e < 8; e++) notes.push(note(root + 12 + ((b * 3 + e * 5) % 14), b * 4 + e / 2, 0.45, 90, `n${b}-${e}`));
    tracks.push(
      track({
        id,
        kind: 'instrument',
        volumeDb: -24,
        pan,
        instrument: { kind: 'synth', waveform: 'sawtooth', voices: 8 },
        devices: kind === 'synth+3fx' ? [device(`${id}eq`, 'eq', { lowGain: -3, highMidGain: 2 }, 'a0'), device(`${id}comp`, 'compressor', {}, 'a1'), device(`${id}dly`, 'delay', { mix: 15 }, 'a2')] : [],
        clips: [midiClip(`${id}c`, id, 0, bars * 4, notes)],
      }),
    );
  }
  return project(tracks, { bpm: BPM });
}
