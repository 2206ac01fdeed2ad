import { useRef } from 'react';
import { cx, focusRing } from '../../../ui/cx';
import { useEditor, useProject } from '../editor/StudioContext';
import { AUDIO_ACCEPT } from './audioFile';
import type { ImportPhase } from './importAudio';
import { useImporter, useImporterState } from './useImport';

const PHASES: Record<ImportPhase, string> = { reading: 'Reading', decoding: 'Decoding', uploading: 'Storing', saving: 'Adding' };

/**
 * The arrangement toolbar's Import button: a file picker for audio (onto the selected audio
 * track at the playhead, else a new track), the progress of imports under way and the last error.
 */
export function ImportButton({ className }: { className: string }) {
  const importer = useImporter();
  const state = useImporterState(importer);
  const input = useRef<HTMLInputElement>(null);
  const playhead = useEditor((s) => s.playhead);
  const selectedTrackId = useEditor((s) => s.selectedTrackId);
  const selectedIsAudio = useProject((s) => s.snapshot.tracks.some((t) => t.id === selectedTrackId && t.kind === 'audio'));
  if (!importer) return null;
  const job = state.jobs[0];
  return (
    <div className="relative">
      <button type="button" className={className} data-testid="import-audio" title="Import audio (WAV, AIFF, FLAC, MP3, OGG, M4A) — or drop files on the arrangement" onClick={() => input.current?.click()}>
        Import
      </button>
      <input
        ref={input}
        type="file"
        multiple
        accept={AUDIO_ACCEPT}
        data-testid="import-audio-input"
        className="hidden"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          if (files.length > 0) void importer.importFiles(files, { trackId: selectedIsAudio ? selectedTrackId : null, start: playhead });
        }}
      />
      {job && (
        <div role="status" data-testid="import-progress" className="absolute top-9 left-0 z-40 w-64 rounded-md border border-line bg-raised p-2 text-xs text-ink shadow-xl">
          <div className="truncate">
            {PHASES[job.phase]} {job.name}
            {state.jobs.length > 1 ? ` (+${state.jobs.length - 1})` : ''}
          </div>
          <progress className="mt-1 h-1.5 w-full" max={1} value={job.phase === 'uploading' ? job.fraction : undefined} />
        </div>
      )}
      {state.error && (
        <div role="alert" data-testid="import-error" className="absolute top-9 left-0 z-40 flex w-80 items-start gap-2 rounded-md border border-danger/40 bg-[#2a1618] p-2 text-xs text-ink shadow-xl">
          <span className="flex-1">{state.error}</span>
          <button type="button" aria-label="Dismiss" className={cx('text-ink-muted hover:text-ink', focusRing)} onClick={() => importer.dismissError()}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}
