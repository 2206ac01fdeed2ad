import type { SVGProps } from 'react';

const I = (d: string) =>
  function Icon(props: SVGProps<SVGSVGElement>) {
    return (
      <svg viewBox="0 0 24 24" width="18" height="18" fill="currentColor" aria-hidden {...props}>
        <path d={d} />
      </svg>
    );
  };

export const PlayIcon = I('M8 5v14l11-7z');
export const PauseIcon = I('M6 5h4v14H6zm8 0h4v14h-4z');
export const NextIcon = I('M6 18l8.5-6L6 6v12zm9-12v12h2V6h-2z');
export const PrevIcon = I('M6 6h2v12H6zm3.5 6 8.5 6V6z');
export const ShuffleIcon = I('M10.6 9.2 5.4 4 4 5.4l5.2 5.2 1.4-1.4zM14.5 4l2 2L4 18.6 5.4 20 18 7.5l2 2V4h-5.5zm.3 9.4-1.4 1.4 3.1 3.1-2 2H20v-5.5l-2 2-3.2-3z');
export const RepeatIcon = I('M7 7h10v3l4-4-4-4v3H5v6h2V7zm10 10H7v-3l-4 4 4 4v-3h12v-6h-2v4z');
export const QueueIcon = I('M3 6h12v2H3zm0 4h12v2H3zm0 4h8v2H3zm14-4v8.2A3 3 0 1 0 19 21V12h3v-2z');
export const LyricsIcon = I('M4 4h16v2H4zm0 4h10v2H4zm0 4h16v2H4zm0 4h10v2H4z');
export const HeartIcon = I('M12 21s-7.5-4.6-9.5-9.3C1.2 8.4 3.4 5 6.8 5c2 0 3.4 1.1 4.2 2.3C11.8 6.1 13.2 5 15.2 5c3.4 0 5.6 3.4 4.3 6.7C19.5 16.4 12 21 12 21z');
export const VolumeIcon = I('M3 9v6h4l5 5V4L7 9H3zm13.5 3A4.5 4.5 0 0 0 14 8v8a4.5 4.5 0 0 0 2.5-4z');
export const NoteIcon = I('M12 3v10.6A4 4 0 1 0 14 17V7h4V3h-6z');
