import type { DownloadStorage } from '@encore/shared/host/downloads';
import { cx } from '../../ui/cx';
import { formatBytes } from './format';

const GIB = 1024 ** 3;
const LIMITS = [1, 2, 5, 10, 20, 50, 100].map((g) => g * GIB);

/** Disk used by downloads against the limit the user chose, with the limit picker. */
export function StorageBar({ storage, onLimit }: { storage: DownloadStorage; onLimit(limitBytes: number): void }) {
  const share = Math.min(1, storage.usedBytes / storage.limitBytes);
  const options = LIMITS.includes(storage.limitBytes) ? LIMITS : [...LIMITS, storage.limitBytes].sort((a, b) => a - b);
  return (
    <div data-testid="downloads-storage" className="rounded-xl border border-line bg-surface p-4">
      <div className="flex items-center justify-between gap-4 text-sm">
        <span className="text-ink">
          <span data-testid="downloads-storage-used">{formatBytes(storage.usedBytes)}</span>
          <span className="text-ink-muted"> used of </span>
          <span data-testid="downloads-storage-limit">{formatBytes(storage.limitBytes)}</span>
        </span>
        <label className="flex items-center gap-2 text-ink-muted">
          Limit
          <select data-testid="downloads-limit" value={storage.limitBytes} onChange={(e) => onLimit(Number(e.target.value))} className="h-8 rounded-md border border-line bg-raised px-2 text-sm text-ink">
            {options.map((b) => (
              <option key={b} value={b}>
                {formatBytes(b)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div role="meter" aria-label="Download storage used" aria-valuemin={0} aria-valuemax={storage.limitBytes} aria-valuenow={storage.usedBytes} className="mt-3 h-2 overflow-hidden rounded-full bg-raised">
        <div className={cx('h-full rounded-full', share > 0.9 ? 'bg-warn' : 'bg-accent')} style={{ width: `${Math.max(share * 100, storage.usedBytes > 0 ? 1 : 0)}%` }} />
      </div>
    </div>
  );
}
