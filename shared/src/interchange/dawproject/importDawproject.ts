import * as Y from 'yjs';
import { EncoreError } from '../../errors';
import { createIdGenerator, type IdGenerator } from '../../project/ids';
import { ROOTS, root } from '../../project/schema/layout';
import { TEMPLATE_ORIGIN } from '../../project/templates/emptyProject';
import type { ImportPlan, ParamBinding, PlannedTrack } from './plan';
import { readArrangement } from './readArrangement';
import type { ArchiveAudio } from './readClips';
import { readStructure } from './readStructure';
import { readTransport, Timebase } from './readTransport';
import { writePlan } from './writePlan';
import { child, childrenNamed, parseXml, type XmlElement } from './xml';
import { DEFAULT_ZIP_LIMITS, formatBytes, listZip, readEntry, type ZipEntry, type ZipLimits } from './zip';

/** The DAWproject major version this build reads (the format's 1.x). */
export const DAWPROJECT_MAJOR = 1;

export interface DawprojectImportOptions {
  /** Hashes an audio file (lowercase hex SHA-256), e.g. with Web Crypto; assets are keyed by it. */
  readonly sha256: (bytes: Uint8Array) => Promise<string>;
  /** An empty document to receive the project in one update, only once the import succeeded. */
  readonly into?: Y.Doc;
  /** The project title; metadata.xml's Title, else "Imported DAWproject", when omitted. */
  readonly title?: string;
  /** Refuse the file when an audio file is missing, instead of skipping its clips with a warning. */
  readonly strict?: boolean;
  readonly limits?: Partial<ZipLimits>;
  readonly newId?: IdGenerator;
}

export interface DawprojectImport {
  /** The imported project (`options.into` when given). */
  readonly doc: Y.Doc;
  /** The whole project as one Yjs update. */
  readonly update: Uint8Array;
  /** The audio the project uses, by SHA-256: hand them to the blob store. */
  readonly assets: Map<string, Uint8Array>;
  /** What was adapted or left out, one line each. */
  readonly warnings: string[];
  readonly tracks: number;
  readonly notes: number;
}

const bad = (message: string, reason: string): EncoreError => new EncoreError('BAD_REQUEST', message, { reason });

function checkVersion(project: XmlElement, warnings: string[]): void {
  if (project.name !== 'Project') throw bad(`project.xml is not a DAWproject: its root element is <${project.name}>, not <Project>.`, 'not-dawproject');
  const m = /^\s*(\d+)(?:\.(\d+))?/.exec(project.attrs.version ?? '');
  if (!m) throw bad('project.xml does not say which DAWproject version it is.', 'no-version');
  const major = Number(m[1]);
  if (major > DAWPROJECT_MAJOR) {
    throw new EncoreError('UNSUPPORTED_MEDIA_TYPE', `This project was saved as DAWproject ${project.attrs.version?.trim()}, a newer format than this Encore reads (DAWproject ${DAWPROJECT_MAJOR}.x). Update Encore to open it.`, {
      reason: 'dawproject-too-new',
      version: project.attrs.version,
    });
  }
  if (Number(m[2] ?? 0) > 0) warnings.push(`This file is DAWproject ${project.attrs.version?.trim()}; parts newer than 1.0 may be missing`);
}

function audioPaths(node: XmlElement, out: Set<string>): Set<string> {
  for (const c of node.children) {
    if (c.name === 'Audio') {
      const file = child(c, 'File');
      if (file?.attrs.path && file.attrs.external !== 'true') out.add(file.attrs.path.replace(/^\.?\//, ''));
    } else audioPaths(c, out);
  }
  return out;
}

/** Inflates what the project needs, within the unpacked-size budget (checked before inflating). */
async function readAudio(bytes: Uint8Array, entries: ReadonlyMap<string, ZipEntry>, paths: Set<string>, budget: number, sha256: DawprojectImportOptions['sha256']) {
  const present = [...paths].map((p) => entries.get(p)).filter((e): e is ZipEntry => e !== undefined);
  const total = present.reduce((n, e) => n + e.size, 0);
  if (total > budget) {
    throw new EncoreError('PAYLOAD_TOO_LARGE', `The audio in this DAWproject unpacks to ${formatBytes(total)}; Encore imports up to ${formatBytes(budget)} at once.`, { reason: 'unpacked-too-large' });
  }
  const audio = new Map<string, ArchiveAudio>();
  const blobs = new Map<string, Uint8Array>();
  for (const [path, entry] of [...paths].map((p) => [p, entries.get(p)] as const)) {
    if (!entry) continue;
    const data = readEntry(bytes, entry);
    const hash = (await sha256(data)).toLowerCase();
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new EncoreError('INTERNAL', 'The sha256 function returned something other than a hex SHA-256');
    audio.set(path, { hash, byteLength: data.byteLength });
    blobs.set(hash, data);
  }
  return { audio, blobs };
}

/**
 * Imports a DAWproject (.dawproject, the open format of Bitwig Studio, Studio One and Cubase):
 * tempo and time signature with their automation, tracks with volume, pan, mute, solo, sends,
 * routing and the generic devices (Equalizer, Compressor, Limiter, NoiseGate), arrangement clips
 * with notes and audio, automation and markers. The whole file is checked and planned first, then
 * written into a fresh document: a bad file throws an EncoreError and nothing is imported; what
 * does not fit Encore is listed in `warnings`.
 *
 * @example
 * const { doc, assets, warnings } = await importDawproject(bytes, { sha256 });
 * for (const [hash, data] of assets) await blobStore.put(hash, data);
 */
export async function importDawproject(bytes: Uint8Array, options: DawprojectImportOptions): Promise<DawprojectImport> {
  if (options.into && ROOTS.some((name) => root(options.into as Y.Doc, name).size > 0)) throw new EncoreError('CONFLICT', 'DAWprojects are imported into a new, empty project');
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...options.limits };
  const entries = listZip(bytes, limits);
  const xmlEntry = (name: string): Uint8Array | undefined => {
    const entry = entries.get(name);
    if (!entry) return undefined;
    if (entry.size > limits.maxXmlBytes) throw new EncoreError('PAYLOAD_TOO_LARGE', `${name} is ${formatBytes(entry.size)}; Encore reads project files up to ${formatBytes(limits.maxXmlBytes)}.`, { reason: 'xml-too-large' });
    return readEntry(bytes, entry);
  };
  const projectXml = xmlEntry('project.xml');
  if (!projectXml) throw bad('This zip archive has no project.xml, so it is not a DAWproject.', 'missing-project-xml');
  const project = parseXml(projectXml, 'project.xml');
  const warnings: string[] = [];
  checkVersion(project, warnings);
  const metadataXml = xmlEntry('metadata.xml');
  const metadata = metadataXml ? parseXml(metadataXml, 'metadata.xml') : undefined;
  const { audio, blobs } = await readAudio(bytes, entries, audioPaths(project, new Set()), limits.maxUnpackedBytes - projectXml.byteLength, options.sha256);

  const title = (options.title ?? child(metadata, 'Title')?.text ?? '').trim().slice(0, 200).trim() || 'Imported DAWproject';
  const plan: ImportPlan = { title, tempo: new Map(), meters: new Map(), markers: [], tracks: [], assets: new Map(), warnings };
  const transport = child(project, 'Transport');
  const arrangement = child(project, 'Arrangement');
  const lanes = child(arrangement, 'Lanes');
  const transportIds = new Set([child(transport, 'Tempo')?.attrs.id, child(transport, 'TimeSignature')?.attrs.id].filter((id): id is string => !!id));
  const tempoLanes = [...childrenNamed(arrangement, 'TempoAutomation'), ...findPoints(lanes, transportIds, 'RealPoint')];
  const meterLanes = [...childrenNamed(arrangement, 'TimeSignatureAutomation'), ...findPoints(lanes, transportIds, 'TimeSignaturePoint')];
  readTransport(plan, transport, tempoLanes, meterLanes, lanes?.attrs.timeUnit);

  const bindings = new Map<string, ParamBinding>();
  plan.tracks.push(...readStructure(child(project, 'Structure'), warnings, bindings));
  const tracks = new Map<string, PlannedTrack>(plan.tracks.map((t) => [t.key, t]));
  for (const t of plan.tracks) if (t.channelId && !tracks.has(t.channelId)) tracks.set(t.channelId, t);
  readArrangement({ plan, timebase: new Timebase(plan.tempo), audio, strict: options.strict ?? false, tracks, bindings, transportIds }, arrangement);
  if (hasDescendant(child(project, 'Scenes'), 'Clip')) warnings.push('Clip launcher scenes are not supported; their clips were left out');

  const written = writePlan(plan, options.newId ?? createIdGenerator());
  const update = Y.encodeStateAsUpdate(written.doc);
  let doc = written.doc;
  if (options.into) {
    Y.applyUpdate(options.into, update, TEMPLATE_ORIGIN);
    written.doc.destroy();
    doc = options.into;
  }
  const used = new Set(plan.assets.keys());
  const assets = new Map([...blobs].filter(([hash]) => used.has(hash)));
  return { doc, update, assets, warnings, tracks: written.tracks, notes: written.notes };
}

/** Points lanes anywhere in the arrangement that automate the transport (tempo or time signature). */
function findPoints(node: XmlElement | undefined, ids: ReadonlySet<string>, pointName: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const c of node?.children ?? []) {
    if (c.name === 'Points') {
      const target = child(c, 'Target')?.attrs.parameter;
      if (target && ids.has(target) && c.children.some((p) => p.name === pointName)) out.push(c);
    } else if (c.name === 'Lanes') out.push(...findPoints(c, ids, pointName));
  }
  return out;
}

function hasDescendant(node: XmlElement | undefined, name: string): boolean {
  return (node?.children ?? []).some((c) => c.name === name || hasDescendant(c, name));
}
