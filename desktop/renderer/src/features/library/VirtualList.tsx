import { useEffect, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

export interface VirtualListProps {
  count: number;
  rowHeight: number;
  /** Rows rendered beyond each edge of the viewport. */
  overscan?: number;
  renderRow(index: number): ReactNode;
  /** Told the visible range, so data can be fetched for it. */
  onRange?(start: number, end: number): void;
  /** Changing it scrolls back to the top (a new sort or filter). */
  resetKey?: unknown;
  testId?: string;
  label?: string;
}

/**
 * Fixed-height windowing: a spacer as tall as every row, and absolutely placed rows for the
 * visible range only, so 100k rows cost what ~40 do. Scroll handling reads one number and
 * sets state only when the first visible row changes.
 */
export function VirtualList({ count, rowHeight, overscan = 8, renderRow, onRange, resetKey, testId, label }: VirtualListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const [height, setHeight] = useState(600);
  useLayoutEffect(() => {
    const el = ref.current!;
    setHeight(el.clientHeight);
    const ro = new ResizeObserver(() => setHeight(el.clientHeight));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
    setTop(0);
  }, [resetKey]);
  const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
  const last = Math.min(count, Math.ceil((top + height) / rowHeight) + overscan);
  useEffect(() => onRange?.(first, last), [first, last, onRange]);
  const rows: ReactNode[] = [];
  for (let i = first; i < last; i++) {
    rows.push(
      <div key={i} role="row" aria-rowindex={i + 1} style={{ position: 'absolute', top: i * rowHeight, left: 0, right: 0, height: rowHeight }}>
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div
      ref={ref}
      data-testid={testId}
      role="grid"
      aria-label={label}
      aria-rowcount={count}
      // Inline, not utility classes: the windowing depends on them (strict containment keeps
      // the rows from sizing the viewport).
      style={{ position: 'relative', flex: '1 1 0%', minHeight: 0, overflowY: 'auto', contain: 'strict' }}
      onScroll={(e) => {
        const t = e.currentTarget.scrollTop;
        if (Math.floor(t / rowHeight) !== Math.floor(top / rowHeight)) setTop(t);
      }}
    >
      <div style={{ height: count * rowHeight, position: 'relative' }}>{rows}</div>
    </div>
  );
}
