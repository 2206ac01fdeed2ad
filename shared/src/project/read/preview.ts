import type * as Y from 'yjs';
import type { VersionPreview } from '../../api/studioVersions';
import { documentVersion, migrateProject, PROJECT_SCHEMA_VERSION } from '../schema/migrations';
import { DEFAULT_BPM } from '../schema/tempoChange';
import { TempoMap } from '../tempoMap';
import { ticks } from '../../units';
import { readProject } from './readProject';

/**
 * What a stored state of a project holds, for a list of versions: title, tracks, clips, the
 * opening tempo and the length up to the end of the last clip. A document of an older schema
 * is migrated first, so pass a throwaway doc; one holding no project reads as empty.
 *
 * @example
 * const doc = new Y.Doc();
 * Y.applyUpdate(doc, version.state);
 * previewProject(doc); // { title: 'Encore demo', trackCount: 5, clipCount: 8, bpm: 110, ... }
 */
export function previewProject(doc: Y.Doc): VersionPreview {
  const version = documentVersion(doc);
  if (version === undefined) return { title: 'Untitled', trackCount: 0, trackNames: [], clipCount: 0, bpm: DEFAULT_BPM, lengthSeconds: 0 };
  if (version < PROJECT_SCHEMA_VERSION) migrateProject(doc);
  const project = readProject(doc);
  const clips = project.tracks.flatMap((t) => t.clips);
  const endTick = clips.reduce((end, c) => Math.max(end, c.start + c.length), 0);
  const tempo = new TempoMap(project.tempo);
  return {
    title: project.title,
    trackCount: project.tracks.length,
    trackNames: project.tracks.map((t) => t.name),
    clipCount: clips.length,
    bpm: project.tempo[0]?.bpm ?? DEFAULT_BPM,
    lengthSeconds: Math.round(tempo.ticksToSeconds(ticks(endTick)) * 1000) / 1000,
  };
}
