import { useState } from 'react';
import { currentEntry, isShuffled } from '@encore/audio-engine/player/queue';
import { isCatalogTrackId } from '@encore/shared/host/media';
import { cx, focusRing } from '../../ui/cx';
import { useLibraryMarks } from '../store/libraryMarks';
import { HeartIcon, LyricsIcon, NextIcon, NoteIcon, PauseIcon, PlayIcon, PrevIcon, QueueIcon, RepeatIcon, ShuffleIcon, VolumeIcon } from './icons';
import { usePlayer, usePlayerContext } from './PlayerContext';
import { SeekBar } from './SeekBar';
import { useMediaSession } from './useMediaSession';

const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2];

function IconButton({ label, active, onClick, children, testId, big }: { label: string; active?: boolean; onClick(): void; children: React.ReactNode; testId: string; big?: boolean }) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      aria-pressed={active}
      data-testid={testId}
      onClick={onClick}
      className={cx('grid place-items-center rounded-full transition-colors', big ? 'size-10 bg-ink text-canvas hover:bg-white' : 'size-8 hover:bg-raised', !big && (active ? 'text-accent' : 'text-ink-muted hover:text-ink'), focusRing)}
    >
      {children}
    </button>
  );
}

/** Like of a catalog track: the user's library-state document through the host (offline too, synced to their devices and the server). */
function CatalogLikeButton({ trackId }: { trackId: string }) {
  const [liked, marks] = useLibraryMarks((s) => s.likedTracks.includes(trackId));
  const [available] = useLibraryMarks((s) => s.available);
  if (!available) return null;
  return (
    <IconButton label={liked ? 'Unlike' : 'Like'} active={liked} testId="player-like" onClick={() => void marks.setLiked(trackId, !liked).catch((e: unknown) => console.warn('[player] like not saved', e))}>
      <HeartIcon fill={liked ? 'currentColor' : 'none'} stroke="currentColor" strokeWidth={2} />
    </IconButton>
  );
}

/** The bottom bar: what plays, transport, seek on the waveform, volume, modes, speed, crossfade. */
export function PlayerBar() {
  const { player, library, panel, setPanel } = usePlayerContext();
  const queue = usePlayer((s) => s.queue);
  const entry = currentEntry(queue);
  const track = usePlayer((s) => (entry ? (s.tracks[entry.trackId] ?? null) : null));
  const playing = usePlayer((s) => s.playing);
  const position = usePlayer((s) => s.position);
  const duration = usePlayer((s) => s.duration || track?.durationSec || 0);
  const prefs = usePlayer((s) => s.prefs);
  const peaks = usePlayer((s) => s.peaks);
  const error = usePlayer((s) => s.error);
  const art = usePlayer((s) => (track?.artworkHash ? (s.artwork[track.artworkHash] ?? null) : null));
  const [settingsOpen, setSettingsOpen] = useState(false);
  useMediaSession(player, track, art, playing);

  return (
    <footer data-testid="player-bar" className="relative flex h-[76px] shrink-0 items-center gap-4 border-t border-line bg-shell px-4">
      <div className="flex w-64 min-w-0 items-center gap-3">
        <div className="grid size-12 shrink-0 place-items-center overflow-hidden rounded-md bg-raised text-ink-faint">{art ? <img src={art} alt="" className="size-full object-cover" /> : <NoteIcon />}</div>
        <div className="min-w-0">
          <p data-testid="player-title" className="truncate text-sm font-medium text-ink">{track?.title ?? (entry ? 'Loading…' : 'Nothing playing')}</p>
          <p data-testid="player-artist" className="truncate text-xs text-ink-muted">{track ? track.artists.join(', ') : error ? '' : 'Pick a song in the library'}</p>
          {error && <p role="alert" data-testid="player-error" className="truncate text-xs text-danger">{error}</p>}
        </div>
        {track && isCatalogTrackId(track.id) && <CatalogLikeButton trackId={track.id} />}
        {track && !isCatalogTrackId(track.id) && (
          <IconButton label={track.liked ? 'Unlike' : 'Like'} active={track.liked} testId="player-like" onClick={() => void library.setLiked(track, !track.liked).then(() => player.ensureTracks([track.id]))}>
            <HeartIcon />
          </IconButton>
        )}
      </div>

      <div className="flex min-w-0 flex-1 flex-col items-center gap-0.5">
        <div className="flex items-center gap-2">
          <IconButton label="Shuffle" active={isShuffled(queue)} testId="player-shuffle" onClick={() => player.toggleShuffle()}>
            <ShuffleIcon />
          </IconButton>
          <IconButton label="Previous" testId="player-prev" onClick={() => void player.previous()}>
            <PrevIcon />
          </IconButton>
          <IconButton label={playing ? 'Pause' : 'Play'} testId="player-toggle" big onClick={() => void player.toggle()}>
            {playing ? <PauseIcon /> : <PlayIcon />}
          </IconButton>
          <IconButton label="Next" testId="player-next" onClick={() => void player.next()}>
            <NextIcon />
          </IconButton>
          <IconButton label={`Repeat: ${queue.repeat}`} active={queue.repeat !== 'off'} testId="player-repeat" onClick={() => player.cycleRepeat()}>
            <span className="relative">
              <RepeatIcon />
              {queue.repeat === 'one' && <span className="absolute -right-1.5 -top-1.5 text-[9px] font-bold">1</span>}
            </span>
          </IconButton>
        </div>
        <div className="flex w-full max-w-2xl">
          <SeekBar position={position} duration={duration} peaks={peaks} onSeek={(s) => void player.seek(s)} />
        </div>
      </div>

      <div className="flex w-72 items-center justify-end gap-1">
        <select aria-label="Playback speed" data-testid="player-speed" value={prefs.speed} onChange={(e) => player.setPrefs({ speed: Number(e.target.value) })} className="h-8 rounded-md bg-raised px-1 text-xs text-ink-muted">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
        <button type="button" data-testid="player-settings" aria-expanded={settingsOpen} onClick={() => setSettingsOpen(!settingsOpen)} className={cx('h-8 rounded-md px-2 text-xs', prefs.crossfadeSec > 0 ? 'text-accent' : 'text-ink-muted', 'hover:bg-raised', focusRing)}>
          {prefs.crossfadeSec > 0 ? `Fade ${prefs.crossfadeSec}s` : 'Gapless'}
        </button>
        <IconButton label="Lyrics and now playing" active={panel === 'nowPlaying'} testId="open-now-playing" onClick={() => setPanel(panel === 'nowPlaying' ? 'none' : 'nowPlaying')}>
          <LyricsIcon />
        </IconButton>
        <IconButton label="Queue" active={panel === 'queue'} testId="open-queue" onClick={() => setPanel(panel === 'queue' ? 'none' : 'queue')}>
          <QueueIcon />
        </IconButton>
        <VolumeIcon className="ml-1 shrink-0 text-ink-muted" />
        <input type="range" aria-label="Volume" data-testid="player-volume" min={0} max={1} step={0.01} value={prefs.volume} onChange={(e) => player.setPrefs({ volume: Number(e.target.value) })} className="w-20 accent-[var(--color-accent)]" />
      </div>

      {settingsOpen && (
        <div data-testid="playback-settings" className="absolute bottom-[80px] right-24 z-20 w-72 rounded-xl border border-line bg-surface p-4 shadow-xl">
          <label className="flex items-center justify-between text-sm text-ink">
            Crossfade
            <span data-testid="crossfade-value" className="tabular-nums text-ink-muted">{prefs.crossfadeSec === 0 ? 'Off' : `${prefs.crossfadeSec} s`}</span>
          </label>
          <input type="range" aria-label="Crossfade seconds" data-testid="crossfade" min={0} max={12} step={1} value={prefs.crossfadeSec} onChange={(e) => player.setPrefs({ crossfadeSec: Number(e.target.value) })} className="mt-2 w-full accent-[var(--color-accent)]" />
          <p className="mt-1 text-xs text-ink-faint">Album tracks that follow each other always play gapless.</p>
          <label className="mt-4 block text-sm text-ink">
            Loudness normalisation
            <select data-testid="normalization" value={prefs.normalization} onChange={(e) => player.setPrefs({ normalization: e.target.value as 'off' | 'track' | 'album' })} className="mt-1 block h-8 w-full rounded-md bg-raised px-2 text-sm">
              <option value="off">Off</option>
              <option value="track">Track (to {prefs.targetLufs} LUFS)</option>
              <option value="album">Album (to {prefs.targetLufs} LUFS)</option>
            </select>
          </label>
          <p className="mt-1 text-xs text-ink-faint">Peaks stay below −1 dBTP. Speed changes pitch too.</p>
        </div>
      )}
    </footer>
  );
}
