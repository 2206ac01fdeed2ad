import { strToU8, zipSync, type Zippable } from 'fflate';
import type * as Y from 'yjs';
import { EncoreError } from '../../errors';
import { ticks } from '../../units';
import { readProject } from '../../project/read/readProject';
import { clipPlays, type ClipSnapshot, type ProjectSnapshot, type TrackSnapshot } from '../../project/read/snapshot';
import type { Asset } from '../../project/schema/asset';
import { TempoMap } from '../../project/tempoMap';
import { fmt, tickToBeats, toDawproject } from './units';
import { realParameter, writeDevice, writeInstrument, type DeviceWriter, type ExportedParam } from './writeDevices';
import { buildXml, el, type XmlElement } from './xml';

export interface DawprojectExportOptions {
  /** The bytes of an asset by its SHA-256 (the host's blob store); every audio clip's asset must be there. */
  readonly assets: (hash: string) => Uint8Array | undefined;
  /** Written as the <Application> version. */
  readonly appVersion: string;
}

const MAX_VOLUME_GAIN = 10 ** (12 / 20);
const EXTENSIONS: Readonly<Record<string, string>> = { 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/wave': 'wav', 'audio/flac': 'flac', 'audio/mpeg': 'mp3', 'audio/ogg': 'ogg', 'audio/opus': 'opus', 'audio/aiff': 'aif', 'audio/mp4': 'm4a' };

function audioPath(asset: Asset): string {
  const ext = EXTENSIONS[asset.mimeType] ?? 'wav';
  const stem = asset.name.replace(/\.[^.]*$/, '').replace(/[^\w.-]+/g, '_').slice(0, 80) || 'audio';
  return `audio/${asset.hash.slice(0, 12)}-${stem}.${ext}`;
}

class Exporter implements DeviceWriter {
  private counter = 0;
  private readonly params = new Map<string, Map<string, ExportedParam>>();
  private current = new Map<string, ExportedParam>();
  readonly files = new Map<string, Uint8Array>();
  private readonly tempo: TempoMap;
  private readonly assets: Map<string, Asset>;

  constructor(readonly project: ProjectSnapshot, private readonly options: DawprojectExportOptions) {
    this.tempo = new TempoMap(project.tempo);
    this.assets = new Map(project.assets.map((a) => [a.hash, a]));
  }

  nextId = (): string => `id${this.counter++}`;
  register = (laneKey: string, param: ExportedParam): void => void this.current.set(laneKey, param);

  channelIds = new Map<string, string>();

  track(track: TrackSnapshot, role: 'regular' | 'effect' | 'submix' | 'master'): XmlElement {
    this.current = new Map();
    this.params.set(track.id, this.current);
    const trackId = `track-${track.id}`;
    const channelId = this.channelIds.get(track.id) as string;
    const destination = role === 'master' ? undefined : this.channelIds.get(track.output ?? 'master');
    const devices = [...(track.instrument ? [writeInstrument(this, track.instrument)] : []), ...track.devices.map((d) => writeDevice(this, d))];
    const sends = track.sends.map((s) =>
      el('Send', { id: this.nextId(), destination: this.channelIds.get(s.targetTrackId), type: s.pre ? 'pre' : 'post' }, [realParameter(this, 'Volume', s.levelDb, 'gainDb', [-144, 12], `send/${s.id}`, 'Send')]),
    );
    const channel = el('Channel', { id: channelId, role, audioChannels: 2, solo: track.solo, destination }, [
      devices.length > 0 ? el('Devices', {}, devices) : undefined,
      el('Mute', { id: this.nextId(), name: 'Mute', value: track.mute }),
      realParameter(this, 'Pan', track.pan, 'pan', [-1, 1], 'pan'),
      sends.length > 0 ? el('Sends', {}, sends) : undefined,
      el('Volume', { id: this.nextId(), name: 'Volume', unit: 'linear', min: 0, max: fmt(MAX_VOLUME_GAIN), value: fmt(toDawproject(track.volumeDb, 'gainDb').value) }),
    ]);
    this.current.set('volume', { id: channel.children.at(-1)?.attrs.id as string, unit: 'gainDb' });
    const contentType = track.kind === 'instrument' ? 'notes' : 'audio';
    return el('Track', { id: trackId, name: track.name, color: track.color, contentType, loaded: true }, [channel]);
  }

  private clip(clip: ClipSnapshot): XmlElement {
    const common = { time: tickToBeats(clip.start), duration: tickToBeats(clip.length), name: clip.name };
    if (clip.kind === 'midi') {
      const notes = clip.notes.map((n) => el('Note', { time: tickToBeats(n.tick), duration: tickToBeats(n.duration), channel: 0, key: n.pitch, vel: fmt(n.velocity / 127) }));
      return el('Clip', { ...common, playStart: tickToBeats(clip.offset) }, [el('Notes', { id: this.nextId() }, notes)]);
    }
    const asset = this.assets.get(clip.assetHash) as Asset;
    const path = audioPath(asset);
    // Encore plays audio unstretched: warp markers pin the source to clock time at every tempo change.
    const startSec = this.tempo.ticksToSeconds(ticks(clip.start));
    const cuts = [clip.start, ...this.project.tempo.map((t) => t.tick).filter((t) => t > clip.start && t < clip.start + clip.length), clip.start + clip.length];
    const warps = cuts.map((t) => el('Warp', { time: tickToBeats(t - clip.start), contentTime: fmt(clip.sourceOffset + this.tempo.ticksToSeconds(ticks(t)) - startSec) }));
    const audio = el('Audio', { id: this.nextId(), name: asset.name, channels: asset.channels, sampleRate: asset.sampleRate, duration: fmt(asset.durationSeconds) }, [el('File', { path })]);
    return el('Clip', { ...common, playStart: 0, fadeTimeUnit: 'beats', fadeInTime: tickToBeats(clip.fadeIn), fadeOutTime: tickToBeats(clip.fadeOut) }, [
      el('Warps', { id: this.nextId(), timeUnit: 'beats', contentTimeUnit: 'seconds' }, [audio, ...warps]),
    ]);
  }

  private addAudio(hash: string): void {
    const asset = this.assets.get(hash);
    if (!asset) throw new EncoreError('NOT_FOUND', `An audio clip uses asset ${hash}, which is not in the project`, { reason: 'missing-asset', hash });
    const path = audioPath(asset);
    if (this.files.has(path)) return;
    const bytes = this.options.assets(hash);
    if (!bytes) throw new EncoreError('NOT_FOUND', `The audio file "${asset.name}" is not available, so the project cannot be exported with it. Nothing was written.`, { reason: 'missing-asset', hash });
    this.files.set(path, bytes);
  }

  lanes(track: TrackSnapshot): XmlElement {
    const clips = track.clips.filter((c) => clipPlays(track, c));
    for (const c of clips) if (c.kind === 'audio') this.addAudio(c.assetHash);
    const params = this.params.get(track.id) ?? new Map<string, ExportedParam>();
    const points = track.automation.flatMap((lane) => {
      const param = params.get(lane.key);
      if (!param || lane.points.length === 0) return [];
      const unit = toDawproject(0, param.unit).unit;
      const list = lane.points.map((p) => el('RealPoint', { time: tickToBeats(p.tick), value: fmt(toDawproject(p.value, param.unit).value), interpolation: p.curve === 'hold' ? 'hold' : 'linear' }));
      return [el('Points', { id: this.nextId(), unit }, [el('Target', { parameter: param.id }), ...list])];
    });
    return el('Lanes', { track: `track-${track.id}`, id: this.nextId() }, [clips.length > 0 ? el('Clips', { id: this.nextId() }, clips.map((c) => this.clip(c))) : undefined, ...points]);
  }
}

function roleOf(track: TrackSnapshot, project: ProjectSnapshot): 'regular' | 'effect' | 'submix' {
  if (track.kind !== 'bus') return 'regular';
  const sent = project.tracks.some((t) => t.sends.some((s) => s.targetTrackId === track.id));
  const fed = project.tracks.some((t) => t.output === track.id);
  return fed && !sent ? 'submix' : 'effect';
}

/** Builds project.xml and the audio it references (the exporter's `files`). */
export function buildProjectXml(project: ProjectSnapshot, options: DawprojectExportOptions): { xml: string; files: Map<string, Uint8Array> } {
  const x = new Exporter(project, options);
  const all = project.master ? [...project.tracks, project.master] : [...project.tracks];
  for (const t of all) x.channelIds.set(t.id, `channel-${t.id}`);
  const structure = all.map((t) => x.track(t, t.kind === 'master' ? 'master' : roleOf(t, project)));
  const tempoId = x.nextId();
  const meterId = x.nextId();
  const first = project.tempo[0] ?? { tick: 0, bpm: 120 };
  const meter = project.meters[0] ?? { tick: 0, numerator: 4, denominator: 4 };
  const arrangement = el('Arrangement', { id: x.nextId() }, [
    el('Lanes', { timeUnit: 'beats', id: x.nextId() }, all.map((t) => x.lanes(t))),
    project.markers.length > 0 ? el('Markers', { id: x.nextId() }, project.markers.map((m) => el('Marker', { time: tickToBeats(m.tick), name: m.name, color: m.color }))) : undefined,
    project.tempo.length > 1
      ? el('TempoAutomation', { id: x.nextId(), unit: 'bpm' }, [el('Target', { parameter: tempoId }), ...project.tempo.map((t) => el('RealPoint', { time: tickToBeats(t.tick), value: fmt(t.bpm), interpolation: 'hold' }))])
      : undefined,
    project.meters.length > 1
      ? el('TimeSignatureAutomation', { id: x.nextId() }, [el('Target', { parameter: meterId }), ...project.meters.map((m) => el('TimeSignaturePoint', { time: tickToBeats(m.tick), numerator: m.numerator, denominator: m.denominator }))])
      : undefined,
  ]);
  const root = el('Project', { version: '1.0' }, [
    el('Application', { name: 'Encore', version: options.appVersion }),
    el('Transport', {}, [
      el('Tempo', { id: tempoId, name: 'Tempo', unit: 'bpm', min: 20, max: 999, value: fmt(first.bpm) }),
      el('TimeSignature', { id: meterId, numerator: meter.numerator, denominator: meter.denominator }),
    ]),
    el('Structure', {}, structure),
    arrangement,
  ]);
  return { xml: buildXml(root), files: x.files };
}

/**
 * Exports the project as a DAWproject 1.0 archive: project.xml, metadata.xml and the audio its
 * clips play. Tracks with volume, pan, mute, solo, routing and sends; the EQ, filter, compressor,
 * limiter and gate as DAWproject's generic devices, other Encore devices and the instruments as
 * Encore built-in devices; clips of the active takes with notes and audio; automation, tempo and
 * meter maps and markers. Times are in beats (quarter notes). Throws NOT_FOUND, writing
 * nothing, when an audio clip's bytes are not available.
 *
 * @example
 * const bytes = exportDawproject(doc, { assets: (hash) => blobs.get(hash), appVersion: '0.1.0' });
 */
export function exportDawproject(doc: Y.Doc, options: DawprojectExportOptions): Uint8Array {
  const project = readProject(doc);
  const { xml, files } = buildProjectXml(project, options);
  const metadata = buildXml(el('MetaData', {}, [el('Title', {}, [], project.title), el('Comment', {}, [], `Exported by Encore ${options.appVersion}`)]));
  const zippable: Zippable = { 'metadata.xml': [strToU8(metadata), { level: 6 }], 'project.xml': [strToU8(xml), { level: 6 }] };
  for (const [path, bytes] of files) zippable[path] = [bytes, { level: 0 }];
  return zipSync(zippable);
}
