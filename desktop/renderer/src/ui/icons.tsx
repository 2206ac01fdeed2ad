import type { ReactNode, SVGProps } from 'react';

/** Line icons on a 24-unit grid, drawn with the current text colour. */
function Icon({ children, ...props }: SVGProps<SVGSVGElement> & { children: ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.75} strokeLinecap="round" strokeLinejoin="round" aria-hidden focusable="false" {...props}>
      {children}
    </svg>
  );
}

export const LibraryIcon = () => (
  <Icon>
    <path d="M4 4v16M8 4v16" />
    <path d="m12.5 4.6 3.9-1 3.9 15.4-3.9 1z" />
  </Icon>
);

export const StudioIcon = () => (
  <Icon>
    <path d="M5 3v18M12 3v18M19 3v18" />
    <rect x="3" y="13" width="4" height="3" rx="1" />
    <rect x="10" y="6" width="4" height="3" rx="1" />
    <rect x="17" y="15" width="4" height="3" rx="1" />
  </Icon>
);

export const LiveIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="2" />
    <path d="M8.2 15.8a5.4 5.4 0 0 1 0-7.6M15.8 8.2a5.4 5.4 0 0 1 0 7.6" />
    <path d="M5.3 18.7a9.5 9.5 0 0 1 0-13.4M18.7 5.3a9.5 9.5 0 0 1 0 13.4" />
  </Icon>
);

export const KaraokeIcon = () => (
  <Icon>
    <rect x="9" y="2.5" width="6" height="11" rx="3" />
    <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5v4M8.5 21.5h7" />
  </Icon>
);

export const StoreIcon = () => (
  <Icon>
    <path d="M5 8h14l-1.2 12.1a1 1 0 0 1-1 .9H7.2a1 1 0 0 1-1-.9z" />
    <path d="M9 10.5V6.5a3 3 0 0 1 6 0v4" />
  </Icon>
);

export const SocialIcon = () => (
  <Icon>
    <circle cx="9" cy="8" r="3.5" />
    <path d="M2.5 20a6.5 6.5 0 0 1 13 0" />
    <path d="M16 4.6a3.5 3.5 0 0 1 0 6.8M18.5 14.3a6.5 6.5 0 0 1 3 5.7" />
  </Icon>
);

export const SettingsIcon = () => (
  <Icon>
    <path d="M4 6h9M17 6h3M4 12h3M11 12h9M4 18h11M19 18h1" />
    <circle cx="15" cy="6" r="2" />
    <circle cx="9" cy="12" r="2" />
    <circle cx="17" cy="18" r="2" />
  </Icon>
);

export const CloudOffIcon = () => (
  <Icon>
    <path d="M3 3l18 18" />
    <path d="M8.5 6.3A6 6 0 0 1 17.7 10h.3a4 4 0 0 1 2.6 7M17 18H7a5 5 0 0 1-2.3-9.4" />
  </Icon>
);

export const PlugOffIcon = () => (
  <Icon>
    <path d="M3 3l18 18M9 3v4M15 3v4M12 18v3" />
    <path d="M7.2 7H18v3a6 6 0 0 1-1.6 4.1M13.8 17.6A6 6 0 0 1 6 12V8" />
  </Icon>
);

export const ChevronDownIcon = () => (
  <Icon>
    <path d="m6 9 6 6 6-6" />
  </Icon>
);

export const CheckIcon = () => (
  <Icon>
    <path d="m5 12.5 4.5 4.5L19 7.5" />
  </Icon>
);

export const AlertIcon = () => (
  <Icon>
    <circle cx="12" cy="12" r="9" />
    <path d="M12 7.5v5.5M12 16.5h.01" />
  </Icon>
);

export const SignOutIcon = () => (
  <Icon>
    <path d="M14 4h4a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2h-4M10 16l-4-4 4-4M6 12h10" />
  </Icon>
);

export const ArrowLeftIcon = () => (
  <Icon>
    <path d="M19 12H5M11 18l-6-6 6-6" />
  </Icon>
);

export const SearchIcon = () => (
  <Icon>
    <circle cx="11" cy="11" r="6.5" />
    <path d="m16 16 4.5 4.5" />
  </Icon>
);

/** The Encore mark: a play triangle rising into a waveform. */
export const EncoreMark = ({ className }: { className?: string }) => (
  <svg viewBox="0 0 32 32" aria-hidden focusable="false" className={className}>
    <rect width="32" height="32" rx="8" fill="#8b7bff" />
    <path d="M10 9.5v13l9.5-6.5z" fill="#0d0b1f" />
    <path d="M22 12v8M25 14v4" stroke="#0d0b1f" strokeWidth="2" strokeLinecap="round" />
  </svg>
);
