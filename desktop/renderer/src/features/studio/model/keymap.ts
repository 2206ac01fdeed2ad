/** Commands the editor's keyboard shortcuts trigger. */
export type EditorCommand = 'playStop' | 'pause' | 'arm' | 'undo' | 'redo' | 'duplicate' | 'delete' | 'split' | 'zoomIn' | 'zoomOut' | 'addMarker';

/** The parts of a KeyboardEvent the keymap reads (so it runs in Node tests). */
export interface KeyInput {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly altKey: boolean;
  readonly target: unknown;
}

/** True when keys typed at `target` belong to it: text fields, selects, editable content. */
export function isTypingTarget(target: unknown): boolean {
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string } | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  return !['button', 'checkbox', 'radio', 'range'].includes(String(el.type ?? 'text'));
}

/**
 * The command of a key press, or null. Ctrl and Cmd are the same key here; nothing fires while
 * the user types in a text field.
 *
 * @example
 * commandForKey({ key: 'z', ctrlKey: true, shiftKey: true, metaKey: false, altKey: false, target: null }); // 'redo'
 */
export function commandForKey(e: KeyInput): EditorCommand | null {
  if (isTypingTarget(e.target) || e.altKey) return null;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod) {
    if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (key === 'y') return 'redo';
    if (key === 'd') return 'duplicate';
    if (key === 'e') return 'split';
    return null;
  }
  if (key === ' ') return e.shiftKey ? 'pause' : 'playStop';
  if (key === 'r' && !e.shiftKey) return 'arm';
  if (key === 's' && !e.shiftKey) return 'split';
  if (key === 'm' && !e.shiftKey) return 'addMarker';
  if (key === 'Delete' || key === 'Backspace') return 'delete';
  if (key === '+' || key === '=') return 'zoomIn';
  if (key === '-' || key === '_') return 'zoomOut';
  return null;
}
