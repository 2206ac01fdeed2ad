import type { MidiClipSnapshot } from '@encore/shared/project/read/snapshot';
import { cx, focusRing } from '../../../ui/cx';
import { SnapSelect } from '../arrangement/ArrangementToolbar';
import { useEditor, useStudio } from '../editor/StudioContext';
import { quantizeGrid } from '../model/grid';
import { NOTE_NAMES, SCALES, type ScaleName } from '../model/musicScale';
import { PencilIcon, PointerIcon } from '../studioIcons';

const select = cx('h-7 rounded-md border border-line bg-raised px-2 text-xs text-ink hover:border-line-strong', focusRing);
const button = cx('inline-flex h-7 items-center gap-1.5 rounded-md border px-2 text-xs transition-colors', focusRing);

/** Tools, grid, scale highlight and quantize of the piano roll. */
export function PianoRollToolbar({ clip }: { clip: MidiClipSnapshot }) {
  const { session, editor, edit } = useStudio();
  const tool = useEditor((s) => s.tool);
  const snap = useEditor((s) => s.snap);
  const root = useEditor((s) => s.scaleRoot);
  const scale = useEditor((s) => s.scaleName);
  const selectedCount = useEditor((s) => s.selectedNoteIds.length);
  const toolButton = (value: 'select' | 'draw', label: string, icon: React.ReactNode) => (
    <button
      type="button"
      aria-pressed={tool === value}
      aria-label={label}
      title={label}
      data-testid={`tool-${value}`}
      onClick={() => editor.setState({ tool: value })}
      className={cx(button, tool === value ? 'border-accent bg-accent-soft text-ink' : 'border-line bg-raised text-ink-muted hover:text-ink')}
    >
      {icon}
    </button>
  );
  const quantize = () => {
    const ids = editor.getState().selectedNoteIds;
    if (clip.notes.length === 0) return;
    edit(() => session.api.quantizeNotes({ clipId: clip.id, grid: quantizeGrid(snap), ...(ids.length > 0 ? { noteIds: [...ids] } : {}) }));
  };
  return (
    <div className="flex h-10 shrink-0 items-center gap-2 border-b border-line bg-shell px-3">
      <span className="max-w-48 truncate text-[13px] font-semibold text-ink" data-testid="piano-roll-clip">
        {clip.name}
      </span>
      <span className="text-xs text-ink-faint">
        {clip.notes.length} note{clip.notes.length === 1 ? '' : 's'}
        {selectedCount > 0 ? ` · ${selectedCount} selected` : ''}
      </span>
      <div className="mx-1 h-5 w-px bg-line" />
      <div className="flex gap-1">
        {toolButton('select', 'Select tool: click and drag to select', <PointerIcon />)}
        {toolButton('draw', 'Pencil: click to draw notes', <PencilIcon />)}
      </div>
      <SnapSelect testId="piano-snap" />
      <button type="button" data-testid="quantize" onClick={quantize} className={cx(button, 'border-line bg-raised text-ink hover:border-line-strong')} title="Quantize the selected notes (or all) to the grid">
        Quantize
      </button>
      <div className="ml-auto flex items-center gap-1.5 text-[11px] font-semibold tracking-wider text-ink-faint uppercase">
        Scale
        <select aria-label="Scale root" data-testid="scale-root" className={select} value={root} onChange={(e) => editor.setState({ scaleRoot: Number(e.target.value) })}>
          {NOTE_NAMES.map((n, i) => (
            <option key={n} value={i}>
              {n}
            </option>
          ))}
        </select>
        <select aria-label="Scale" data-testid="scale-name" className={select} value={scale} onChange={(e) => editor.setState({ scaleName: e.target.value as ScaleName })}>
          {(Object.keys(SCALES) as ScaleName[]).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
