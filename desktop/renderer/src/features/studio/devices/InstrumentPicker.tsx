import type { TrackSnapshot } from '@encore/shared/project/read/snapshot';
import { DEFAULT_INSTRUMENT, type Instrument, type InstrumentKind } from '@encore/shared/project/schema/instrument';
import { cx, focusRing } from '../../../ui/cx';
import { useStudio } from '../editor/StudioContext';
import { DRUM_KITS, GM_FAMILIES, GM_PROGRAMS } from './gmInstruments';

const select = cx('h-7 rounded-md border border-line bg-raised px-2 text-xs text-ink hover:border-line-strong', focusRing);

const KINDS: { id: InstrumentKind; label: string }[] = [
  { id: 'synth', label: 'Synth' },
  { id: 'soundfont', label: 'GM soundfont' },
  { id: 'drums', label: 'Drum kit' },
  { id: 'sampler', label: 'Sampler' },
];

/** The instrument a kind switches to: GM piano, the standard kit, the default synth, an empty sampler. */
function instrumentOfKind(kind: InstrumentKind): Instrument {
  switch (kind) {
    case 'synth':
      return DEFAULT_INSTRUMENT;
    case 'soundfont':
      return { kind: 'soundfont', program: 0, name: GM_PROGRAMS[0] as string };
    case 'drums':
      return { kind: 'drums', kit: 'Standard' };
    case 'sampler':
      return { kind: 'sampler', assetHash: null, rootPitch: 60 };
  }
}

/**
 * What plays an instrument track: the synth (with its waveform), a General MIDI program of the
 * soundfont player, or a drum kit. One setInstrument per change (one undo step).
 */
export function InstrumentPicker({ track }: { track: TrackSnapshot }) {
  const { session, edit } = useStudio();
  const instrument = track.instrument;
  if (track.kind !== 'instrument' || !instrument) return null;
  const set = (next: Instrument) => edit(() => session.api.setInstrument({ trackId: track.id, instrument: next }));
  return (
    <div className="flex items-center gap-2" data-testid="instrument-picker">
      <select aria-label="Instrument" data-testid="instrument-kind" className={select} value={instrument.kind} onChange={(e) => set(instrumentOfKind(e.target.value as InstrumentKind))}>
        {KINDS.map((k) => (
          <option key={k.id} value={k.id}>
            {k.label}
          </option>
        ))}
      </select>
      {instrument.kind === 'soundfont' && (
        <select
          aria-label="GM program"
          data-testid="instrument-program"
          className={cx(select, 'max-w-56')}
          value={instrument.program}
          onChange={(e) => {
            const program = Number(e.target.value);
            set({ kind: 'soundfont', program, name: GM_PROGRAMS[program] as string });
          }}
        >
          {GM_FAMILIES.map((family, f) => (
            <optgroup key={family} label={family}>
              {GM_PROGRAMS.slice(f * 8, f * 8 + 8).map((name, i) => (
                <option key={name} value={f * 8 + i}>
                  {f * 8 + i + 1}. {name}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      )}
      {instrument.kind === 'drums' && (
        <select aria-label="Drum kit" data-testid="instrument-kit" className={select} value={DRUM_KITS.includes(instrument.kit) ? instrument.kit : ''} onChange={(e) => set({ kind: 'drums', kit: e.target.value })}>
          {!DRUM_KITS.includes(instrument.kit) && <option value="">{instrument.kit}</option>}
          {DRUM_KITS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      )}
      {instrument.kind === 'synth' && (
        <select aria-label="Waveform" data-testid="instrument-waveform" className={select} value={instrument.waveform} onChange={(e) => set({ ...instrument, waveform: e.target.value as typeof instrument.waveform })}>
          {(['sine', 'triangle', 'square', 'sawtooth'] as const).map((w) => (
            <option key={w} value={w}>
              {w[0]?.toUpperCase()}
              {w.slice(1)}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
