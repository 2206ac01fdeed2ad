import { useEffect, useMemo, useState } from 'react';
import { WORKLET_URLS } from '@encore/audio-engine/worklets/urls';
import type { HostClient } from '@encore/shared/host/client';
import { useStore } from 'zustand';
import { useModel, useSession, useSettings } from '../../app/ModelContext';
import { selectUser } from '../../model/sessionStore';
import { cx, focusRing } from '../../ui/cx';
import { fetchBlob } from './audio/bufferCache';
import { CollabBar } from './collab/CollabBar';
import { StudioAudio } from './audio/studioAudio';
import { ProjectEditor, type Exporter } from './editor/ProjectEditor';
import { StudioMediaProvider } from './import/StudioMediaContext';
import { saveExport } from './export/saveExport';
import type { ProjectSession } from './model/projectSession';
import { createProjectsModel, type ProjectsModel } from './model/projectsStore';
import { ProjectsScreen } from './projects/ProjectsScreen';
import { BackIcon } from './studioIcons';

/** The editor of an open project, with its real-time engine (one AudioContext per open project). */
function OpenEditor({ session, projectId, back, host }: { session: ProjectSession; projectId: string; back: React.ReactNode; host: HostClient }) {
  const userName = useSession((s) => selectUser(s)?.username ?? null);
  const [audio, setAudio] = useState<StudioAudio | null>(null);
  useEffect(() => {
    const created = new StudioAudio(session, { worklets: WORKLET_URLS, fetcher: fetchBlob });
    setAudio(created);
    return () => void created.dispose();
  }, [session]);
  const exporter = useMemo<Exporter>(() => ({ save: (fileName, bytes, o) => saveExport(host, fileName, bytes, o) }), [host]);
  if (!audio) return null;
  return (
    <StudioMediaProvider host={host}>
      <ProjectEditor
        session={session}
        back={back}
        audio={audio}
        exporter={exporter}
        files={{ host, projectId }}
        header={<CollabBar host={host} projectId={projectId} userName={userName} />}
      />
    </StudioMediaProvider>
  );
}

function Studio({ projects }: { projects: ProjectsModel }) {
  const model = useModel();
  const open = useStore(projects.store, (s) => s.open);
  const dataDir = useSettings((s) => s.appInfo?.dataDir ?? null);
  if (open?.state === 'opening') {
    return (
      <div data-testid="project-opening" className="flex h-full items-center justify-center text-sm text-ink-muted">
        Opening project…
      </div>
    );
  }
  if (open?.state === 'open') {
    const back = (
      <button
        type="button"
        aria-label="Back to projects"
        title="Back to projects"
        data-testid="back-to-projects"
        onClick={() => void projects.closeProject()}
        className={cx('inline-flex size-8 items-center justify-center rounded-md text-ink-muted hover:bg-raised hover:text-ink', focusRing)}
      >
        <BackIcon />
      </button>
    );
    return <OpenEditor key={open.session.api.origin as string} session={open.session} projectId={open.projectId} back={back} host={model.host} />;
  }
  return <ProjectsScreen projects={projects} dataDir={dataDir} />;
}

/** The Studio section: the projects list, or the editor of the open project. */
export function StudioSection() {
  const model = useModel();
  const userId = useSession((s) => selectUser(s)?.id ?? null);
  const [projects, setProjects] = useState<ProjectsModel | null>(null);
  useEffect(() => {
    const created = createProjectsModel(model.host, () => userId ?? 'local');
    setProjects(created);
    void created.load();
    return () => created.dispose();
  }, [model.host, userId]);
  return projects ? <Studio projects={projects} /> : <div data-testid="projects-loading" className="h-full" />;
}
