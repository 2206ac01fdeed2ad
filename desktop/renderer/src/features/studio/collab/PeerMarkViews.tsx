/** The pieces a collaborator's presence is drawn with, in their colour, over an editor. */

export function PeerPlayhead({ x, color, name, height }: { x: number; color: string; name: string; height: number | string }) {
  if (x < 0) return null;
  return (
    <div
      data-testid="peer-playhead"
      data-username={name}
      aria-hidden
      className="pointer-events-none absolute top-0 z-20 w-0 border-l border-dashed"
      style={{ position: 'absolute', top: 0, left: Math.round(x), height, borderColor: color }}
    />
  );
}

/** An arrow pointer with the collaborator's name beside it. */
export function PeerCursor({ x, y, color, name }: { x: number; y: number; color: string; name: string }) {
  if (x < 0) return null;
  return (
    <div data-testid="peer-cursor" data-username={name} aria-hidden className="pointer-events-none absolute z-30" style={{ position: 'absolute', left: Math.round(x), top: Math.round(y) }}>
      <svg width="14" height="18" viewBox="0 0 14 18" className="block drop-shadow">
        <path d="M1 1 L1 15 L5 11 L8 17 L10 16 L7 10 L13 10 Z" fill={color} stroke="#0b0b10" strokeWidth="1" strokeLinejoin="round" />
      </svg>
      <span className="absolute top-3.5 left-3 rounded px-1.5 py-px text-[10px] font-semibold whitespace-nowrap text-[#0b0b10]" style={{ background: color }}>
        {name}
      </span>
    </div>
  );
}

/** An outline around something a collaborator has selected (a clip, a note). */
export function PeerOutline({ left, top, width, height, color, name, testId, id }: { left: number; top: number; width: number; height: number; color: string; name: string; testId: string; id: string }) {
  return (
    <div
      data-testid={testId}
      data-username={name}
      data-id={id}
      aria-hidden
      className="pointer-events-none absolute z-10 rounded-md border-2"
      style={{ position: 'absolute', left: Math.round(left) - 1, top: Math.round(top), width: Math.max(4, Math.round(width) + 2), height: Math.round(height), borderColor: color, boxShadow: `0 0 6px ${color}80` }}
    />
  );
}
