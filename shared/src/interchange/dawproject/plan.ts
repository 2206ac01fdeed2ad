import type { AutomationCurve } from '../../project/schema/automationPoint';
import type { DeviceKind } from '../../project/schema/deviceKinds';
import type { Instrument } from '../../project/schema/instrument';
import type { DpParam, EncoreUnit } from './units';

/**
 * What an import will write, decided before anything is written: the file is read into this
 * plan (collecting warnings), and only a complete plan is turned into a document.
 */

/** A note in plain ticks (PPQ 960) from its clip's content origin. */
export interface PlannedNote {
  readonly pitch: number;
  readonly tick: number;
  readonly duration: number;
  readonly velocity: number;
}

export interface PlannedDevice {
  readonly kind: DeviceKind;
  readonly bypass: boolean;
  readonly params: Record<string, number>;
}

export interface PlannedSend {
  /** The xml id of the receiving channel. */
  readonly destination: string;
  readonly levelDb: number;
  readonly pre: boolean;
}

export type PlannedClip =
  | { readonly kind: 'midi'; readonly name: string; readonly start: number; readonly length: number; readonly offset: number; readonly notes: PlannedNote[] }
  | {
      readonly kind: 'audio';
      readonly name: string;
      readonly start: number;
      readonly length: number;
      readonly assetHash: string;
      readonly sourceOffset: number;
      readonly fadeIn: number;
      readonly fadeOut: number;
    };

export type PlannedTarget =
  | { readonly kind: 'volume' }
  | { readonly kind: 'pan' }
  | { readonly kind: 'send'; readonly send: PlannedSend }
  | { readonly kind: 'param'; readonly device: PlannedDevice; readonly paramId: string };

export interface PlannedPoint {
  readonly target: PlannedTarget;
  readonly tick: number;
  readonly value: number;
  readonly curve: AutomationCurve;
}

export interface PlannedTrack {
  /** The xml id of the Track (or of a lone Channel), which arrangement lanes name. */
  readonly key: string;
  /** The xml id of its Channel, which sends and destinations name. */
  readonly channelId: string | undefined;
  role: 'master' | 'bus' | 'regular';
  name: string;
  color: string | undefined;
  readonly contentTypes: readonly string[];
  volumeDb: number;
  pan: number;
  mute: boolean;
  solo: boolean;
  instrument: Instrument | undefined;
  /** The instrument device the file names, when Encore replaced it. */
  foreignInstrument: string | undefined;
  readonly devices: PlannedDevice[];
  readonly sends: PlannedSend[];
  /** The xml id of the channel it feeds, when not the master. */
  destination: string | undefined;
  readonly clips: PlannedClip[];
  readonly points: PlannedPoint[];
}

/** A parameter the file declares with an id, so automation can reach it. */
export interface ParamBinding {
  readonly track: PlannedTrack;
  readonly target: PlannedTarget;
  readonly declared: DpParam;
  readonly unit: EncoreUnit;
  /** Encore's range, for clamping and for normalized values of normalized parameters. */
  readonly range: readonly [number, number];
  /** When set, maps the converted value once more (e.g. a limiter's threshold plus its output gain). */
  readonly adjust?: (value: number) => number;
}

export interface PlannedAsset {
  readonly hash: string;
  readonly name: string;
  readonly mimeType: string;
  readonly byteLength: number;
  readonly durationSeconds: number;
  readonly sampleRate: number;
  readonly channels: number;
}

export interface ImportPlan {
  title: string;
  readonly tempo: Map<number, number>;
  readonly meters: Map<number, { numerator: number; denominator: 1 | 2 | 4 | 8 | 16 | 32 }>;
  readonly markers: { tick: number; name: string; color: string | undefined }[];
  readonly tracks: PlannedTrack[];
  readonly assets: Map<string, PlannedAsset>;
  readonly warnings: string[];
}
