import { useEffect, useRef, useState } from 'react';
import type { HostClient } from '@encore/shared/host/client';
import { Button } from '../../../ui/Button';
import { importSongFile, SONG_FILE_ACCEPT, songFileMessage, type ImportedSong } from '../model/songFiles';

type ImportState =
  | { readonly step: 'idle' }
  | { readonly step: 'sending'; readonly fileName: string; readonly fraction: number }
  | { readonly step: 'converting'; readonly fileName: string }
  | { readonly step: 'done'; readonly result: ImportedSong }
  | { readonly step: 'failed'; readonly fileName: string; readonly error: string };

/**
 * Imports `.encore`, MIDI and DAWproject files as new projects, from a file dialog or dropped
 * anywhere on the projects screen: progress while the file travels and converts, then the new
 * project (with what the format could not carry) or why the file was refused.
 */
export function useSongImport(host: Pick<HostClient, 'call'>, onImported: (result: ImportedSong) => void) {
  const [state, setState] = useState<ImportState>({ step: 'idle' });
  const busy = state.step === 'sending' || state.step === 'converting';
  const run = async (file: File) => {
    if (busy) return;
    setState({ step: 'sending', fileName: file.name, fraction: 0 });
    try {
      const result = await importSongFile(host, file, {
        onProgress: (fraction) => setState(fraction >= 1 ? { step: 'converting', fileName: file.name } : { step: 'sending', fileName: file.name, fraction }),
      });
      setState({ step: 'done', result });
      onImported(result);
    } catch (e) {
      console.warn('studio: song import refused', e);
      setState({ step: 'failed', fileName: file.name, error: songFileMessage(e) });
    }
  };
  return { state, busy, run, clear: () => setState({ step: 'idle' }) };
}

export type SongImporter = ReturnType<typeof useSongImport>;

/** The “Import…” button with its hidden file input. */
export function ImportSongButton({ importer }: { importer: SongImporter }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button variant="secondary" data-testid="import-song" pending={importer.busy} onClick={() => input.current?.click()} title="Import a .encore project, a MIDI file or a DAWproject">
        Import…
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        accept={SONG_FILE_ACCEPT}
        data-testid="import-song-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importer.run(file);
        }}
      />
    </>
  );
}

/** Files dropped anywhere on the window go to the importer while the projects screen shows. */
export function useWindowDrop(importer: SongImporter): boolean {
  const [over, setOver] = useState(false);
  const run = useRef(importer.run);
  run.current = importer.run;
  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    };
    const onLeave = (e: DragEvent) => {
      if (e.relatedTarget === null) setOver(false);
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(false);
      const file = e.dataTransfer?.files[0];
      if (file) void run.current(file);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);
  return over;
}

/** Progress, result or refusal of the current import. */
export function SongImportStatus({ importer, onOpen }: { importer: SongImporter; onOpen: (projectId: string) => void }) {
  const s = importer.state;
  if (s.step === 'idle') return null;
  if (s.step === 'sending' || s.step === 'converting') {
    const fraction = s.step === 'sending' ? s.fraction : 1;
    return (
      <div data-testid="import-progress" role="status" className="mt-4 rounded-lg border border-line bg-surface px-3 py-2 text-sm">
        <div className="flex justify-between text-ink-muted">
          <span className="truncate">{s.step === 'sending' ? `Reading ${s.fileName}…` : `Converting ${s.fileName}…`}</span>
          <span className="font-mono">{Math.round(fraction * 100)} %</span>
        </div>
        <div className="mt-2 h-1.5 overflow-hidden rounded-full bg-raised">
          <div className={s.step === 'converting' ? 'h-full animate-pulse bg-accent' : 'h-full bg-accent transition-[width]'} style={{ width: `${Math.round(fraction * 100)}%` }} />
        </div>
      </div>
    );
  }
  if (s.step === 'failed') {
    return (
      <div role="alert" data-testid="import-error" className="mt-4 flex items-center gap-3 rounded-lg border border-danger/30 bg-danger/5 px-3 py-2 text-sm text-danger">
        <span className="flex-1">
          Could not import {s.fileName}: {s.error}
        </span>
        <Button size="sm" variant="ghost" onClick={importer.clear}>
          Dismiss
        </Button>
      </div>
    );
  }
  const { project, warnings } = s.result;
  return (
    <div data-testid="import-done" role="status" className="mt-4 rounded-lg border border-ok/30 bg-ok/5 px-3 py-2 text-sm">
      <div className="flex items-center gap-3">
        <span className="flex-1 text-ink">
          Imported “{project.title}”{warnings.length > 0 ? ` — ${warnings.length} thing${warnings.length === 1 ? '' : 's'} could not come across` : ''}.
        </span>
        <Button size="sm" variant="primary" data-testid="open-imported" onClick={() => onOpen(project.id)}>
          Open
        </Button>
        <Button size="sm" variant="ghost" onClick={importer.clear}>
          Dismiss
        </Button>
      </div>
      {warnings.length > 0 && (
        <ul className="mt-2 max-h-28 list-disc overflow-y-auto pl-5 text-[12px] text-ink-muted" data-testid="import-warnings">
          {warnings.map((w, i) => (
            <li key={i}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
