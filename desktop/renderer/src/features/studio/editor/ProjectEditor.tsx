import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { WORKLET_URLS } from '@encore/audio-engine/worklets/urls';
import type { HostClient } from '@encore/shared/host/client';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { cx, focusRing } from '../../../ui/cx';
import { AudioBufferCache, fetchBlob } from '../audio/bufferCache';
import type { StudioAudio } from '../audio/studioAudio';
import { ExportDialog, type SaveFile } from '../export/ExportDialog';
import { Arrangement } from '../arrangement/Arrangement';
import { DevicePanel } from '../devices/DevicePanel';
import { Mixer } from '../mixer/Mixer';
import { createEditorCommands, type Clock } from '../model/editorCommands';
import { createEditorStore, type EditorPanel, type EditorState } from '../model/editorStore';
import { commandForKey } from '../model/keymap';
import type { ProjectSession } from '../model/projectSession';
import { studioMessage } from '../model/studioErrors';
import { follow } from '../model/timeScale';
import { PianoRoll } from '../pianoRoll/PianoRoll';
import { TransportBar } from '../transport/TransportBar';
import { FileMenu } from './FileMenu';
import { PublishProjectButton } from '../../publish/PublishProjectButton';
import { StudioProvider, useEditor, useProject, useStudio, type Studio } from './StudioContext';

export interface ProjectEditorProps {
  session: ProjectSession;
  /** The back button (to the projects list), drawn in the transport bar. */
  back?: ReactNode;
  /** Meter levels per track id (dBFS), from the engine when it runs. */
  levels?: Readonly<Record<string, number>>;
  /** Waveform peaks per asset hash. */
  peaks?: Readonly<Record<string, Float32Array>>;
  initial?: Partial<EditorState>;
  clock?: Clock;
  /** The real-time engine: plays the transport and becomes its clock. */
  audio?: StudioAudio;
  /** Where bounces go (the host's exports folder) and how assets are decoded for them. */
  exporter?: Exporter;
  /** Drawn under the transport bar, inside the studio context (the collaboration bar). */
  header?: ReactNode;
  /** The host and project id behind the session: the project menu exports files and lists versions. */
  files?: { host: Pick<HostClient, 'call'>; projectId: string };
}

export interface Exporter {
  save: SaveFile | null;
  loadBuffers?: (snapshot: ProjectSnapshot) => Promise<ReadonlyMap<string, AudioBuffer>>;
}

/** Assets decoded without a real-time engine (an editor opened without sound). */
const offlineCache = new AudioBufferCache(fetchBlob);
const offlineBuffers = (snapshot: ProjectSnapshot) => offlineCache.buffersFor(snapshot, new OfflineAudioContext(1, 1, 48_000));

const PANELS: { id: EditorPanel; label: string }[] = [
  { id: 'clip', label: 'Piano roll' },
  { id: 'mixer', label: 'Mixer' },
  { id: 'devices', label: 'Devices' },
];

function PanelTabs() {
  const { editor } = useStudio();
  const panel = useEditor((s) => s.panel);
  return (
    <div role="tablist" aria-label="Editor panels" className="flex h-9 shrink-0 items-end gap-1 border-t border-b border-line bg-shell px-3">
      {PANELS.map((p) => (
        <button
          key={p.id}
          role="tab"
          type="button"
          aria-selected={panel === p.id}
          data-testid={`panel-tab-${p.id}`}
          onClick={() => editor.setState({ panel: p.id })}
          className={cx(
            '-mb-px h-8 rounded-t-md border border-b-0 px-3 text-xs font-semibold',
            panel === p.id ? 'border-line bg-canvas text-ink' : 'border-transparent text-ink-faint hover:text-ink',
            focusRing,
          )}
        >
          {p.label}
        </button>
      ))}
    </div>
  );
}

function LowerPanel() {
  const panel = useEditor((s) => s.panel);
  return (
    <div className="h-full min-h-0 bg-canvas" role="tabpanel">
      {panel === 'clip' ? <PianoRoll /> : panel === 'mixer' ? <Mixer /> : <DevicePanel />}
    </div>
  );
}

/** Advances the playhead every frame while playing, paging the arrangement when following. */
function PlayheadClock() {
  const { commands, editor } = useStudio();
  const playing = useEditor((s) => s.transport.playing);
  useEffect(() => {
    if (!playing) return;
    let frame = requestAnimationFrame(function step() {
      const tick = commands.tick();
      const s = editor.getState();
      if (s.followPlayhead) {
        const width = document.querySelector('[data-testid="lanes"]')?.clientWidth ?? 800;
        const next = follow(s.arrangementScale, tick, width);
        if (next !== s.arrangementScale) editor.setState({ arrangementScale: next });
      }
      frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, commands, editor]);
  return null;
}

function Toast({ message, onClose }: { message: string; onClose(): void }) {
  useEffect(() => {
    const t = setTimeout(onClose, 4000);
    return () => clearTimeout(t);
  }, [message, onClose]);
  return (
    <div role="alert" data-testid="editor-alert" className="absolute bottom-4 left-1/2 z-50 -translate-x-1/2 rounded-lg border border-danger/40 bg-[#2a1618] px-4 py-2 text-sm text-ink shadow-xl">
      {message}
    </div>
  );
}

function EditorLayout({ back, exporter, header, files }: { back?: ReactNode; exporter?: Exporter; header?: ReactNode; files?: ProjectEditorProps['files'] }) {
  const title = useProject((s) => s.snapshot.title);
  const { commands, edit, session, audio } = useStudio();
  const [exporting, setExporting] = useState(false);
  const loadBuffers = exporter?.loadBuffers ?? ((snap: ProjectSnapshot) => (audio ? audio.buffers.buffersFor(snap, audio.context) : offlineBuffers(snap)));
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const command = commandForKey(e);
      if (!command) return;
      // Space on a focused button would also click it: the shortcut wins.
      e.preventDefault();
      edit(() => commands.run(command));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [commands, edit]);
  return (
    <div data-testid="project-editor" className="flex h-full min-h-0 flex-col">
      <TransportBar
        title={title}
        onBack={back}
        onExport={() => setExporting(true)}
        menu={
          <>
            {files && <FileMenu host={files.host} projectId={files.projectId} title={title} />}
            <PublishProjectButton title={title} snapshot={() => session.store.getState().snapshot} loadBuffers={loadBuffers} />
          </>
        }
      />
      {header}
      <div className="flex min-h-[200px] flex-1 flex-col">
        <Arrangement />
      </div>
      <PanelTabs />
      <div className="min-h-0 flex-[1.2]">
        <LowerPanel />
      </div>
      <PlayheadClock />
      {exporting && (
        <ExportDialog
          title={title}
          snapshot={() => session.store.getState().snapshot}
          worklets={WORKLET_URLS}
          loadBuffers={loadBuffers}
          save={exporter?.save ?? null}
          onClose={() => setExporting(false)}
        />
      )}
    </div>
  );
}

/**
 * The project editor over one project session: transport, arrangement and, below, the piano
 * roll, mixer or device panel. Every edit goes through the session's ProjectApi.
 */
export function ProjectEditor({ session, back, levels, peaks, initial, clock, audio, exporter, header, files }: ProjectEditorProps) {
  const [alert, setAlert] = useState<string | null>(null);
  const editor = useMemo(() => createEditorStore(initial), [session]); // eslint-disable-line react-hooks/exhaustive-deps
  const studio = useMemo<Studio>(() => {
    const commands = createEditorCommands(session, editor, audio?.clock ?? clock ?? (() => performance.now()));
    const edit = (fn: () => void) => {
      try {
        fn();
      } catch (e) {
        setAlert(studioMessage(e));
        console.warn('studio edit refused', e);
      }
    };
    return { session, editor, commands, edit, levels, peaks, ...(audio ? { audio } : {}) };
  }, [session, editor, clock, levels, peaks, audio]);
  useEffect(() => audio?.attach(editor), [audio, editor]);
  return (
    <StudioProvider studio={studio}>
      <div className="relative h-full">
        <EditorLayout back={back} exporter={exporter} header={header} files={files} />
        {alert && <Toast message={alert} onClose={() => setAlert(null)} />}
      </div>
    </StudioProvider>
  );
}
