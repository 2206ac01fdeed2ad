import { cx, focusRing } from '../../../ui/cx';
import { useEditor, useStudio } from '../editor/StudioContext';
import { ImportButton } from '../import/ImportButton';
import { SNAP_IDS, snapLabel, type SnapId } from '../model/grid';
import { setSnap } from '../model/editorStore';
import { PlusIcon, ZoomInIcon, ZoomOutIcon } from '../studioIcons';

export function SnapSelect({ testId }: { testId: string }) {
  const { editor } = useStudio();
  const snapId = useEditor((s) => s.snapId);
  return (
    <label className="flex items-center gap-1.5 text-[11px] font-semibold tracking-wider text-ink-faint uppercase">
      Grid
      <select
        data-testid={testId}
        aria-label="Snap to grid"
        value={snapId}
        onChange={(e) => setSnap(editor, e.target.value as SnapId)}
        className={cx('h-7 rounded-md border border-line bg-raised px-2 text-xs font-medium tracking-normal text-ink normal-case hover:border-line-strong', focusRing)}
      >
        {SNAP_IDS.map((id) => (
          <option key={id} value={id}>
            {snapLabel(id)}
          </option>
        ))}
      </select>
    </label>
  );
}

const smallButton = cx('inline-flex h-7 items-center gap-1 rounded-md border border-line bg-raised px-2 text-xs text-ink-muted hover:border-line-strong hover:text-ink', focusRing);

/** Above the arrangement: add tracks, the snap grid, zoom, and the clip commands. */
export function ArrangementToolbar() {
  const { session, commands, editor, edit } = useStudio();
  const hasSelection = useEditor((s) => s.selectedClipIds.length > 0);
  const addTrack = (kind: 'instrument' | 'audio' | 'bus') =>
    edit(() => {
      const id = session.api.createTrack({ kind });
      editor.setState({ selectedTrackId: id });
    });
  const zoom = (command: 'zoomIn' | 'zoomOut') => {
    editor.setState({ focus: 'arrangement' });
    commands.run(command);
  };
  return (
    <div className="flex h-10 shrink-0 items-center gap-2 border-b border-line bg-shell px-3">
      <button type="button" className={smallButton} data-testid="add-instrument-track" onClick={() => addTrack('instrument')}>
        <PlusIcon /> Instrument
      </button>
      <button type="button" className={smallButton} data-testid="add-audio-track" onClick={() => addTrack('audio')}>
        <PlusIcon /> Audio
      </button>
      <button type="button" className={smallButton} data-testid="add-bus-track" onClick={() => addTrack('bus')}>
        <PlusIcon /> Return
      </button>
      <ImportButton className={smallButton} />
      <button type="button" className={smallButton} data-testid="add-marker" title="Add a marker at the playhead (M)" onClick={() => commands.run('addMarker')}>
        <PlusIcon /> Marker
      </button>
      <div className="mx-1 h-5 w-px bg-line" />
      <button type="button" className={smallButton} data-testid="clip-split" title="Split at playhead (S, Ctrl+E)" onClick={() => commands.run('split')}>
        Split
      </button>
      <button type="button" className={smallButton} data-testid="clip-duplicate" title="Duplicate (Ctrl+D)" disabled={!hasSelection} onClick={() => commands.run('duplicate')}>
        Duplicate
      </button>
      <button type="button" className={smallButton} data-testid="clip-delete" title="Delete (Del)" disabled={!hasSelection} onClick={() => commands.run('delete')}>
        Delete
      </button>
      <div className="ml-auto flex items-center gap-2">
        <SnapSelect testId="arrangement-snap" />
        <div className="flex items-center">
          <button type="button" aria-label="Zoom out (-)" title="Zoom out (-)" className={cx(smallButton, 'rounded-r-none')} onClick={() => zoom('zoomOut')}>
            <ZoomOutIcon />
          </button>
          <button type="button" aria-label="Zoom in (+)" title="Zoom in (+)" className={cx(smallButton, '-ml-px rounded-l-none')} onClick={() => zoom('zoomIn')}>
            <ZoomInIcon />
          </button>
        </div>
      </div>
    </div>
  );
}
