import type { ParamBinding, PlannedSend, PlannedTrack } from './plan';
import { readDevices } from './readDevices';
import { dpParam, readParam } from './units';
import { bool, child, childrenNamed, type XmlElement } from './xml';

const SILENCE_DB = -144;
const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

export function cleanColor(raw: string | undefined): string | undefined {
  const m = /^#([0-9a-fA-F]{6})/.exec(raw ?? '');
  return m ? `#${(m[1] as string).toLowerCase()}` : undefined;
}

export function cleanName(raw: string | undefined, fallback: string): string {
  return (raw ?? '').trim().slice(0, 100).trim() || fallback;
}

interface StructureContext {
  readonly warnings: string[];
  readonly bindings: Map<string, ParamBinding>;
  readonly tracks: PlannedTrack[];
}

function readSends(ctx: StructureContext, track: PlannedTrack, channel: XmlElement): void {
  for (const node of childrenNamed(child(channel, 'Sends'), 'Send')) {
    const volume = child(node, 'Volume');
    const levelDb = clamp(readParam(node, 'Volume', 'gainDb') ?? 0, SILENCE_DB, 12);
    const destination = node.attrs.destination;
    if (bool(child(node, 'Enable'), 'value') === false || !destination) {
      // Bitwig writes every possible send, disabled at zero; only a disabled send at a level is news.
      if (levelDb > SILENCE_DB) ctx.warnings.push(`Track "${track.name}": a disabled send was left out`);
      continue;
    }
    if (destination === track.channelId) {
      ctx.warnings.push(`Track "${track.name}": a send to itself was left out`);
      continue;
    }
    const send: PlannedSend = { destination, levelDb, pre: node.attrs.type === 'pre' };
    track.sends.push(send);
    if (volume?.attrs.id) ctx.bindings.set(volume.attrs.id, { track, target: { kind: 'send', send }, declared: dpParam(volume), unit: 'gainDb', range: [SILENCE_DB, 12] });
    if (child(node, 'Pan')) ctx.warnings.push(`Track "${track.name}": send pan is not supported and was dropped`);
  }
}

function readChannel(ctx: StructureContext, track: PlannedTrack, channel: XmlElement): void {
  const volume = child(channel, 'Volume');
  const pan = child(channel, 'Pan');
  const volumeDb = readParam(channel, 'Volume', 'gainDb');
  if (volumeDb !== undefined) {
    if (volumeDb > 12) ctx.warnings.push(`Track "${track.name}": volume +${volumeDb.toFixed(1)} dB was limited to +12 dB`);
    track.volumeDb = clamp(volumeDb, SILENCE_DB, 12);
  }
  track.pan = clamp(readParam(channel, 'Pan', 'pan') ?? 0, -1, 1);
  track.mute = bool(child(channel, 'Mute'), 'value') ?? false;
  track.solo = bool(channel, 'solo') ?? false;
  if (volume?.attrs.id) ctx.bindings.set(volume.attrs.id, { track, target: { kind: 'volume' }, declared: dpParam(volume), unit: 'gainDb', range: [SILENCE_DB, 12] });
  if (pan?.attrs.id) ctx.bindings.set(pan.attrs.id, { track, target: { kind: 'pan' }, declared: dpParam(pan), unit: 'pan', range: [-1, 1] });
  readDevices({ track, warnings: ctx.warnings, bindings: ctx.bindings }, child(channel, 'Devices'));
  readSends(ctx, track, channel);
}

function plannedTrack(key: string, node: XmlElement, channel: XmlElement | undefined, index: number): PlannedTrack {
  const role = channel?.attrs.role === 'master' ? 'master' : channel?.attrs.role === 'effect' || channel?.attrs.role === 'submix' || channel?.attrs.role === 'vca' ? 'bus' : 'regular';
  return {
    key,
    channelId: channel?.attrs.id,
    role,
    name: cleanName(node.attrs.name ?? channel?.attrs.name, role === 'master' ? 'Master' : `Track ${index + 1}`),
    color: cleanColor(node.attrs.color ?? channel?.attrs.color),
    contentTypes: (node.attrs.contentType ?? '').split(/\s+/).filter(Boolean),
    volumeDb: 0,
    pan: 0,
    mute: false,
    solo: false,
    instrument: undefined,
    foreignInstrument: undefined,
    devices: [],
    sends: [],
    destination: channel?.attrs.destination,
    clips: [],
    points: [],
  };
}

function readTrack(ctx: StructureContext, node: XmlElement, parentChannel: string | undefined): void {
  const channel = node.name === 'Channel' ? node : child(node, 'Channel');
  if (channel) {
    const track = plannedTrack(node.attrs.id ?? channel.attrs.id ?? `track${ctx.tracks.length}`, node, channel, ctx.tracks.length);
    if (channel.attrs.role === 'vca') ctx.warnings.push(`Track "${track.name}": VCA channels are imported as plain return tracks`);
    track.destination ??= parentChannel;
    ctx.tracks.push(track);
    readChannel(ctx, track, channel);
  }
  // Folder tracks nest their members; Encore's tracks are flat, routed into the folder's bus.
  for (const member of childrenNamed(node, 'Track')) readTrack(ctx, member, channel?.attrs.id ?? parentChannel);
}

/**
 * Reads <Structure> into planned tracks in file order (folders flattened, members routed to the
 * folder's channel), registering every parameter id that automation may target.
 */
export function readStructure(structure: XmlElement | undefined, warnings: string[], bindings: Map<string, ParamBinding>): PlannedTrack[] {
  const ctx: StructureContext = { warnings, bindings, tracks: [] };
  for (const node of structure?.children ?? []) if (node.name === 'Track' || node.name === 'Channel') readTrack(ctx, node, undefined);
  const masters = ctx.tracks.filter((t) => t.role === 'master');
  for (const extra of masters.slice(1)) {
    warnings.push(`Track "${extra.name}": a second master channel was imported as a return track`);
    extra.role = 'bus';
  }
  return ctx.tracks;
}
