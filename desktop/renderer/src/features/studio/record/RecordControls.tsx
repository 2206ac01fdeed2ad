import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { cx, focusRing } from '../../../ui/cx';
import { ToggleButton } from '../../../ui/ToggleButton';
import { useStudio } from '../editor/StudioContext';
import { useStudioMedia } from '../import/StudioMediaContext';
import type { RecordSettings } from './recordSettings';
import { StudioRecorder } from './studioRecorder';

const chip = 'h-8 px-1.5 text-[11px] font-semibold';

/**
 * The transport's recording controls: record/stop, input monitoring, punch on the loop, the
 * computer keyboard as MIDI, quantising recorded notes, and the latency measurement. Owns the
 * editor's {@link StudioRecorder} (made when the editor has a real-time engine).
 */
export function RecordControls() {
  const { session, editor, commands, audio } = useStudio();
  const media = useStudioMedia();
  const [recorder, setRecorder] = useState<StudioRecorder | null>(null);
  useEffect(() => {
    if (!audio) return;
    const created = new StudioRecorder(session, editor, commands, audio, { recorderUrl: media.recorderUrl, upload: media.upload, settings: media.settings, openInput: media.openInput });
    setRecorder(created);
    return () => {
      created.dispose();
      setRecorder(null);
    };
  }, [session, editor, commands, audio, media]);
  const settings = useStore(media.settings);
  if (!recorder) return null;
  return <Controls recorder={recorder} settings={settings} set={(patch) => media.settings.setState(patch)} />;
}

function Controls({ recorder, settings, set }: { recorder: StudioRecorder; settings: RecordSettings; set(patch: Partial<RecordSettings>): void }) {
  const status = useStore(recorder.store, (s) => s.status);
  const error = useStore(recorder.store, (s) => s.error);
  const recording = status === 'recording';
  const latency = settings.roundTrip === null ? 'Measure latency' : `Latency ${(settings.roundTrip * 1000).toFixed(1)} ms`;
  return (
    <div className="relative flex items-center gap-1">
      <button
        type="button"
        aria-label={recording ? 'Stop recording' : 'Record'}
        title={recording ? 'Stop recording' : 'Record into the armed tracks'}
        data-testid="transport-record"
        aria-pressed={recording}
        disabled={status === 'saving' || status === 'calibrating'}
        onClick={() => void (recording ? recorder.stop() : recorder.record())}
        className={cx('inline-flex size-8 items-center justify-center rounded-md text-[15px] disabled:opacity-40', recording ? 'bg-danger text-white' : 'text-danger hover:bg-raised', focusRing)}
      >
        ●
      </button>
      <ToggleButton aria-label="Input monitoring" title="Hear the input while recording" data-testid="record-monitor" pressed={settings.monitoring} onChange={(v) => set({ monitoring: v })} className={chip}>
        Mon
      </ToggleButton>
      <ToggleButton aria-label="Punch in on the loop" title="Record only inside the loop region when the loop is on" data-testid="record-punch" pressed={settings.punch} onChange={(v) => set({ punch: v })} className={chip}>
        Punch
      </ToggleButton>
      <ToggleButton aria-label="Computer keyboard as MIDI" title="Play notes with A–; (white keys), W E T Y U O P (black), Z/X octave" data-testid="record-keyboard-midi" pressed={settings.keyboardMidi} onChange={(v) => set({ keyboardMidi: v })} className={chip}>
        Keys
      </ToggleButton>
      <ToggleButton aria-label="Quantise recorded notes" title="Move recorded notes onto the grid" data-testid="record-quantize" pressed={settings.quantize} onChange={(v) => set({ quantize: v })} className={chip}>
        Q
      </ToggleButton>
      <button
        type="button"
        data-testid="record-calibrate"
        title="Plays clicks and listens for them on the input: connect the output to the input (or hold the microphone near the speakers)"
        disabled={status !== 'idle'}
        onClick={() => void recorder.calibrate()}
        className={cx('h-8 rounded-md px-1.5 text-[11px] text-ink-muted hover:bg-raised hover:text-ink disabled:opacity-40', focusRing)}
      >
        {status === 'calibrating' ? 'Measuring…' : latency}
      </button>
      {status === 'saving' && (
        <span role="status" data-testid="record-saving" className="text-[11px] text-ink-faint">
          Saving take…
        </span>
      )}
      {error && (
        <div role="alert" data-testid="record-error" className="absolute top-10 left-0 z-40 flex w-80 items-start gap-2 rounded-md border border-danger/40 bg-[#2a1618] p-2 text-xs text-ink shadow-xl">
          <span className="flex-1">{error}</span>
          <button type="button" aria-label="Dismiss" className={cx('text-ink-muted hover:text-ink', focusRing)} onClick={() => recorder.dismissError()}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
