import { isEncoreError } from '@encore/shared/errors';
import type { Download } from '@encore/shared/host/downloads';
import type { AudioQuality } from '@encore/shared/domain/user';
import { friendlyMessage } from '../../model/errorMessages';

/** 1536 → '1.5 KB'; binary units, as file managers show disk use. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}

export const QUALITY_LABELS: Record<AudioQuality, string> = { low: 'Low · 96 kbps', normal: 'Normal · 160 kbps', high: 'High · 320 kbps', lossless: 'Lossless · FLAC' };

/** Fraction 0..1 of the file stored so far; null before the size is known. */
export const progressOf = (d: Download) => (d.totalBytes ? Math.min(1, d.receivedBytes / d.totalBytes) : d.state === 'done' ? 1 : null);

/** A short status line for an item. */
export function statusOf(d: Download, now = Date.now()): string {
  switch (d.state) {
    case 'queued':
      if (d.nextAttemptAt && Date.parse(d.nextAttemptAt) > now) return `Retrying in ${Math.max(1, Math.round((Date.parse(d.nextAttemptAt) - now) / 1000))} s (attempt ${d.attempts + 1})`;
      return 'Waiting';
    case 'downloading':
      return `${Math.round((progressOf(d) ?? 0) * 100)} %`;
    case 'paused':
      return 'Paused';
    case 'failed':
      return d.error?.message ?? 'Failed';
    case 'revoked':
      return d.error?.message ?? 'No longer available offline';
    case 'done':
      return d.playable ? `Offline until ${new Date(d.offlineUntil!).toLocaleDateString()}` : 'Needs an online check to play';
  }
}

const OWN_WORDS = new Set(['ENTITLEMENT_REQUIRED', 'STORAGE_LIMIT_REACHED', 'DEVICE_LIMIT_REACHED', 'TRACK_NOT_READY', 'TRACK_NOT_FOUND', 'OFFLINE', 'LICENCE_EXPIRED', 'LICENCE_REVOKED']);

/** Download errors carry sentences written for the listener (the limit, the plan); others get the app's wording. */
export function downloadErrorMessage(e: unknown): string {
  return isEncoreError(e) && OWN_WORDS.has(e.code) ? e.message : friendlyMessage(e);
}
