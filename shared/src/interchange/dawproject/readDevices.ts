import { DEVICE_KINDS, defaultParams, paramSpec, type DeviceKind } from '../../project/schema/deviceKinds';
import type { Instrument } from '../../project/schema/instrument';
import { INSTRUMENT_DEVICE_PREFIX, ENCORE_DEVICE_PREFIX, GENERIC_FIELDS, EQ_SLOTS, FILTER_BAND_MODES, WAVEFORMS, type EqSlot, type GenericElement } from './deviceMapping';
import type { ParamBinding, PlannedDevice, PlannedTrack } from './plan';
import { dpParam, toEncore } from './units';
import { bool, child, childrenNamed, num, type XmlElement } from './xml';

export interface DeviceContext {
  readonly track: PlannedTrack;
  readonly warnings: string[];
  readonly bindings: Map<string, ParamBinding>;
}

const where = (ctx: DeviceContext): string => `Track "${ctx.track.name}"`;
const deviceLabel = (node: XmlElement): string => node.attrs.deviceName || node.attrs.name || node.name;

/**
 * Reads one realParameter into a device param: converts its unit, clamps it into Encore's range
 * (with a warning when that changes it), and registers its id so automation can find it.
 */
function setParam(ctx: DeviceContext, device: PlannedDevice, paramId: string, node: XmlElement | undefined, adjust?: (v: number) => number): void {
  const spec = paramSpec(device.kind, paramId);
  const raw = num(node, 'value');
  if (!spec || !node) return;
  const range = [spec.min, spec.max] as const;
  if (node.attrs.id) ctx.bindings.set(node.attrs.id, { track: ctx.track, target: { kind: 'param', device, paramId }, declared: dpParam(node), unit: spec.unit, range, ...(adjust ? { adjust } : {}) });
  if (raw === undefined) return;
  const converted = toEncore(raw, undefined, dpParam(node), spec.unit, range);
  if (converted === undefined) {
    ctx.warnings.push(`${where(ctx)}: ${device.kind} ${paramId} in unit "${node.attrs.unit ?? '?'}" cannot be converted; the default is used`);
    return;
  }
  device.params[paramId] = clampParam(ctx, device.kind, paramId, adjust ? adjust(converted) : converted);
}

export function clampParam(ctx: { warnings: string[]; track: PlannedTrack }, kind: DeviceKind, paramId: string, value: number): number {
  const spec = paramSpec(kind, paramId);
  if (!spec) return value;
  let v = Math.min(spec.max, Math.max(spec.min, value));
  if (spec.step !== undefined) v = spec.min + Math.round((v - spec.min) / spec.step) * spec.step;
  if (Math.abs(v - value) > 1e-6 * Math.max(1, Math.abs(value))) {
    ctx.warnings.push(`Track "${ctx.track.name}": ${kind} ${paramId} ${+value.toFixed(3)} is outside Encore's ${spec.min}…${spec.max} ${spec.unit} and was set to ${v}`);
  }
  return v;
}

function newDevice(ctx: DeviceContext, kind: DeviceKind, node: XmlElement): PlannedDevice {
  const device: PlannedDevice = { kind, bypass: bool(child(node, 'Enabled'), 'value') === false, params: defaultParams(kind) };
  ctx.track.devices.push(device);
  return device;
}

/** Params Encore keeps in the device's <Parameters> (those the generic element has no field for). */
function readNamedParams(ctx: DeviceContext, device: PlannedDevice, node: XmlElement): void {
  for (const p of child(node, 'Parameters')?.children ?? []) if (p.attrs.name) setParam(ctx, device, p.attrs.name, p);
}

function readEqualizer(ctx: DeviceContext, node: XmlElement): void {
  const eqs: { device: PlannedDevice; free: Set<EqSlot> }[] = [];
  const slotFor = (wanted: readonly EqSlot[]): { device: PlannedDevice; slot: EqSlot } => {
    for (const eq of eqs) {
      const slot = wanted.find((s) => eq.free.has(s));
      if (slot) {
        eq.free.delete(slot);
        return { device: eq.device, slot };
      }
    }
    const device = newDevice(ctx, 'eq', node);
    const eq = { device, free: new Set<EqSlot>(EQ_SLOTS) };
    eqs.push(eq);
    eq.free.delete(wanted[0] as EqSlot);
    return { device, slot: wanted[0] as EqSlot };
  };
  let filters = 0;
  for (const band of childrenNamed(node, 'Band')) {
    if (bool(child(band, 'Enabled'), 'value') === false) continue;
    const type = band.attrs.type ?? '';
    const mode = FILTER_BAND_MODES[type];
    if (mode !== undefined) {
      const filter = newDevice(ctx, 'filter', node);
      filter.params.mode = mode;
      setParam(ctx, filter, 'cutoff', child(band, 'Freq'));
      setParam(ctx, filter, 'resonance', child(band, 'Q'));
      filters++;
      continue;
    }
    const wanted: readonly EqSlot[] | undefined = type === 'lowShelf' ? ['low'] : type === 'highShelf' ? ['high'] : type === 'bell' ? ['lowMid', 'highMid'] : undefined;
    if (!wanted) {
      ctx.warnings.push(`${where(ctx)}: EQ band type "${type}" is unknown and was skipped`);
      continue;
    }
    const { device, slot } = slotFor(wanted);
    setParam(ctx, device, `${slot}Freq`, child(band, 'Freq'));
    setParam(ctx, device, `${slot}Gain`, child(band, 'Gain'));
    if (type === 'bell') setParam(ctx, device, `${slot}Q`, child(band, 'Q'));
  }
  const first = eqs[0]?.device ?? (filters === 0 ? newDevice(ctx, 'eq', node) : undefined);
  const gain = (name: string): number => toEncore(num(child(node, name), 'value') ?? 0, undefined, dpParam(child(node, name)), 'dB') ?? 0;
  const inputDb = gain('InputGain');
  if (first) {
    setParam(ctx, first, 'output', child(node, 'OutputGain'), (v) => v + inputDb);
    if (!child(node, 'OutputGain') && inputDb !== 0) first.params.output = clampParam(ctx, 'eq', 'output', inputDb);
  } else if (inputDb + gain('OutputGain') !== 0) ctx.warnings.push(`${where(ctx)}: the input/output gain of EQ "${deviceLabel(node)}" was dropped`);
  if (eqs.length > 1) ctx.warnings.push(`${where(ctx)}: EQ "${deviceLabel(node)}" has more bands than one Encore EQ; it became ${eqs.length} EQs in a row`);
}

function readGeneric(ctx: DeviceContext, node: XmlElement, element: GenericElement): void {
  const { kind, fields } = GENERIC_FIELDS[element];
  const device = newDevice(ctx, kind, node);
  if (node.attrs.deviceID === `${ENCORE_DEVICE_PREFIX}${kind}`) readNamedParams(ctx, device, node);
  const db = (name: string): number => toEncore(num(child(node, name), 'value') ?? 0, undefined, dpParam(child(node, name)), 'dB') ?? 0;
  for (const [xml, paramId] of Object.entries(fields)) {
    // A limiter's ceiling is where its output peaks: the threshold lifted by the output gain.
    const outputDb = element === 'Limiter' && xml === 'Threshold' ? db('OutputGain') : 0;
    setParam(ctx, device, paramId, child(node, xml), outputDb ? (v) => v + outputDb : undefined);
  }
  if (element === 'Compressor') {
    if (db('InputGain') !== 0) ctx.warnings.push(`${where(ctx)}: the compressor's input gain (${+db('InputGain').toFixed(2)} dB) was dropped`);
    if (bool(child(node, 'AutoMakeup'), 'value')) ctx.warnings.push(`${where(ctx)}: the compressor's auto make-up is not supported; make-up gain stays as set`);
  }
}

function readEncoreInstrument(node: XmlElement): Instrument | undefined {
  const kind = (node.attrs.deviceID ?? '').slice(INSTRUMENT_DEVICE_PREFIX.length);
  const params = new Map((child(node, 'Parameters')?.children ?? []).map((p) => [p.attrs.name ?? '', num(p, 'value')] as const));
  const int7 = (name: string, fallback: number): number => Math.min(127, Math.max(0, Math.round(params.get(name) ?? fallback)));
  const label = (node.attrs.name ?? '').trim().slice(0, 100);
  switch (kind) {
    case 'synth':
      return { kind: 'synth', waveform: WAVEFORMS[params.get('waveform') ?? 3] ?? 'sawtooth', voices: Math.min(64, Math.max(1, Math.round(params.get('voices') ?? 16))) };
    case 'soundfont':
      return { kind: 'soundfont', program: int7('program', 0), name: label || 'Acoustic Grand Piano' };
    case 'drums':
      return { kind: 'drums', kit: label || 'Standard' };
    case 'sampler':
      return { kind: 'sampler', assetHash: null, rootPitch: int7('rootPitch', 60) };
    default:
      return undefined;
  }
}

/**
 * Reads a channel's <Devices> into Encore devices on `ctx.track`: the generic Equalizer,
 * Compressor, Limiter and NoiseGate, Encore's own devices, and the instrument. Plugins and other
 * applications' built-in devices cannot run in Encore: they are skipped with a warning.
 */
export function readDevices(ctx: DeviceContext, devices: XmlElement | undefined): void {
  for (const node of devices?.children ?? []) {
    const deviceID = node.attrs.deviceID ?? '';
    if (node.attrs.deviceRole === 'instrument') {
      const instrument = deviceID.startsWith(INSTRUMENT_DEVICE_PREFIX) ? readEncoreInstrument(node) : undefined;
      if (instrument) ctx.track.instrument = instrument;
      else ctx.track.foreignInstrument = deviceLabel(node);
      continue;
    }
    if (node.name === 'Equalizer') readEqualizer(ctx, node);
    else if (node.name === 'Compressor' || node.name === 'Limiter' || node.name === 'NoiseGate') readGeneric(ctx, node, node.name);
    else {
      const kind = deviceID.startsWith(ENCORE_DEVICE_PREFIX) ? deviceID.slice(ENCORE_DEVICE_PREFIX.length) : '';
      if (node.name === 'BuiltinDevice' && (DEVICE_KINDS as readonly string[]).includes(kind)) readNamedParams(ctx, newDevice(ctx, kind as DeviceKind, node), node);
      else {
        const what = node.name.endsWith('Plugin') ? `plugin (${node.name.replace('Plugin', '')})` : 'device';
        ctx.warnings.push(`${where(ctx)}: the ${what} "${deviceLabel(node)}" is not available in Encore and was skipped`);
      }
    }
  }
}
