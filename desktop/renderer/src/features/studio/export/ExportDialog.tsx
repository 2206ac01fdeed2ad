import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { WorkletUrls } from '@encore/audio-engine/nodes/worklets';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { Button } from '../../../ui/Button';
import { cx, focusRing } from '../../../ui/cx';
import { bounce, type BounceProgress } from './bounce';
import { BITRATES, DEFAULT_EXPORT_SETTINGS, SAMPLE_RATES, type ExportFormat, type ExportScope, type ExportSettings, type WavDepth } from './exportSettings';
import { downloadUrl, type SavedExport } from './saveExport';

/** Saves one file through the host; absent when there is no host (the download remains). */
export type SaveFile = (fileName: string, bytes: Uint8Array, o: { signal: AbortSignal }) => Promise<SavedExport>;

export interface ExportDialogProps {
  title: string;
  snapshot: () => ProjectSnapshot;
  worklets: WorkletUrls;
  loadBuffers: (snapshot: ProjectSnapshot) => Promise<ReadonlyMap<string, AudioBuffer>>;
  save: SaveFile | null;
  onClose(): void;
}

interface Done {
  readonly files: readonly { fileName: string; savedAs: string | null; url: string; bytes: number }[];
  readonly issues: readonly string[];
}

type Run = { state: 'idle' } | { state: 'running'; phase: BounceProgress['phase'] | 'save'; fraction: number } | { state: 'done'; done: Done } | { state: 'error'; message: string } | { state: 'cancelled' };

const PHASES: Record<'render' | 'encode' | 'save', string> = { render: 'Rendering', encode: 'Encoding', save: 'Saving' };

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="flex items-center justify-between gap-4 text-[13px] text-ink-muted">
      <span>{label}</span>
      {children}
    </label>
  );
}

function Choice<T extends string | number>({ value, options, onChange, testId, label }: { value: T; options: readonly { value: T; label: string }[]; onChange(v: T): void; testId: string; label: string }) {
  return (
    <div role="radiogroup" aria-label={label} data-testid={testId} className="flex overflow-hidden rounded-md border border-line">
      {options.map((o) => (
        <button
          key={String(o.value)}
          type="button"
          role="radio"
          aria-checked={o.value === value}
          data-testid={`${testId}-${String(o.value)}`}
          onClick={() => onChange(o.value)}
          className={cx('h-7 px-2.5 text-[12px]', o.value === value ? 'bg-accent font-semibold text-accent-ink' : 'bg-canvas text-ink-muted hover:text-ink', focusRing)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}

/**
 * Export / bounce: the whole mix, one stem per track, or the loop; WAV 16/24/32-bit float,
 * FLAC, MP3 or Opus at 44.1/48/96 kHz. Shows render and encode progress, cancels through an
 * AbortSignal, saves each file in the host's exports folder and offers it as a download.
 */
export function ExportDialog({ title, snapshot, worklets, loadBuffers, save, onClose }: ExportDialogProps) {
  const [settings, setSettings] = useState<ExportSettings>(DEFAULT_EXPORT_SETTINGS);
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const urls = useRef<string[]>([]);
  useEffect(
    () => () => {
      abort.current?.abort();
      for (const u of urls.current) URL.revokeObjectURL(u);
    },
    [],
  );
  const set = (patch: Partial<ExportSettings>) => setSettings((s) => ({ ...s, ...patch }));
  const loopSet = snapshot().loop.end > snapshot().loop.start;

  const start = async () => {
    const controller = new AbortController();
    abort.current = controller;
    const signal = controller.signal;
    setRun({ state: 'running', phase: 'render', fraction: 0 });
    try {
      const current = snapshot();
      const buffers = await loadBuffers(current);
      const result = await bounce(current, title, settings, { worklets, buffers, signal, onProgress: (p) => setRun({ state: 'running', ...p }) });
      const files: Done['files'][number][] = [];
      for (const [i, f] of result.files.entries()) {
        setRun({ state: 'running', phase: 'save', fraction: i / result.files.length });
        const savedAs = save ? (await save(f.fileName, f.bytes, { signal })).fileName : null;
        const url = downloadUrl(f.bytes, f.mimeType);
        urls.current.push(url);
        files.push({ fileName: f.fileName, savedAs, url, bytes: f.bytes.byteLength });
      }
      setRun({ state: 'done', done: { files, issues: result.issues } });
    } catch (e) {
      if (signal.aborted || (e instanceof DOMException && e.name === 'AbortError')) setRun({ state: 'cancelled' });
      else {
        console.error('studio: export failed', e);
        setRun({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      }
    } finally {
      if (abort.current === controller) abort.current = null;
    }
  };

  const running = run.state === 'running';
  const compressed = settings.format === 'mp3' || settings.format === 'opus';
  return (
    <div className="absolute inset-0 z-40 flex items-center justify-center bg-black/50" onPointerDown={(e) => e.target === e.currentTarget && !running && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby="export-title" data-testid="export-dialog" className="flex w-[440px] flex-col gap-3 rounded-xl border border-line bg-surface p-5 shadow-2xl">
        <h3 id="export-title" className="text-[15px] font-semibold text-ink">
          Export audio
        </h3>
        <fieldset disabled={running} className="flex flex-col gap-3">
          <Field label="What">
            <Choice<ExportScope>
              label="What to export"
              testId="export-scope"
              value={settings.scope}
              onChange={(scope) => set({ scope })}
              options={[{ value: 'mix', label: 'Full mix' }, { value: 'stems', label: 'Stems' }, ...(loopSet ? [{ value: 'loop' as const, label: 'Loop' }] : [])]}
            />
          </Field>
          <Field label="Format">
            <Choice<ExportFormat>
              label="Format"
              testId="export-format"
              value={settings.format}
              onChange={(format) => set({ format, ...(format === 'mp3' || format === 'opus' ? { bitrate: format === 'mp3' ? 192 : 128 } : {}) })}
              options={[
                { value: 'wav', label: 'WAV' },
                { value: 'flac', label: 'FLAC' },
                { value: 'mp3', label: 'MP3' },
                { value: 'opus', label: 'Opus' },
              ]}
            />
          </Field>
          <Field label="Sample rate">
            <Choice<number> label="Sample rate" testId="export-rate" value={settings.sampleRate} onChange={(r) => set({ sampleRate: r as ExportSettings['sampleRate'] })} options={SAMPLE_RATES.map((r) => ({ value: r, label: `${r / 1000} kHz` }))} />
          </Field>
          {compressed ? (
            <Field label="Bitrate">
              <Choice<number> label="Bitrate" testId="export-bitrate" value={settings.bitrate} onChange={(bitrate) => set({ bitrate })} options={BITRATES[settings.format as 'mp3' | 'opus'].map((b) => ({ value: b, label: `${b}` }))} />
            </Field>
          ) : (
            <Field label="Bit depth">
              <Choice<string>
                label="Bit depth"
                testId="export-depth"
                value={String(settings.bitDepth)}
                onChange={(d) => set({ bitDepth: (d === '32f' ? '32f' : Number(d)) as WavDepth })}
                options={[{ value: '16', label: '16-bit' }, { value: '24', label: '24-bit' }, ...(settings.format === 'wav' ? [{ value: '32f', label: '32-bit float' }] : [])]}
              />
            </Field>
          )}
        </fieldset>
        {compressed && settings.sampleRate > 48_000 && <p className="text-[12px] text-ink-faint">{settings.format === 'opus' ? 'Opus' : 'MP3'} files are written at 48 kHz.</p>}

        <div aria-live="polite" className="min-h-10 text-[13px]" data-testid="export-status" data-state={run.state}>
          {run.state === 'running' && (
            <div className="flex flex-col gap-1.5">
              <span className="text-ink-muted">
                {PHASES[run.phase]}… {Math.round(run.fraction * 100)}%
              </span>
              <div className="h-1.5 overflow-hidden rounded bg-canvas" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(run.fraction * 100)} data-testid="export-progress" data-phase={run.phase}>
                <div className="h-full bg-accent transition-[width]" style={{ width: `${run.fraction * 100}%` }} />
              </div>
            </div>
          )}
          {run.state === 'done' && (
            <ul className="flex flex-col gap-1" data-testid="export-files">
              {run.done.files.map((f) => (
                <li key={f.url} className="flex items-center justify-between gap-2">
                  <span className="truncate text-ink" title={f.savedAs ? `Saved in the exports folder as ${f.savedAs}` : f.fileName} data-testid="export-saved">
                    {f.savedAs ?? f.fileName} <span className="text-ink-faint">({(f.bytes / 1e6).toFixed(1)} MB)</span>
                  </span>
                  <a href={f.url} download={f.fileName} className={cx('shrink-0 text-accent hover:underline', focusRing)} data-testid="export-download">
                    Download
                  </a>
                </li>
              ))}
              {run.done.issues.map((i) => (
                <li key={i} className="text-[12px] text-warn">
                  {i}
                </li>
              ))}
            </ul>
          )}
          {run.state === 'error' && (
            <p role="alert" className="text-danger">
              Export failed: {run.message}
            </p>
          )}
          {run.state === 'cancelled' && <p className="text-ink-muted">Export cancelled.</p>}
        </div>

        <div className="flex justify-end gap-2">
          {running ? (
            <Button size="sm" variant="danger" data-testid="export-cancel" onClick={() => abort.current?.abort()}>
              Cancel
            </Button>
          ) : (
            <Button size="sm" variant="ghost" data-testid="export-close" onClick={onClose}>
              Close
            </Button>
          )}
          <Button size="sm" variant="primary" data-testid="export-start" pending={running} onClick={() => void start()}>
            Export
          </Button>
        </div>
      </div>
    </div>
  );
}
