import * as Y from 'yjs';
import { createRoot, type Root } from 'react-dom/client';
import { createDemoProject } from '@encore/shared/project/templates/demoProject';
import type { EditorState } from '../model/editorStore';
import { createProjectSession, type ProjectSession } from '../model/projectSession';
import { ProjectEditor, type ProjectEditorProps } from './ProjectEditor';

/**
 * Helpers for browser tests of the editor: mount it over the demo song, find tracks, and press,
 * drag and release pointers as a mouse does.
 */

const mounted: (() => void)[] = [];

/** Unmounts every editor mounted by `mountEditor` (call in afterEach). */
export function unmountEditors(): void {
  for (const fn of mounted.splice(0)) fn();
}

/** The editor over a fresh demo song, 1300×900, with a session edited as 'tester'. */
export function mountEditor(initial: Partial<EditorState> = {}, props: Partial<ProjectEditorProps> = {}): ProjectSession {
  const doc = new Y.Doc();
  createDemoProject(doc);
  const session = createProjectSession(doc, { origin: 'tester' });
  const container = document.createElement('div');
  container.style.cssText = 'height: 900px; width: 1300px; position: relative;';
  document.body.append(container);
  const root: Root = createRoot(container);
  root.render(<ProjectEditor session={session} initial={{ snapId: '1/4', ...initial }} {...props} />);
  mounted.push(() => {
    root.unmount();
    session.dispose();
    container.remove();
  });
  return session;
}

export const trackNamed = (session: ProjectSession, name: string) => {
  const t = session.store.getState().snapshot.tracks.find((x) => x.name === name);
  if (!t) throw new Error(`no track ${name}`);
  return t;
};

export function pointer(target: EventTarget, type: string, x: number, y: number, init: PointerEventInit = {}): void {
  target.dispatchEvent(new PointerEvent(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, button: 0, buttons: type === 'pointerup' ? 0 : 1, pointerId: 1, isPrimary: true, ...init }));
}

/** Presses at (x, y) on `el`, moves by (dx, dy) in steps, releases: as a mouse drag does. */
export function drag(el: Element, x: number, y: number, dx: number, dy: number): void {
  pointer(el, 'pointerdown', x, y);
  for (let i = 1; i <= 4; i++) pointer(document.body, 'pointermove', x + (dx * i) / 4, y + (dy * i) / 4);
  pointer(document.body, 'pointerup', x + dx, y + dy);
}
