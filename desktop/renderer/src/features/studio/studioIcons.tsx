import type { ReactNode } from 'react';

/** Line icons of the studio on a 24-unit grid, in the current text colour. */
function Icon({ children, size = 16, filled = false }: { children: ReactNode; size?: number; filled?: boolean }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill={filled ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={1.9} strokeLinecap="round" strokeLinejoin="round" aria-hidden focusable="false">
      {children}
    </svg>
  );
}

export const PlayIcon = () => (
  <Icon filled>
    <path d="M7 4.5v15l12-7.5z" />
  </Icon>
);
export const StopIcon = () => (
  <Icon filled>
    <rect x="6" y="6" width="12" height="12" rx="1.5" />
  </Icon>
);
export const LoopIcon = () => (
  <Icon>
    <path d="M17 2l3 3-3 3" />
    <path d="M4 11V9a4 4 0 0 1 4-4h12" />
    <path d="M7 22l-3-3 3-3" />
    <path d="M20 13v2a4 4 0 0 1-4 4H4" />
  </Icon>
);
export const MetronomeIcon = () => (
  <Icon>
    <path d="M9 3h6l4 18H5z" />
    <path d="M12 16l5-9" />
  </Icon>
);
export const FollowIcon = () => (
  <Icon>
    <path d="M4 12h13" />
    <path d="M13 7l5 5-5 5" />
    <path d="M21 4v16" />
  </Icon>
);
export const UndoIcon = () => (
  <Icon>
    <path d="M9 14L4 9l5-5" />
    <path d="M4 9h11a5 5 0 0 1 0 10h-3" />
  </Icon>
);
export const RedoIcon = () => (
  <Icon>
    <path d="M15 14l5-5-5-5" />
    <path d="M20 9H9a5 5 0 0 0 0 10h3" />
  </Icon>
);
export const PencilIcon = () => (
  <Icon>
    <path d="M16 3l5 5L8 21H3v-5z" />
  </Icon>
);
export const PointerIcon = () => (
  <Icon>
    <path d="M5 3l14 8-6 1.5L10 19z" />
  </Icon>
);
export const ZoomInIcon = () => (
  <Icon>
    <circle cx="11" cy="11" r="6" />
    <path d="M20 20l-4.5-4.5M11 8v6M8 11h6" />
  </Icon>
);
export const ZoomOutIcon = () => (
  <Icon>
    <circle cx="11" cy="11" r="6" />
    <path d="M20 20l-4.5-4.5M8 11h6" />
  </Icon>
);
export const BackIcon = () => (
  <Icon>
    <path d="M15 18l-6-6 6-6" />
  </Icon>
);
export const PlusIcon = () => (
  <Icon>
    <path d="M12 5v14M5 12h14" />
  </Icon>
);
export const PianoKeysIcon = () => (
  <Icon>
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <path d="M8 4v9M12 4v16M16 4v9" />
  </Icon>
);
export const WaveIcon = () => (
  <Icon>
    <path d="M3 12h2M7 8v8M11 5v14M15 9v6M19 11v2" />
  </Icon>
);
export const BusIcon = () => (
  <Icon>
    <path d="M4 6h16M4 12h16M4 18h16" />
    <circle cx="9" cy="6" r="1.5" />
    <circle cx="15" cy="12" r="1.5" />
    <circle cx="7" cy="18" r="1.5" />
  </Icon>
);
export const DrumIcon = () => (
  <Icon>
    <ellipse cx="12" cy="8" rx="8" ry="3" />
    <path d="M4 8v8c0 1.7 3.6 3 8 3s8-1.3 8-3V8" />
    <path d="M15 3l4-2M9 3L5 1" />
  </Icon>
);
export const MasterIcon = () => (
  <Icon>
    <path d="M6 20V10M12 20V4M18 20v-7" />
  </Icon>
);
export const MoreIcon = () => (
  <Icon filled>
    <circle cx="5" cy="12" r="1.6" />
    <circle cx="12" cy="12" r="1.6" />
    <circle cx="19" cy="12" r="1.6" />
  </Icon>
);
export const PauseIcon = () => (
  <Icon filled>
    <rect x="6" y="5" width="4" height="14" rx="1" />
    <rect x="14" y="5" width="4" height="14" rx="1" />
  </Icon>
);
export const ExportIcon = () => (
  <Icon>
    <path d="M12 3v12" />
    <path d="M7 10l5 5 5-5" />
    <path d="M5 21h14" />
  </Icon>
);
