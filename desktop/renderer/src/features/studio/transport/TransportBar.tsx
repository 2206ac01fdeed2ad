import { useState, type ReactNode } from 'react';
import { cx, focusRing } from '../../../ui/cx';
import { ToggleButton } from '../../../ui/ToggleButton';
import { useAudio } from '../audio/useAudio';
import { useEditor, useProject, useStudio } from '../editor/StudioContext';
import { formatBarsBeats, formatClock } from '../model/position';
import { RecordControls } from '../record/RecordControls';
import { ExportIcon, FollowIcon, LoopIcon, MetronomeIcon, PauseIcon, PlayIcon, RedoIcon, StopIcon, UndoIcon } from '../studioIcons';

function IconButton({ label, onClick, disabled, children, testId, active }: { label: string; onClick(): void; disabled?: boolean; children: ReactNode; testId?: string; active?: boolean }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
      className={cx(
        'inline-flex size-8 items-center justify-center rounded-md transition-colors disabled:cursor-not-allowed disabled:opacity-35',
        active ? 'bg-accent text-accent-ink' : 'text-ink-muted hover:bg-raised hover:text-ink',
        focusRing,
      )}
    >
      {children}
    </button>
  );
}

/** A number field that commits on Enter or blur and reverts on Escape. */
function CommitField({ value, onCommit, label, width, testId, min, max }: { value: number; onCommit(v: number): void; label: string; width: string; testId: string; min: number; max: number }) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const n = Number(draft);
    setDraft(null);
    if (Number.isFinite(n) && n >= min && n <= max && n !== value) onCommit(n);
  };
  return (
    <input
      aria-label={label}
      data-testid={testId}
      inputMode="decimal"
      value={draft ?? String(value)}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
        if (e.key === 'Escape') setDraft(null);
      }}
      className={cx('h-7 rounded bg-transparent px-1 text-center font-mono text-[15px] font-semibold text-ink tabular-nums hover:bg-raised focus:bg-canvas', focusRing, width)}
    />
  );
}

function Readout({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex flex-col items-center leading-none">
      <div className="flex items-center">{children}</div>
      <span className="mt-0.5 text-[9px] font-semibold tracking-[0.12em] text-ink-faint uppercase">{label}</span>
    </div>
  );
}

/** What the audio engine is doing, when it is not simply ready. */
function EngineStatus() {
  const status = useAudio((s) => s.status);
  const error = useAudio((s) => s.error);
  const countingIn = useAudio((s) => s.countingIn);
  if (countingIn) return <span data-testid="count-in" className="text-[11px] font-semibold tracking-wide text-warn uppercase">Count-in</span>;
  if (status === 'loading') return <span data-testid="engine-status" className="text-[11px] text-ink-faint">Loading audio…</span>;
  if (status === 'error')
    return (
      <span data-testid="engine-status" role="alert" className="max-w-48 truncate text-[11px] text-danger" title={error ?? ''}>
        Audio engine error
      </span>
    );
  return null;
}

/** Play/pause/stop, loop, tempo, meter, position, metronome and count-in, follow, export and undo/redo. */
export function TransportBar({ title, onBack, onExport, menu }: { title: string; onBack?: ReactNode; onExport?: () => void; menu?: ReactNode }) {
  const { session, commands, editor, edit } = useStudio();
  const playing = useEditor((s) => s.transport.playing);
  const playhead = useEditor((s) => s.playhead);
  const metronome = useEditor((s) => s.metronome);
  const countIn = useEditor((s) => s.countIn);
  const followPlayhead = useEditor((s) => s.followPlayhead);
  const loop = useProject((s) => s.snapshot.loop);
  const bpm = useProject((s) => s.snapshot.tempo[0]?.bpm ?? 120);
  const meter = useProject((s) => s.snapshot.meters[0]);
  const meterMap = useProject((s) => s.meterMap);
  const tempoMap = useProject((s) => s.tempoMap);
  const canUndo = useProject((s) => s.canUndo);
  const canRedo = useProject((s) => s.canRedo);

  return (
    // Wraps onto a second row in narrow windows rather than pushing undo/redo out of sight.
    <div data-testid="transport-bar" className="flex min-h-14 shrink-0 flex-wrap items-center gap-x-3 gap-y-1.5 border-b border-line bg-shell px-3 py-1.5">
      {onBack}
      <h2 className="max-w-56 min-w-16 truncate text-[15px] font-semibold" data-testid="editor-title" title={title}>
        {title}
      </h2>
      <div className="mx-1 h-7 w-px bg-line" />
      <div className="flex items-center gap-1">
        <IconButton label={playing ? 'Stop (Space)' : 'Play (Space)'} testId="transport-play" onClick={() => commands.run('playStop')} active={playing}>
          {playing ? <StopIcon /> : <PlayIcon />}
        </IconButton>
        <IconButton label="Pause (Shift+Space)" testId="transport-pause" disabled={!playing} onClick={() => commands.run('pause')}>
          <PauseIcon />
        </IconButton>
        <ToggleButton
          aria-label="Loop"
          title="Loop"
          data-testid="transport-loop"
          pressed={loop.enabled}
          onChange={(enabled) => edit(() => session.api.setLoop({ start: loop.start, end: loop.end, enabled }))}
          className="size-8"
        >
          <LoopIcon />
        </ToggleButton>
      </div>
      <div className="flex h-11 items-center gap-4 rounded-lg border border-line bg-canvas px-4">
        <Readout label="Bars">
          <span data-testid="transport-position" className="w-24 text-center font-mono text-[15px] font-semibold text-ink tabular-nums">
            {formatBarsBeats(playhead, meterMap)}
          </span>
        </Readout>
        <Readout label="Time">
          <span data-testid="transport-time" className="w-20 text-center font-mono text-[13px] text-ink-muted tabular-nums">
            {formatClock(playhead, tempoMap)}
          </span>
        </Readout>
        <div className="h-7 w-px bg-line" />
        <Readout label="BPM">
          <CommitField value={bpm} label="Tempo (BPM)" testId="transport-tempo" width="w-16" min={20} max={999} onCommit={(v) => edit(() => session.api.setTempo({ bpm: Math.round(v * 100) / 100 }))} />
        </Readout>
        <Readout label="Meter">
          <div className="flex items-center font-mono text-[15px] font-semibold">
            <CommitField value={meter?.numerator ?? 4} label="Beats per bar" testId="transport-numerator" width="w-7" min={1} max={32} onCommit={(v) => edit(() => session.api.addMeterChange({ tick: 0, numerator: Math.round(v), denominator: meter?.denominator ?? 4 }))} />
            <span className="text-ink-faint">/</span>
            <select
              aria-label="Beat unit"
              data-testid="transport-denominator"
              value={meter?.denominator ?? 4}
              onChange={(e) => edit(() => session.api.addMeterChange({ tick: 0, numerator: meter?.numerator ?? 4, denominator: Number(e.target.value) as 4 }))}
              className={cx('h-7 appearance-none rounded bg-transparent px-1 text-center text-[15px] hover:bg-raised', focusRing)}
            >
              {[1, 2, 4, 8, 16, 32].map((d) => (
                <option key={d} value={d}>
                  {d}
                </option>
              ))}
            </select>
          </div>
        </Readout>
      </div>
      <div className="flex items-center gap-1">
        <ToggleButton aria-label="Metronome" title="Metronome" data-testid="transport-metronome" pressed={metronome} onChange={(v) => editor.setState({ metronome: v })} className="size-8">
          <MetronomeIcon />
        </ToggleButton>
        <ToggleButton aria-label="Count-in (one bar)" title="Count-in: one bar of clicks before playing (with the metronome on)" data-testid="transport-count-in" disabled={!metronome} pressed={countIn && metronome} onChange={(v) => editor.setState({ countIn: v })} className="h-8 px-1.5 text-[11px] font-semibold">
          1 bar
        </ToggleButton>
        <ToggleButton aria-label="Follow playhead" title="Follow playhead" data-testid="transport-follow" pressed={followPlayhead} onChange={(v) => editor.setState({ followPlayhead: v })} className="size-8">
          <FollowIcon />
        </ToggleButton>
      </div>
      <RecordControls />
      <EngineStatus />
      <div className="ml-auto flex items-center gap-1">
        {menu}
        {onExport && (
          <IconButton label="Export audio" testId="open-export" onClick={onExport}>
            <ExportIcon />
          </IconButton>
        )}
        <IconButton label="Undo (Ctrl+Z)" testId="undo" disabled={!canUndo} onClick={() => commands.run('undo')}>
          <UndoIcon />
        </IconButton>
        <IconButton label="Redo (Ctrl+Shift+Z)" testId="redo" disabled={!canRedo} onClick={() => commands.run('redo')}>
          <RedoIcon />
        </IconButton>
      </div>
    </div>
  );
}
