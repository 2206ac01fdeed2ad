import type * as Y from 'yjs';
import { z } from 'zod';
import { Asset } from '../schema/asset';
import { AudioClip, MidiClip, type Clip } from '../schema/clip';
import { fieldsOf, MASTER_ID, ORIGIN_ID, root, sortedKeys, childMap } from '../schema/layout';
import { Marker } from '../schema/marker';
import { MeterChange } from '../schema/meterChange';
import { assertCurrentVersion } from '../schema/migrations';
import { Note, type NoteWithId } from '../schema/note';
import { DEFAULT_LOOP, ProjectMeta } from '../schema/projectMeta';
import { Take } from '../schema/take';
import { DEFAULT_BPM, TempoChange } from '../schema/tempoChange';
import { Track } from '../schema/track';
import { compareByOrder } from '../fractionalIndex';
import { byId, deepFreeze, parseRecord } from './parse';
import { readAutomation, readDevices, readSends, type TrackIndex } from './readTrack';
import type { ClipSnapshot, ProjectSnapshot, ReadIssue, TrackSnapshot } from './snapshot';

const ClipRecord = z.discriminatedUnion('kind', [MidiClip, AudioClip]);
const CLIP_TRACK_KIND = { midi: 'instrument', audio: 'audio' } as const;

/** Step changes sorted by tick; one per tick (the `origin` entry, else the greatest id, wins). */
function readSteps<T extends { tick: number }>(map: Y.Map<unknown>, schema: z.ZodType<T>, name: string, fallback: unknown, issues: ReadIssue[]): T[] {
  const byTick = new Map<number, T>();
  const keys = sortedKeys(map).filter((k) => k !== ORIGIN_ID);
  if (map.has(ORIGIN_ID)) keys.push(ORIGIN_ID);
  for (const key of keys) {
    const step = parseRecord(schema, map.get(key), `${name}/${key}`, issues);
    if (step && (key !== ORIGIN_ID || step.tick === 0)) byTick.set(step.tick, step);
  }
  if (!byTick.has(0)) {
    issues.push({ path: `${name}/${ORIGIN_ID}`, message: 'missing: the default at tick 0 is used' });
    byTick.set(0, schema.parse(fallback));
  }
  return [...byTick.values()].sort((a, b) => a.tick - b.tick);
}

function readNotes(clip: Y.Map<unknown>, path: string, issues: ReadIssue[]): NoteWithId[] {
  const map = childMap(clip, 'notes');
  const notes: NoteWithId[] = [];
  for (const id of map ? sortedKeys(map) : []) {
    const note = parseRecord(Note, map?.get(id), `${path}/notes/${id}`, issues);
    if (note) notes.push({ id, ...note });
  }
  return notes.sort((a, b) => a.tick - b.tick || a.pitch - b.pitch || (a.id < b.id ? -1 : 1));
}

function readClips(doc: Y.Doc, index: TrackIndex, takes: Map<string, string>, assets: ReadonlySet<string>, issues: ReadIssue[]): Map<string, ClipSnapshot[]> {
  const clips = root(doc, 'clips');
  const byTrack = new Map<string, ClipSnapshot[]>();
  for (const id of sortedKeys(clips)) {
    const path = `clips/${id}`;
    const raw = clips.get(id);
    const parsed: Clip | undefined = parseRecord(ClipRecord, fieldsOf(raw), path, issues);
    if (!parsed) continue;
    if (parsed.id !== id || index.kinds.get(parsed.trackId) !== CLIP_TRACK_KIND[parsed.kind]) {
      issues.push({ path, message: `skipped: track ${parsed.trackId} is missing or cannot hold ${parsed.kind} clips` });
      continue;
    }
    let clip = parsed;
    if (clip.takeId !== null && takes.get(clip.takeId) !== clip.trackId) {
      issues.push({ path, message: `take ${clip.takeId} ignored: not a take of this track` });
      clip = { ...clip, takeId: null };
    }
    if (clip.kind === 'audio' && !assets.has(clip.assetHash)) issues.push({ path, message: `asset ${clip.assetHash} is not in the project` });
    const snapshot: ClipSnapshot = clip.kind === 'midi' ? { ...clip, notes: readNotes(raw as Y.Map<unknown>, path, issues) } : clip;
    byTrack.set(clip.trackId, [...(byTrack.get(clip.trackId) ?? []), snapshot]);
  }
  for (const list of byTrack.values()) list.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  return byTrack;
}

/**
 * Reads and validates the whole project into a frozen snapshot. Invalid records are skipped and
 * listed in `issues`; a document of another schema version throws (migrate or update first).
 *
 * @example
 * const project = readProject(doc);
 * for (const track of project.tracks) console.log(track.name, track.clips.length);
 */
export function readProject(doc: Y.Doc): ProjectSnapshot {
  assertCurrentVersion(doc);
  const issues: ReadIssue[] = [];
  const metaRaw = root(doc, 'meta').toJSON();
  const meta = parseRecord(ProjectMeta, metaRaw, 'meta', issues) ?? {
    schemaVersion: metaRaw.schemaVersion as number,
    title: typeof metaRaw.title === 'string' && metaRaw.title.trim() ? metaRaw.title.trim().slice(0, 200) : 'Untitled',
    loop: ProjectMeta.shape.loop.parse(DEFAULT_LOOP),
  };

  const tracksMap = root(doc, 'tracks');
  const records = sortedKeys(tracksMap).flatMap((id) => {
    const track = parseRecord(Track, fieldsOf(tracksMap.get(id)), `tracks/${id}`, issues);
    if (track && track.id !== id) issues.push({ path: `tracks/${id}`, message: 'skipped: id does not match its key' });
    return track && track.id === id ? [track] : [];
  });
  const index: TrackIndex = { kinds: new Map(records.map((t) => [t.id, t.kind])) };

  const takesMap = root(doc, 'takes');
  const takes = sortedKeys(takesMap).flatMap((id) => {
    const take = parseRecord(Take, takesMap.get(id), `takes/${id}`, issues);
    const valid = take && take.id === id && index.kinds.has(take.trackId);
    if (take && !valid) issues.push({ path: `takes/${id}`, message: `skipped: track ${take.trackId} is missing` });
    return valid ? [take] : [];
  });
  const takeTrack = new Map(takes.map((t) => [t.id, t.trackId]));

  const assetsMap = root(doc, 'assets');
  const assets = sortedKeys(assetsMap).flatMap((hash) => {
    const asset = parseRecord(Asset, assetsMap.get(hash), `assets/${hash}`, issues);
    return asset && asset.hash === hash ? [asset] : [];
  });
  const clips = readClips(doc, index, takeTrack, new Set(assets.map((a) => a.hash)), issues);

  const tracks: TrackSnapshot[] = records.map((record) => {
    const path = `tracks/${record.id}`;
    const raw = tracksMap.get(record.id) as Y.Map<unknown>;
    let track = record;
    if (track.output !== null && (track.output === track.id || index.kinds.get(track.output) !== 'bus')) {
      issues.push({ path, message: `output ${track.output} ignored: not another bus track` });
      track = { ...track, output: null };
    }
    if (track.activeTakeId !== null && takeTrack.get(track.activeTakeId) !== track.id) {
      issues.push({ path, message: `active take ${track.activeTakeId} ignored: not a take of this track` });
      track = { ...track, activeTakeId: null };
    }
    const devices = readDevices(raw, path, index, issues);
    const sends = readSends(raw, track.id, path, index, issues);
    const automation = readAutomation(raw, path, devices, sends, issues);
    const trackTakes = takes.filter((t) => t.trackId === track.id).sort(compareByOrder);
    return { ...track, devices, sends, automation, clips: clips.get(track.id) ?? [], takes: trackTakes };
  });
  const master = tracks.find((t) => t.id === MASTER_ID && t.kind === 'master') ?? null;
  if (!master) issues.push({ path: `tracks/${MASTER_ID}`, message: 'missing: the project has no master track' });

  const markersMap = root(doc, 'markers');
  const markers = sortedKeys(markersMap).flatMap((id) => {
    const marker = parseRecord(Marker, markersMap.get(id), `markers/${id}`, issues);
    return marker && marker.id === id ? [marker] : [];
  });

  return deepFreeze({
    schemaVersion: meta.schemaVersion,
    title: meta.title,
    loop: meta.loop,
    tempo: readSteps(root(doc, 'tempo'), TempoChange, 'tempo', { tick: 0, bpm: DEFAULT_BPM }, issues),
    meters: readSteps(root(doc, 'meters'), MeterChange, 'meters', { tick: 0, numerator: 4, denominator: 4 }, issues),
    markers: markers.sort((a, b) => a.tick - b.tick || byId(a, b)),
    assets,
    tracks: tracks.filter((t) => t !== master && t.kind !== 'master').sort(compareByOrder),
    master,
    issues,
  });
}
