import { useEffect, useRef, useState } from 'react';
import { downloadMediaUrl, type Download } from '@encore/shared/host/downloads';
import type { DownloadsModel } from './downloadsModel';

/**
 * Plays a downloaded track from the host's `media/download/<id>` route (decrypted on the fly)
 * and queues the play with the host when it stops, with the time actually listened. When the
 * host refuses (an expired licence, say) its JSON error becomes `error`.
 */
export function useOfflinePlayer(model: DownloadsModel) {
  const audio = useRef<HTMLAudioElement | null>(null);
  const listened = useRef({ id: '', ms: 0, last: 0 });
  const [playing, setPlaying] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const report = () => {
    const l = listened.current;
    if (l.id && l.ms >= 1000) void model.recordPlay(l.id, Math.round(l.ms));
    listened.current = { id: '', ms: 0, last: 0 };
  };

  useEffect(() => {
    const el = new Audio();
    audio.current = el;
    const tick = () => {
      const l = listened.current;
      const t = el.currentTime * 1000;
      // Count only forward play, not seeks.
      if (t > l.last && t - l.last < 2000) l.ms += t - l.last;
      l.last = t;
    };
    const stop = () => {
      report();
      setPlaying(null);
    };
    el.addEventListener('timeupdate', tick);
    el.addEventListener('ended', stop);
    return () => {
      report();
      el.pause();
      el.removeEventListener('timeupdate', tick);
      el.removeEventListener('ended', stop);
      el.removeAttribute('src');
      audio.current = null;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one element for the view's lifetime
  }, []);

  const toggle = async (d: Download) => {
    const el = audio.current;
    if (!el) return;
    report();
    if (playing === d.id) {
      el.pause();
      setPlaying(null);
      return;
    }
    setError(null);
    const url = downloadMediaUrl(d.id);
    el.src = url;
    listened.current = { id: d.id, ms: 0, last: 0 };
    try {
      await el.play();
      setPlaying(d.id);
    } catch {
      const res = await fetch(url, { headers: { range: 'bytes=0-0' } }).catch(() => null);
      const body = res && !res.ok ? ((await res.json().catch(() => null)) as { error?: { message?: string } } | null) : null;
      setError(body?.error?.message ?? 'This download cannot play right now');
      setPlaying(null);
    }
  };

  return { playing, error, toggle };
}
