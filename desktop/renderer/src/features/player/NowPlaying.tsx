import { useEffect, useRef } from 'react';
import { currentEntry } from '@encore/audio-engine/player/queue';
import { cx } from '../../ui/cx';
import { activeLine } from './format';
import { NoteIcon } from './icons';
import { usePlayer, usePlayerContext } from './PlayerContext';

/** Artwork, title and lyrics; synced (LRC) lines follow playback, the sounding one centred. */
export function NowPlaying() {
  const { player } = usePlayerContext();
  const queue = usePlayer((s) => s.queue);
  const entry = currentEntry(queue);
  const track = usePlayer((s) => (entry ? (s.tracks[entry.trackId] ?? null) : null));
  const lyrics = usePlayer((s) => (s.lyrics && s.lyrics.trackId === entry?.trackId ? s.lyrics : null));
  const position = usePlayer((s) => s.position);
  const art = usePlayer((s) => (track?.artworkHash ? (s.artwork[track.artworkHash] ?? null) : null));
  const lines = lyrics?.lines ?? null;
  const active = lines ? activeLine(lines, position * 1000 + 150) : -1;
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current?.querySelector<HTMLElement>(`[data-line="${active}"]`);
    const container = box.current;
    if (!el || !container) return;
    container.scrollTo({ top: el.offsetTop - container.clientHeight / 2 + el.clientHeight / 2, behavior: 'smooth' });
  }, [active]);

  return (
    <section data-testid="now-playing" aria-label="Now playing" className="flex min-h-0 flex-1 gap-10 overflow-hidden bg-gradient-to-b from-[#1b1830] to-canvas px-10 py-8">
      <div className="flex w-80 shrink-0 flex-col">
        <div className="grid aspect-square w-full place-items-center overflow-hidden rounded-2xl bg-raised text-ink-faint shadow-2xl [&>svg]:size-20">{art ? <img src={art} alt="" className="size-full object-cover" /> : <NoteIcon />}</div>
        <h2 data-testid="now-playing-title" className="mt-6 text-2xl font-semibold tracking-tight">{track?.title ?? 'Nothing playing'}</h2>
        <p className="mt-1 text-ink-muted">{track?.artists.join(', ')}</p>
        <p className="text-sm text-ink-faint">{[track?.album, track?.year].filter(Boolean).join(' · ')}</p>
      </div>
      <div ref={box} data-testid="lyrics" className="relative min-h-0 flex-1 overflow-y-auto py-[30vh] [scrollbar-width:none]">
        {lines ? (
          lines.map((l, i) => (
            <p
              key={i}
              data-line={i}
              data-active={i === active || undefined}
              onClick={() => void player.seek(l.timeMs / 1000)}
              className={cx('cursor-pointer py-2 text-3xl font-bold leading-tight transition-colors duration-300', i === active ? 'text-ink' : i < active ? 'text-ink-faint/70' : 'text-ink-faint hover:text-ink-muted')}
            >
              {l.text || '♪'}
            </p>
          ))
        ) : lyrics ? (
          <pre data-testid="lyrics-plain" className="whitespace-pre-wrap font-sans text-xl leading-relaxed text-ink-muted">{lyrics.text}</pre>
        ) : (
          <p className="text-lg text-ink-faint">No lyrics for this track. Put an .lrc file beside it to see them here.</p>
        )}
      </div>
    </section>
  );
}
