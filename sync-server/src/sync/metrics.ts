import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** What the gauges read when Prometheus scrapes (the hub's live numbers). */
export interface SyncGaugeSource {
  documents(): number;
  connections(): number;
  pendingUpdates(): number;
  logRows(): number;
}

/**
 * The collaboration server's Prometheus series, registered on the app's registry (so they
 * appear on `/metrics` beside the HTTP ones). Counters are incremented by the hub, the rooms
 * and the store where the events happen; gauges are read from the hub at scrape time.
 *
 * @example
 * const metrics = new SyncMetrics(registry);
 * metrics.bind({ documents: () => rooms.size, connections: () => sockets.size, pendingUpdates: () => 0, logRows: () => 0 });
 * metrics.updatesApplied.inc();
 */
export class SyncMetrics {
  readonly updatesApplied: Counter;
  readonly updatesRelayed: Counter<'to'>;
  readonly updatesDropped: Counter<'reason'>;
  readonly flushSeconds: Histogram;
  readonly compactions: Counter<'outcome'>;
  readonly relayGaps: Counter;
  readonly reconciles: Counter<'outcome'>;
  private source: SyncGaugeSource | undefined;

  constructor(registry: Registry) {
    const registers = [registry];
    const bound = (): SyncGaugeSource | undefined => this.source;
    const gauge = (name: string, help: string, read: (s: SyncGaugeSource) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const source = bound();
          this.set(source ? read(source) : 0);
        },
      });
    gauge('sync_documents_open', 'Collaboration documents loaded in memory on this instance', (s) => s.documents());
    gauge('sync_sockets_open', 'Open sync sockets on this instance', (s) => s.connections());
    gauge('sync_updates_pending', 'Accepted updates queued for the next group commit (not yet durable)', (s) => s.pendingUpdates());
    gauge('sync_log_rows', 'Update-log rows of loaded documents not yet folded into their snapshot', (s) => s.logRows());
    this.updatesApplied = new Counter({ name: 'sync_updates_applied_total', help: 'Updates from writers applied to a document', registers });
    this.updatesRelayed = new Counter({ name: 'sync_updates_relayed_total', help: 'Update messages relayed: to local sockets, or to/from other instances through Redis', labelNames: ['to'], registers });
    this.updatesDropped = new Counter({ name: 'sync_updates_dropped_total', help: 'Updates refused before they touched a document, by reason', labelNames: ['reason'], registers });
    this.flushSeconds = new Histogram({
      name: 'sync_flush_duration_seconds',
      help: 'Time to write one group-commit batch of updates to the database',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.compactions = new Counter({ name: 'sync_compactions_total', help: 'Compactions of a document log into its snapshot, by outcome', labelNames: ['outcome'], registers });
    this.relayGaps = new Counter({ name: 'sync_relay_gaps_total', help: 'Gaps in the Redis relay sequence (messages missed) and Redis resubscriptions', registers });
    this.reconciles = new Counter({ name: 'sync_reconciles_total', help: 'Reconciliations of a document with the database, by outcome', labelNames: ['outcome'], registers });
  }

  /** Where the gauges read from; the hub calls this once it exists. */
  bind(source: SyncGaugeSource): void {
    this.source = source;
  }
}
