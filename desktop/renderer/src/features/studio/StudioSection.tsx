import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import { useModel, useSession, useSettings } from '../../app/ModelContext';
import { selectUser } from '../../model/sessionStore';
import { cx, focusRing } from '../../ui/cx';
import { ProjectEditor } from './editor/ProjectEditor';
import { createProjectsModel, type ProjectsModel } from './model/projectsStore';
import { ProjectsScreen } from './projects/ProjectsScreen';
import { BackIcon } from './studioIcons';

function Studio({ projects }: { projects: ProjectsModel }) {
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
    return <ProjectEditor key={open.session.api.origin as string} session={open.session} back={back} />;
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
