import { useEffect, useRef, useState } from 'react';
import type { HostClient } from '@encore/shared/host/client';
import type { SongFormat } from '@encore/shared/host/projects';
import { cx, focusRing } from '../../../ui/cx';
import { SONG_FORMAT_LABELS, songFileMessage } from '../model/songFiles';
import { VersionsDialog } from '../projects/VersionsDialog';

type Status = { readonly kind: 'working'; readonly text: string } | { readonly kind: 'done' | 'error'; readonly text: string } | null;

const item = cx('block w-full rounded px-3 py-1.5 text-left text-[13px] text-ink hover:bg-raised disabled:opacity-40', focusRing);

/**
 * The editor's project menu: export the project as `.encore`, `.mid` (type 1) or `.dawproject`
 * into the exports folder, and its versions. Audio bounces stay in the export dialog.
 */
export function FileMenu({ host, projectId, title }: { host: Pick<HostClient, 'call'>; projectId: string; title: string }) {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<Status>(null);
  const [versions, setVersions] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('pointerdown', close);
    return () => window.removeEventListener('pointerdown', close);
  }, [open]);
  useEffect(() => {
    if (status?.kind !== 'done') return;
    const t = setTimeout(() => setStatus(null), 8000);
    return () => clearTimeout(t);
  }, [status]);

  const exportAs = async (format: SongFormat) => {
    setOpen(false);
    setStatus({ kind: 'working', text: `Exporting ${SONG_FORMAT_LABELS[format]}…` });
    try {
      const saved = await host.call('projects.exportFile', { projectId, format });
      setStatus({ kind: 'done', text: `Saved in the exports folder as ${saved.fileName}` });
    } catch (e) {
      console.warn('studio: project export failed', e);
      setStatus({ kind: 'error', text: `Export failed: ${songFileMessage(e)}` });
    }
  };

  return (
    <div ref={root} className="relative">
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        data-testid="file-menu"
        onClick={() => setOpen((o) => !o)}
        className={cx('h-8 rounded-md px-2.5 text-[13px] font-medium whitespace-nowrap text-ink-muted hover:bg-raised hover:text-ink', open && 'bg-raised text-ink', focusRing)}
      >
        Project ▾
      </button>
      {open && (
        <div role="menu" className="absolute top-9 right-0 z-50 w-64 rounded-lg border border-line bg-surface p-1 shadow-2xl">
          <div className="px-3 pt-1.5 pb-1 text-[10px] font-semibold tracking-[0.12em] text-ink-faint uppercase">Export project as</div>
          {(Object.keys(SONG_FORMAT_LABELS) as SongFormat[]).map((f) => (
            <button key={f} type="button" role="menuitem" data-testid={`export-${f}`} disabled={status?.kind === 'working'} className={item} onClick={() => void exportAs(f)}>
              {SONG_FORMAT_LABELS[f]}
            </button>
          ))}
          <div className="my-1 h-px bg-line" />
          <button
            type="button"
            role="menuitem"
            data-testid="open-versions"
            className={item}
            onClick={() => {
              setOpen(false);
              setVersions(true);
            }}
          >
            Versions…
          </button>
        </div>
      )}
      {status && (
        <div
          role={status.kind === 'error' ? 'alert' : 'status'}
          data-testid="file-status"
          className={cx(
            'absolute top-9 right-0 z-40 w-72 rounded-lg border px-3 py-2 text-[12px] shadow-xl',
            status.kind === 'error' ? 'border-danger/40 bg-[#2a1618] text-ink' : 'border-line bg-surface text-ink',
          )}
        >
          {status.text}
          {status.kind !== 'working' && (
            <button type="button" className="ml-2 text-ink-faint hover:text-ink" onClick={() => setStatus(null)} aria-label="Dismiss">
              ×
            </button>
          )}
        </div>
      )}
      {versions && <VersionsDialog host={host} projectId={projectId} title={title} onClose={() => setVersions(false)} />}
    </div>
  );
}
