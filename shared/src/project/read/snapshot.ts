import type { Asset } from '../schema/asset';
import type { AutomationLane } from '../schema/automationLane';
import type { AutomationPoint } from '../schema/automationPoint';
import type { AudioClip, MidiClip } from '../schema/clip';
import type { DeviceWithParams } from '../schema/device';
import type { Marker } from '../schema/marker';
import type { MeterChange } from '../schema/meterChange';
import type { NoteWithId } from '../schema/note';
import type { LoopRegion } from '../schema/projectMeta';
import type { Send } from '../schema/send';
import type { Take } from '../schema/take';
import type { TempoChange } from '../schema/tempoChange';
import type { Track } from '../schema/track';

/**
 * The plain, validated, frozen view of a project document that the engine and the UI render
 * from. Every list is in a defined order (never Y.Map iteration order), so two replicas holding
 * the same document produce identical snapshots.
 */

/** A record the reader skipped or repaired, with where it was and why. */
export interface ReadIssue {
  readonly path: string;
  readonly message: string;
}

export type AutomationPointSnapshot = Readonly<AutomationPoint & { id: string }>;

export interface AutomationLaneSnapshot extends Readonly<AutomationLane> {
  readonly key: string;
  /** Sorted by tick, then id. */
  readonly points: readonly AutomationPointSnapshot[];
}

export type MidiClipSnapshot = Readonly<MidiClip> & { readonly notes: readonly Readonly<NoteWithId>[] };
export type AudioClipSnapshot = Readonly<AudioClip>;
export type ClipSnapshot = MidiClipSnapshot | AudioClipSnapshot;

export interface TrackSnapshot extends Readonly<Track> {
  /** In chain order. */
  readonly devices: readonly Readonly<DeviceWithParams>[];
  readonly sends: readonly Readonly<Send>[];
  readonly automation: readonly AutomationLaneSnapshot[];
  /** Sorted by start, then id. */
  readonly clips: readonly ClipSnapshot[];
  readonly takes: readonly Readonly<Take>[];
}

export interface ProjectSnapshot {
  readonly schemaVersion: number;
  readonly title: string;
  readonly loop: Readonly<LoopRegion>;
  /** Sorted by tick; the first is at tick 0. */
  readonly tempo: readonly Readonly<TempoChange>[];
  readonly meters: readonly Readonly<MeterChange>[];
  readonly markers: readonly Readonly<Marker>[];
  readonly assets: readonly Readonly<Asset>[];
  /** Every track but the master, in arrangement order. */
  readonly tracks: readonly TrackSnapshot[];
  readonly master: TrackSnapshot | null;
  readonly issues: readonly ReadIssue[];
}

/**
 * True when a clip sounds: it belongs to no take, or to the track's active take.
 *
 * @example
 * track.clips.filter((clip) => clipPlays(track, clip));
 */
export function clipPlays(track: Pick<TrackSnapshot, 'activeTakeId'>, clip: Pick<ClipSnapshot, 'takeId'>): boolean {
  return clip.takeId === null || clip.takeId === track.activeTakeId;
}
