import { DEVICE_PARAMS, paramSpec, type DeviceKind } from '../../project/schema/deviceKinds';
import type { DeviceWithParams } from '../../project/schema/device';
import type { Instrument } from '../../project/schema/instrument';
import { DEVICE_NAMES, ENCORE_DEVICE_PREFIX, EQ_SLOT_TYPE, EQ_SLOTS, FILTER_MODE_BANDS, GENERIC_ELEMENT, GENERIC_FIELDS, INSTRUMENT_DEVICE_PREFIX, WAVEFORMS } from './deviceMapping';
import { fmt, toDawproject, type EncoreUnit } from './units';
import { el, type XmlElement } from './xml';

/** Where an exported parameter lives, so automation lanes can target it. */
export interface ExportedParam {
  readonly id: string;
  readonly unit: EncoreUnit;
}

export interface DeviceWriter {
  readonly nextId: () => string;
  /** Records a param of a track by its Encore lane key. */
  readonly register: (laneKey: string, param: ExportedParam) => void;
}

/** A realParameter of a value in Encore's unit, written in the DAWproject unit Encore uses for it. */
export function realParameter(w: DeviceWriter, name: string, value: number, unit: EncoreUnit, range?: readonly [number, number], laneKey?: string, label = name): XmlElement {
  const id = w.nextId();
  if (laneKey) w.register(laneKey, { id, unit });
  const out = toDawproject(value, unit);
  const bounds = range?.map((v) => toDawproject(v, unit).value);
  return el(name, { id, name: label, unit: out.unit, min: bounds ? fmt(bounds[0] as number) : undefined, max: bounds ? fmt(bounds[1] as number) : undefined, value: fmt(out.value) });
}

function deviceParam(w: DeviceWriter, device: DeviceWithParams, element: string, paramId: string, label = paramId): XmlElement {
  const spec = paramSpec(device.kind, paramId);
  const value = device.params[paramId] ?? spec?.default ?? 0;
  return realParameter(w, element, value, spec?.unit ?? 'none', spec ? [spec.min, spec.max] : undefined, `param/${device.id}/${paramId}`, label);
}

function enabled(w: DeviceWriter, device: DeviceWithParams): XmlElement {
  return el('Enabled', { id: w.nextId(), name: 'On/Off', value: !device.bypass });
}

function eqBand(w: DeviceWriter, device: DeviceWithParams, type: string, freq: string, gain: string | undefined, q: string | undefined): XmlElement {
  return el('Band', { type }, [
    deviceParam(w, device, 'Freq', freq),
    gain ? deviceParam(w, device, 'Gain', gain) : undefined,
    q ? deviceParam(w, device, 'Q', q) : undefined,
    el('Enabled', { id: w.nextId(), value: true }),
  ]);
}

/**
 * Writes one Encore device. The EQ and the filter become the generic Equalizer (a filter is a
 * one-band Equalizer); compressor, limiter and gate their generic elements, with params the
 * element has no field for (knee, hold) in <Parameters>; every other kind a BuiltinDevice that
 * only Encore understands. deviceID `encore.<kind>` tells a re-import which device it was.
 */
export function writeDevice(w: DeviceWriter, device: DeviceWithParams): XmlElement {
  const base = { deviceID: `${ENCORE_DEVICE_PREFIX}${device.kind}`, deviceName: DEVICE_NAMES[device.kind], deviceRole: 'audioFX', loaded: true, id: w.nextId(), name: DEVICE_NAMES[device.kind] };
  if (device.kind === 'eq') {
    const bands = EQ_SLOTS.map((slot) => eqBand(w, device, EQ_SLOT_TYPE[slot], `${slot}Freq`, `${slot}Gain`, EQ_SLOT_TYPE[slot] === 'bell' ? `${slot}Q` : undefined));
    return el('Equalizer', base, [enabled(w, device), ...bands, deviceParam(w, device, 'OutputGain', 'output')]);
  }
  if (device.kind === 'filter') {
    const type = FILTER_MODE_BANDS[device.params.mode ?? 0] ?? 'lowPass';
    return el('Equalizer', base, [enabled(w, device), eqBand(w, device, type, 'cutoff', undefined, 'resonance')]);
  }
  const generic = GENERIC_ELEMENT[device.kind];
  if (generic) {
    const fields = GENERIC_FIELDS[generic].fields;
    const covered = new Set(Object.values(fields));
    const extra = DEVICE_PARAMS[device.kind].filter((s) => !covered.has(s.id));
    // The schema orders a generic device's fields alphabetically: Attack, AutoMakeup, … Threshold.
    const children = Object.keys(fields)
      .concat(generic === 'Compressor' ? ['AutoMakeup'] : [])
      .sort()
      .map((xml) => (xml === 'AutoMakeup' ? el('AutoMakeup', { id: w.nextId(), value: false }) : deviceParam(w, device, xml, fields[xml] as string)));
    return el(generic, base, [extra.length > 0 ? el('Parameters', {}, extra.map((s) => deviceParam(w, device, 'RealParameter', s.id))) : undefined, enabled(w, device), ...children]);
  }
  return el('BuiltinDevice', base, [el('Parameters', {}, DEVICE_PARAMS[device.kind as DeviceKind].map((s) => deviceParam(w, device, 'RealParameter', s.id))), enabled(w, device)]);
}

const INSTRUMENT_NAMES: Readonly<Record<Instrument['kind'], string>> = { synth: 'Encore Synth', sampler: 'Encore Sampler', soundfont: 'Encore Soundfont', drums: 'Encore Drums' };

/** Writes an instrument track's instrument as an Encore BuiltinDevice (other applications show it as missing). */
export function writeInstrument(w: DeviceWriter, instrument: Instrument): XmlElement {
  const int = (name: string, value: number, min: number, max: number): XmlElement => el('IntegerParameter', { id: w.nextId(), name, min, max, value });
  const params: XmlElement[] =
    instrument.kind === 'synth'
      ? [el('EnumParameter', { id: w.nextId(), name: 'waveform', count: WAVEFORMS.length, labels: WAVEFORMS.join(' '), value: WAVEFORMS.indexOf(instrument.waveform) }), int('voices', instrument.voices, 1, 64)]
      : instrument.kind === 'soundfont'
        ? [int('program', instrument.program, 0, 127)]
        : instrument.kind === 'sampler'
          ? [int('rootPitch', instrument.rootPitch, 0, 127)]
          : [];
  const label = instrument.kind === 'soundfont' ? instrument.name : instrument.kind === 'drums' ? instrument.kit : INSTRUMENT_NAMES[instrument.kind];
  return el('BuiltinDevice', { deviceID: `${INSTRUMENT_DEVICE_PREFIX}${instrument.kind}`, deviceName: INSTRUMENT_NAMES[instrument.kind], deviceRole: 'instrument', loaded: true, id: w.nextId(), name: label }, [
    params.length > 0 ? el('Parameters', {}, params) : undefined,
  ]);
}
