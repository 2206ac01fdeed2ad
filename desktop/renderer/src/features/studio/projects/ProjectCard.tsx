import { useState } from 'react';
import type { ProjectSummary } from '@encore/shared/host/projects';
import { Button } from '../../../ui/Button';
import { cx, focusRing } from '../../../ui/cx';
import type { ProjectStats } from '../model/projectsStore';
import { editedAgo } from './relativeTime';

const HUES = ['#8b7bff', '#3b9eff', '#12a594', '#f76b15', '#d6409f', '#46a758', '#ffc53d', '#e5484d'];

function hueOf(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return HUES[h % HUES.length] as string;
}

export interface ProjectCardProps {
  project: ProjectSummary;
  stats?: ProjectStats;
  onOpen(): void;
  onRename(title: string): Promise<void>;
  onDuplicate(): Promise<void>;
  onDelete(): Promise<void>;
  /** Opens the project's versions (name a snapshot, restore one). */
  onVersions?(): void;
}

/** A project in the list: title, tempo, track count and when it was last edited; open, rename, duplicate, delete. */
export function ProjectCard({ project, stats, onOpen, onRename, onDuplicate, onDelete, onVersions }: ProjectCardProps) {
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm-delete'>('view');
  const [pending, setPending] = useState(false);
  const hue = hueOf(project.id);
  const run = async (fn: () => Promise<void>) => {
    setPending(true);
    try {
      await fn();
    } finally {
      setPending(false);
    }
  };
  return (
    <li data-testid={`project-card-${project.title}`} className="group relative flex flex-col overflow-hidden rounded-xl border border-line bg-surface transition-colors hover:border-line-strong">
      <div aria-hidden className="h-1.5" style={{ background: `linear-gradient(90deg, ${hue}, ${hue}33)` }} />
      <div className="flex flex-1 flex-col p-4">
        {mode === 'rename' ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              const title = String(new FormData(e.currentTarget).get('title') ?? '').trim();
              if (!title || title === project.title) return setMode('view');
              void run(async () => {
                await onRename(title);
                setMode('view');
              });
            }}
          >
            <input
              name="title"
              autoFocus
              aria-label="Project title"
              data-testid="rename-input"
              defaultValue={project.title}
              maxLength={200}
              onKeyDown={(e) => e.key === 'Escape' && setMode('view')}
              className={cx('h-8 w-full rounded-md border border-accent bg-canvas px-2 text-[15px] font-semibold', focusRing)}
            />
          </form>
        ) : (
          <button type="button" onClick={onOpen} data-testid="open-project" className={cx('truncate text-left text-[15px] font-semibold text-ink hover:text-accent', focusRing)} title={`Open ${project.title}`}>
            {project.title}
          </button>
        )}
        <dl className="mt-3 flex gap-4 text-[13px] text-ink-muted">
          <div>
            <dt className="text-[10px] font-semibold tracking-[0.12em] text-ink-faint uppercase">Tempo</dt>
            <dd className="font-mono" data-testid="project-tempo">
              {stats ? `${stats.bpm} BPM` : '…'}
            </dd>
          </div>
          <div>
            <dt className="text-[10px] font-semibold tracking-[0.12em] text-ink-faint uppercase">Tracks</dt>
            <dd className="font-mono" data-testid="project-tracks">
              {stats ? stats.trackCount : '…'}
            </dd>
          </div>
          <div>
            <dt className="text-[10px] font-semibold tracking-[0.12em] text-ink-faint uppercase">Edited</dt>
            <dd title={new Date(project.updatedAt).toLocaleString()}>{editedAgo(project.updatedAt)}</dd>
          </div>
        </dl>
        {mode === 'confirm-delete' ? (
          <div className="mt-4 flex items-center gap-2 rounded-lg border border-danger/30 bg-danger/5 p-2" role="group" aria-label="Confirm delete">
            <span className="text-[13px] text-ink">Move to the trash?</span>
            <Button size="sm" variant="ghost" className="ml-auto" onClick={() => setMode('view')}>
              Cancel
            </Button>
            <Button size="sm" variant="danger" data-testid="confirm-delete" pending={pending} onClick={() => void run(onDelete)}>
              Delete
            </Button>
          </div>
        ) : (
          <div className="mt-4 flex flex-wrap items-center gap-1.5">
            <Button size="sm" variant="primary" onClick={onOpen}>
              Open
            </Button>
            <Button size="sm" variant="ghost" data-testid="rename-project" onClick={() => setMode('rename')}>
              Rename
            </Button>
            <Button size="sm" variant="ghost" data-testid="duplicate-project" pending={pending && mode === 'view'} onClick={() => void run(onDuplicate)}>
              Duplicate
            </Button>
            {onVersions && (
              <Button size="sm" variant="ghost" data-testid="project-versions" onClick={onVersions}>
                Versions
              </Button>
            )}
            <Button size="sm" variant="ghost" data-testid="delete-project" className="ml-auto hover:text-danger" onClick={() => setMode('confirm-delete')}>
              Delete
            </Button>
          </div>
        )}
        {project.template === 'demo' && <span className="absolute top-4 right-4 rounded-full border border-line px-2 py-0.5 text-[10px] text-ink-faint">Demo</span>}
      </div>
    </li>
  );
}
