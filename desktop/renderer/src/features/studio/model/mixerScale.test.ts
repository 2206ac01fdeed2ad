import { describe, expect, it } from 'vitest';
import { paramSpec } from '@encore/shared/project/schema/deviceKinds';
import { dbToFader, faderToDb, formatDb, formatPan, formatParam, normToParam, paramLabel, paramToNorm } from './mixerScale';

describe('fader and knob scales', () => {
  it('maps fader travel to dB and back', () => {
    expect(faderToDb(1)).toBe(6);
    expect(faderToDb(0)).toBe(-144);
    for (const db of [-40, -12, -6, 0, 3]) expect(faderToDb(dbToFader(db))).toBeCloseTo(db, 1);
    expect(dbToFader(-144)).toBe(0);
  });

  it('maps logarithmic and stepped params', () => {
    const cutoff = paramSpec('filter', 'cutoff');
    const mode = paramSpec('filter', 'mode');
    if (!cutoff || !mode) throw new Error('the filter has cutoff and mode');
    expect(paramToNorm(cutoff, 20)).toBe(0);
    expect(normToParam(cutoff, 0.5)).toBeCloseTo(632, -1);
    expect(normToParam(cutoff, paramToNorm(cutoff, 2000))).toBe(2000);
    expect(normToParam(mode, 0.7)).toBe(2);
  });

  it('formats values with their units', () => {
    const spec = (kind: Parameters<typeof paramSpec>[0], id: string) => paramSpec(kind, id) ?? (() => { throw new Error(id); })();
    expect(formatParam(spec('filter', 'cutoff'), 2000)).toBe('2.00 kHz');
    expect(formatParam(spec('compressor', 'ratio'), 4)).toBe('4.0:1');
    expect(formatParam(spec('reverb', 'mix'), 35.4)).toBe('35 %');
    expect(formatParam(spec('filter', 'mode'), 1)).toBe('Highpass');
    expect(formatDb(-144)).toBe('-∞ dB');
    expect(formatDb(3)).toBe('+3.0 dB');
    expect(formatPan(-0.25)).toBe('25L');
    expect(formatPan(0)).toBe('C');
    expect(paramLabel('lowMidFreq')).toBe('Low mid freq');
  });
});
