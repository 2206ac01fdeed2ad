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

/** The Studio's projects list: create from a template, open, rename, duplicate, delete. */
export function ProjectsScreen({ projects, dataDir }: { projects: ProjectsModel; dataDir: string | null }) {
  const state = useStore(projects.store);
  const [creating, setCreating] = useState<ProjectTemplate | null>(null);
  const [error, setError] = useState<string | null>(null);
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
  const shared = <SharedWithMe onOpen={(id) => void attempt(() => projects.openProject(id))} />;
  const createButtons = (
    <>
      <Button variant="primary" data-testid="new-empty-project" pending={creating === 'empty'} onClick={() => void create('empty')}>
        <PlusIcon /> New project
      </Button>
      <Button variant="secondary" data-testid="new-demo-project" pending={creating === 'demo'} onClick={() => void create('demo')}>
        Open the demo song
      </Button>
    </>
  );

  if (state.status === 'ready' && state.projects.length === 0) {
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
        <div className="mx-auto max-w-6xl px-6">{shared}</div>
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
      {state.open?.state === 'failed' && (
        <p role="alert" className="mt-4 rounded-lg border border-danger/30 bg-danger/5 px-3 py-2 text-sm text-danger">
          {state.open.error}
        </p>
      )}
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
          />
        ))}
      </ul>
      {shared}
    </div>
  );
}
