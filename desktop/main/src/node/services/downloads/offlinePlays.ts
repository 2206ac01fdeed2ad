import { randomUUID } from 'node:crypto';
import { EncoreError } from '@encore/shared/errors';
import type { DownloadsContext } from './context';

/**
 * Plays of downloaded tracks, queued in SQLite until the server acknowledged them. Each play
 * gets its client event id when it is queued and keeps it across retries and restarts; the
 * server stores one play per (user, client event id), so a report repeated after a lost answer
 * or a crash is counted once.
 */
export class OfflinePlays {
  private flushing: Promise<number> | null = null;

  constructor(private readonly ctx: DownloadsContext) {}

  record(download: { server_url: string; user_id: string; track_id: string }, ms: number): string {
    const id = `offline-${randomUUID()}`;
    this.ctx.sql.write((w) => w.run('INSERT INTO offline_plays (client_event_id, server_url, user_id, track_id, ms, played_at) VALUES (?, ?, ?, ?, ?, ?)', [id, download.server_url, download.user_id, download.track_id, ms, this.ctx.now()]));
    return id;
  }

  pending(): number {
    return this.ctx.sql.read((r) => r.get<{ n: number }>('SELECT count(*) AS n FROM offline_plays WHERE reported_at IS NULL')!.n);
  }

  /** Reports the signed-in account's queued plays, oldest first; stops at the first network failure. Returns how many were acknowledged. */
  flush(): Promise<number> {
    this.flushing ??= this.send().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async send(): Promise<number> {
    const a = await this.ctx.auth();
    if (!a) return 0;
    const rows = this.ctx.sql.read((r) =>
      r.all<{ client_event_id: string; track_id: string; ms: number }>('SELECT client_event_id, track_id, ms FROM offline_plays WHERE server_url = ? AND user_id = ? AND reported_at IS NULL ORDER BY played_at', [a.serverUrl, a.userId]),
    );
    let acked = 0;
    for (const row of rows) {
      try {
        await this.ctx.api.reportPlay(a, { clientEventId: row.client_event_id, trackId: row.track_id, ms: row.ms });
      } catch (e) {
        // A play the server can never take (track deleted, malformed) is dropped, not retried forever.
        if (e instanceof EncoreError && ['TRACK_NOT_FOUND', 'VALIDATION_FAILED', 'BAD_REQUEST'].includes(e.code)) {
          this.ctx.log.warn({ clientEventId: row.client_event_id, code: e.code }, 'offline play dropped: the server refuses it');
          this.mark(row.client_event_id);
          continue;
        }
        this.ctx.log.info({ err: e }, 'offline plays not reported yet; will retry when online');
        break;
      }
      this.mark(row.client_event_id);
      acked++;
    }
    return acked;
  }

  private mark(id: string): void {
    this.ctx.sql.write((w) => w.run('UPDATE offline_plays SET reported_at = ? WHERE client_event_id = ?', [this.ctx.now(), id]));
  }
}
