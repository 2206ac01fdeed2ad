import { useState } from 'react';
import { useStore } from 'zustand';
import type { ProjectTemplate } from '@encore/shared/host/projects';
import { Button } from '../../../ui/Button';
import { EmptyState } from '../../../ui/EmptyState';
import { StudioIcon } from '../../../ui/icons';
import { SharedWithMe } from '../collab/SharedWithMe';
import type { ProjectsModel } from '../model/projectsStore';
import { studioMessage } from '../model/studioErrors';
import { PlusIcon } from '../studioIcons';
import { ProjectCard } from './ProjectCard';
import { ImportSongButton, SongImportStatus, useSongImport, useWindowDrop } from './SongImport';
import { TrashScreen } from './TrashScreen';
import { VersionsDialog } from './VersionsDialog';

/**
 * The Studio's projects list: create from a template, import a song file (dialog or drop), open,
 * rename, duplicate, versions, delete; and the trash (restore, delete forever).
 */
export function ProjectsScreen({ projects, dataDir }: { projects: ProjectsModel; dataDir: string | null }) {
  const state = useStore(projects.store);
  const [creating, setCreating] = useState<ProjectTemplate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [view, setView] = useState<'projects' | 'trash'>('projects');
  const [versionsOf, setVersionsOf] = useState<{ id: string; title: string } | null>(null);
  const importer = useSongImport(projects.host, () => void projects.load());
  const dropping = useWindowDrop(importer);
  const attempt = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(studioMessage(e));
    }
  };
  const create = (template: ProjectTemplate) =>
    attempt(async () => {
      setCreating(template);
      try {
        const created = await projects.create(template);
        await projects.openProject(created.id);
      } finally {
        setCreating(null);
      }
    });
  const openImported = (projectId: string) => {
    importer.clear();
    void attempt(() => projects.openProject(projectId));
  };
  const importStatus = <SongImportStatus importer={importer} onOpen={openImported} />;
  const dropOverlay = dropping && (
    <div aria-hidden data-testid="import-drop" className="pointer-events-none fixed inset-0 z-40 flex items-center justify-center border-4 border-dashed border-accent/70 bg-accent/10 text-lg font-semibold text-ink">
      Drop a .encore, MIDI or DAWproject file to import it
    </div>
  );
  const tabs = (
    <div role="tablist" aria-label="Projects or trash" className="mt-5 flex gap-1 border-b border-line">
      {(['projects', 'trash'] as const).map((v) => (
        <button
          key={v}
          type="button"
          role="tab"
          aria-selected={view === v}
          data-testid={`projects-tab-${v}`}
          onClick={() => setView(v)}
          className={view === v ? '-mb-px border-b-2 border-accent px-3 py-1.5 text-[13px] font-semibold text-ink' : 'px-3 py-1.5 text-[13px] text-ink-faint hover:text-ink'}
        >
          {v === 'projects' ? 'Projects' : 'Trash'}
        </button>
      ))}
    </div>
  );
  const shared = <SharedWithMe onOpen={(id) => void attempt(() => projects.openProject(id))} />;
  const createButtons = (
    <>
      <Button variant="primary" data-testid="new-empty-project" pending={creating === 'empty'} onClick={() => void create('empty')}>
        <PlusIcon /> New project
      </Button>
      <Button variant="secondary" data-testid="new-demo-project" pending={creating === 'demo'} onClick={() => void create('demo')}>
        Open the demo song
      </Button>
      <ImportSongButton importer={importer} />
    </>
  );

  if (state.status === 'ready' && state.projects.length === 0 && view === 'projects') {
    return (
      <div data-testid="projects-screen">
        <EmptyState
          icon={<StudioIcon />}
          title="No projects yet"
          description="The Studio is where songs get made: arrange audio and MIDI on tracks, write parts in the piano roll and mix with effects. Projects save on this computer as you work — no account needed."
          actions={createButtons}
          footnote={dataDir ? <>Projects are kept in <span className="font-mono text-ink-muted">{dataDir}</span></> : null}
          highlights={[
            { title: 'Works offline', body: 'Every edit is saved locally first; nothing waits for a server.' },
            { title: 'Collaborate in real time', body: 'Invite bandmates to a project; changes made offline merge when you reconnect.' },
            { title: 'Take your work anywhere', body: 'Export stems, MIDI files or a DAWproject file for other studios.' },
          ]}
        />
        {error && <p role="alert" className="text-center text-sm text-danger">{error}</p>}
        <div className="mx-auto max-w-6xl px-6">
          {importStatus}
          {tabs}
          {shared}
        </div>
        {dropOverlay}
      </div>
    );
  }

  return (
    <div data-testid="projects-screen" className="mx-auto w-full max-w-6xl px-6 py-8">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <h2 className="text-xl font-semibold tracking-tight">Projects</h2>
          <p className="mt-1 text-[13px] text-ink-muted">{state.status === 'ready' ? `${state.projects.length} on this computer · saved as you work` : 'Loading…'}</p>
        </div>
        <div className="ml-auto flex gap-2">{createButtons}</div>
      </div>
      {(error ?? state.error) && (
        <p role="alert" data-testid="projects-error" className="mt-4 rounded-lg border border-danger/30 bg-danger/5 px-3 py-2 text-sm text-danger">
          {error ?? state.error}
        </p>
      )}
      {importStatus}
      {tabs}
      {state.open?.state === 'failed' && (
        <p role="alert" className="mt-4 rounded-lg border border-danger/30 bg-danger/5 px-3 py-2 text-sm text-danger">
          {state.open.error}
        </p>
      )}
      {view === 'trash' ? (
        <TrashScreen host={projects.host} onRestored={() => void projects.load()} />
      ) : (
      <ul data-testid="projects-list" className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {state.projects.map((p) => (
          <ProjectCard
            key={p.id}
            project={p}
            stats={state.stats[p.id]}
            onOpen={() => void attempt(() => projects.openProject(p.id))}
            onRename={(title) => attempt(() => projects.rename(p.id, title))}
            onDuplicate={() => attempt(() => projects.duplicate(p.id))}
            onDelete={() => attempt(() => projects.remove(p.id))}
            onVersions={() => setVersionsOf({ id: p.id, title: p.title })}
          />
        ))}
      </ul>
      )}
      {view === 'projects' && shared}
      {versionsOf && <VersionsDialog host={projects.host} projectId={versionsOf.id} title={versionsOf.title} onClose={() => setVersionsOf(null)} />}
      {dropOverlay}
    </div>
  );
}
