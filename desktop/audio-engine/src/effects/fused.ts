import { seconds, ticks } from '@encore/shared/units';
import type { DeviceWithParams } from '@encore/shared/project/schema/device';
import { webAudioQ, type BiquadType } from '../dsp/biquad';
import { STAGE_SLOTS, type ChainStageSpec } from '../dsp/channelChain';
import type { ParamMapping } from '../graph/automation';
import { LimiterNode } from '../nodes/LimiterNode';
import { DISTORTION_PRE } from '../dsp/distortion';
import { dbGain, linear, msToS, percent, type DeviceEnv } from './device';

/**
 * The fused form of a device: the chain stages it becomes inside a channel processor, the
 * initial value of each of their slots, and which slot each document param drives (with the
 * same mapping as the node factory's AudioParam, so automation means the same). Sidechained
 * dynamics have a fused form only where the caller can feed the key (`keyOf`: the headless mixer);
 * elsewhere such a track keeps its nodes.
 */
export interface FusedDevice {
  readonly stages: readonly ChainStageSpec[];
  /** Initial values of the slots from `base` on. */
  readonly values: readonly number[];
  readonly params: Readonly<Record<string, readonly { readonly slot: number; readonly mapping: ParamMapping }[]>>;
  /** Steps scheduled at build time (a synced delay following tempo changes), context time. */
  readonly events: readonly { readonly slot: number; readonly time: number; readonly value: number }[];
}

const BANDS = [
  { name: 'low', type: 'lowshelf' },
  { name: 'lowMid', type: 'peaking' },
  { name: 'highMid', type: 'peaking' },
  { name: 'high', type: 'highshelf' },
] as const;
const FILTER_MODES = ['lowpass', 'highpass', 'bandpass', 'notch'] as const;
/** As effects/delay.ts. */
const MAX_DELAY = 12;

/**
 * The fused form of `device` with its slots numbered from `base`, or null when it has none.
 * `keyOf` gives the key index a sidechained compressor or gate reads (see processChain), or
 * null when the track's key cannot reach it; without `keyOf`, sidechained dynamics have none.
 *
 * @example
 * const fused = fusedDevice(env, device, 3);
 */
export function fusedDevice(
  env: Omit<DeviceEnv, 'context'>,
  device: DeviceWithParams,
  base: number,
  keyOf: ((trackId: string) => number | null) | null = null,
): FusedDevice | null {
  const p = device.params;
  const stages: ChainStageSpec[] = [];
  const values: number[] = [];
  const params: Record<string, { slot: number; mapping: ParamMapping }[]> = {};
  const events: { slot: number; time: number; value: number }[] = [];
  const stage = (spec: ChainStageSpec, initial: readonly number[]) => {
    stages.push(spec);
    values.push(...initial);
    if (initial.length !== STAGE_SLOTS[spec.kind]) throw new Error(`stage ${spec.kind}: ${initial.length} slots`);
  };
  const next = () => base + values.length;
  const biquad = (type: BiquadType, frequency: number, q: number, gainDb: number) => {
    const slot = next();
    stage({ kind: 'biquad', slot, type }, [frequency, webAudioQ(type, q), gainDb]);
    return slot;
  };
  switch (device.kind) {
    case 'eq': {
      for (const band of BANDS) {
        const gain = p[`${band.name}Gain`] ?? 0;
        const keys = [`${band.name}Freq`, `${band.name}Gain`, `${band.name}Q`];
        if (gain === 0 && !keys.some((k) => env.automated.has(k))) continue;
        const slot = biquad(band.type, p[`${band.name}Freq`] ?? 1000, p[`${band.name}Q`] ?? 1, gain);
        params[`${band.name}Freq`] = [{ slot, mapping: linear() }];
        params[`${band.name}Gain`] = [{ slot: slot + 2, mapping: linear() }];
        if (band.type === 'peaking') params[`${band.name}Q`] = [{ slot: slot + 1, mapping: linear() }];
      }
      const outputDb = p.output ?? 0;
      if (outputDb !== 0 || env.automated.has('output')) {
        const slot = next();
        stage({ kind: 'gain', slot }, [dbGain.map(outputDb)]);
        params.output = [{ slot, mapping: dbGain }];
      }
      break;
    }
    case 'filter': {
      const type = FILTER_MODES[Math.round(p.mode ?? 0)] ?? 'lowpass';
      const slot = biquad(type, p.cutoff ?? 2000, p.resonance ?? Math.SQRT1_2, 0);
      params.cutoff = [{ slot, mapping: linear() }];
      params.resonance = [{ slot: slot + 1, mapping: type === 'lowpass' || type === 'highpass' ? { map: (q) => webAudioQ(type, q), linear: false } : linear() }];
      break;
    }
    case 'compressor': {
      const key = sidechainKey(device, keyOf);
      if (key === null) return null;
      const slot = next();
      stage({ kind: 'compressor', slot, ...key }, [p.threshold ?? -18, p.ratio ?? 4, p.knee ?? 6, p.makeup ?? 0, (p.attack ?? 10) / 1000, (p.release ?? 120) / 1000]);
      (['threshold', 'ratio', 'knee', 'makeup'] as const).forEach((id, k) => (params[id] = [{ slot: slot + k, mapping: linear() }]));
      params.attack = [{ slot: slot + 4, mapping: msToS }];
      params.release = [{ slot: slot + 5, mapping: msToS }];
      break;
    }
    case 'gate': {
      const key = sidechainKey(device, keyOf);
      if (key === null) return null;
      const slot = next();
      stage({ kind: 'gate', slot, ...key }, [p.threshold ?? -18, (p.attack ?? 1) / 1000, (p.hold ?? 20) / 1000, (p.release ?? 100) / 1000]);
      params.threshold = [{ slot, mapping: linear() }];
      params.attack = [{ slot: slot + 1, mapping: msToS }];
      params.hold = [{ slot: slot + 2, mapping: msToS }];
      params.release = [{ slot: slot + 3, mapping: msToS }];
      break;
    }
    case 'delay': {
      const { tempo, timeOffset } = env;
      const synced = (p.sync ?? 1) >= 0.5;
      const beats = p.beats ?? 0.75;
      const secondsAt = (tick: number) => Math.min(MAX_DELAY, (beats * 60) / tempo.bpmAt(ticks(tick)));
      const mix = (p.mix ?? 30) / 100;
      const slot = next();
      const time = synced ? secondsAt(tempo.secondsToTicks(seconds(Math.max(0, -timeOffset)))) : (p.time ?? 375) / 1000;
      stage({ kind: 'delay', slot, maxDelay: MAX_DELAY }, [time, (p.feedback ?? 35) / 100, 1 - mix, mix]);
      if (synced) {
        for (const change of env.tempoPoints) {
          const at = tempo.ticksToSeconds(ticks(change.tick)) + timeOffset;
          if (at > 0) events.push({ slot, time: at, value: secondsAt(change.tick) });
        }
        params.time = [];
        params.beats = [{ slot, mapping: linear((b) => Math.min(MAX_DELAY, (b * 60) / tempo.bpmAt(ticks(0)))) }];
      } else {
        params.time = [{ slot, mapping: msToS }];
        params.beats = [];
      }
      params.feedback = [{ slot: slot + 1, mapping: percent }];
      params.mix = [
        { slot: slot + 2, mapping: linear((v) => 1 - v / 100) },
        { slot: slot + 3, mapping: percent },
      ];
      break;
    }
    case 'reverb': {
      const slot = next();
      stage({ kind: 'reverb', slot }, [p.decay ?? 2.5, (p.preDelay ?? 20) / 1000, p.damping ?? 8000, (p.mix ?? 100) / 100]);
      params.decay = [{ slot, mapping: linear() }];
      params.preDelay = [{ slot: slot + 1, mapping: msToS }];
      params.damping = [{ slot: slot + 2, mapping: linear() }];
      params.mix = [{ slot: slot + 3, mapping: percent }];
      break;
    }
    case 'limiter': {
      const slot = next();
      stage({ kind: 'limiter', slot, lookahead: LimiterNode.getDefaults().lookahead }, [p.ceiling ?? -0.3, (p.release ?? 50) / 1000]);
      params.ceiling = [{ slot, mapping: linear() }];
      params.release = [{ slot: slot + 1, mapping: msToS }];
      break;
    }
    case 'chorus': {
      // As effects/chorus.ts: the sweep is depth % of the base delay the device was built with.
      const delay = (p.delay ?? 7) / 1000;
      const mix = (p.mix ?? 50) / 100;
      const slot = next();
      stage({ kind: 'chorus', slot }, [p.rate ?? 1.5, delay, (delay * (p.depth ?? 50)) / 100, 1 - mix, mix]);
      params.rate = [{ slot, mapping: linear() }];
      params.delay = [{ slot: slot + 1, mapping: msToS }];
      params.depth = [{ slot: slot + 2, mapping: linear((d) => (delay * d) / 100) }];
      params.mix = [
        { slot: slot + 3, mapping: linear((v) => 1 - v / 100) },
        { slot: slot + 4, mapping: percent },
      ];
      break;
    }
    case 'distortion': {
      const mix = (p.mix ?? 100) / 100;
      const drive = { map: (db: number) => DISTORTION_PRE * dbGain.map(db), linear: false };
      const slot = next();
      stage({ kind: 'distortion', slot }, [drive.map(p.drive ?? 12), p.tone ?? 6000, 1 - mix, mix]);
      params.drive = [{ slot, mapping: drive }];
      params.tone = [{ slot: slot + 1, mapping: linear() }];
      params.mix = [
        { slot: slot + 2, mapping: linear((v) => 1 - v / 100) },
        { slot: slot + 3, mapping: percent },
      ];
      break;
    }
  }
  return { stages, values, params, events };
}

/** `{}` for dynamics without a sidechain, `{ key }` for a keyed one the caller can feed, null otherwise. */
function sidechainKey(device: DeviceWithParams, keyOf: ((trackId: string) => number | null) | null): { key?: number } | null {
  if (device.sidechainTrackId === null) return {};
  const key = keyOf?.(device.sidechainTrackId) ?? null;
  return key === null ? null : { key };
}
