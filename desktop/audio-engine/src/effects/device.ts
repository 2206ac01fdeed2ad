import type { TempoMap } from '@encore/shared/project/tempoMap';
import type { ParamMapping } from '../graph/automation';
import type { ParamLike } from '../nodes/ChannelNode';

/**
 * What every effect device builds: an input, an output, and the AudioParams each of its
 * document params drives (what automation writes). Factories live one per kind beside this.
 */

export interface ParamTarget {
  readonly param: ParamLike;
  readonly mapping: ParamMapping;
}

export interface DeviceNode {
  readonly input: AudioNode;
  readonly output: AudioNode;
  /** Document param id → the AudioParams it sets. Params absent here cannot be automated. */
  readonly params: Readonly<Record<string, readonly ParamTarget[]>>;
  /** Where a sidechain source connects (compressor and gate), else null. */
  readonly sidechain: { readonly node: AudioNode; readonly index: number } | null;
  /** Frames the device delays its signal by (look-ahead), if any. */
  readonly latency?: number;
  dispose(): void;
}

export interface DeviceEnv {
  readonly context: BaseAudioContext;
  readonly tempo: TempoMap;
  /** The song's tempo changes, sorted by tick (the first at tick 0). */
  readonly tempoPoints: readonly { readonly tick: number; readonly bpm: number }[];
  /** Context time = song time + timeOffset. */
  readonly timeOffset: number;
  /** Param ids of this device that have automation (their nodes must exist even at unity). */
  readonly automated: ReadonlySet<string>;
}

export const linear = (map: (v: number) => number = (v) => v): ParamMapping => ({ map, linear: true });
export const curved = (map: (v: number) => number): ParamMapping => ({ map, linear: false });
export const dbGain = curved((db) => (db <= -144 ? 0 : 10 ** (db / 20)));
export const msToS = linear((ms) => ms / 1000);
export const percent = linear((p) => p / 100);

/**
 * Disconnects every node (and stops scheduled sources), the common body of a device's dispose.
 *
 * @example
 * dispose: () => releaseNodes([input, filter, output]),
 */
export function releaseNodes(nodes: readonly AudioNode[]): void {
  for (const node of nodes) {
    if (node instanceof AudioScheduledSourceNode) {
      try {
        node.stop();
      } catch (error) {
        // Never started (the context was closed first): nothing is playing, so nothing to stop.
        if (!(error instanceof DOMException)) throw error;
      }
    }
    node.disconnect();
  }
}

/** A dry/wet pair summed into `output`: `mix` (0-1) drives both gains. */
export function dryWet(context: BaseAudioContext, mix: number): { dry: GainNode; wet: GainNode; output: GainNode; targets: ParamTarget[] } {
  const dry = new GainNode(context, { gain: 1 - mix });
  const wet = new GainNode(context, { gain: mix });
  const output = new GainNode(context);
  dry.connect(output);
  wet.connect(output);
  return { dry, wet, output, targets: [{ param: dry.gain, mapping: linear((p) => 1 - p / 100) }, { param: wet.gain, mapping: percent }] };
}
