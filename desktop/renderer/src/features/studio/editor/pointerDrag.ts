/** Pointer travel since the gesture started, in CSS pixels. */
export interface DragDelta {
  readonly dx: number;
  readonly dy: number;
  readonly event: PointerEvent;
}

export interface DragHandlers {
  move(d: DragDelta): void;
  end(d: DragDelta): void;
  /** Escape pressed or the pointer lost: drop the gesture without writing. */
  cancel?(): void;
}

/**
 * Follows one pointer gesture from a pointerdown: moves and the release are listened for on the
 * window, so the drag continues outside the element and ends wherever the button comes up.
 * Returns a function that aborts the gesture.
 */
export function startDrag(down: { clientX: number; clientY: number }, handlers: DragHandlers): () => void {
  const delta = (event: PointerEvent): DragDelta => ({ dx: event.clientX - down.clientX, dy: event.clientY - down.clientY, event });
  const onMove = (e: PointerEvent) => handlers.move(delta(e));
  const onUp = (e: PointerEvent) => {
    stop();
    handlers.end(delta(e));
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    stop();
    handlers.cancel?.();
  };
  const onCancel = () => {
    stop();
    handlers.cancel?.();
  };
  function stop() {
    window.removeEventListener('pointermove', onMove);
    window.removeEventListener('pointerup', onUp);
    window.removeEventListener('pointercancel', onCancel);
    window.removeEventListener('keydown', onKey, true);
  }
  window.addEventListener('pointermove', onMove);
  window.addEventListener('pointerup', onUp);
  window.addEventListener('pointercancel', onCancel);
  window.addEventListener('keydown', onKey, true);
  return stop;
}
