import type { PublishStep } from './publishFlow';

const STAGES: Record<string, string> = { queued: 'Waiting for a worker', renditions: 'Encoding renditions (96/160/320 kbps, FLAC)', waveform: 'Drawing the waveform', analysis: 'Measuring tempo and key', loudness: 'Measuring loudness', done: 'Finishing', failed: 'Failed' };
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

function Bar({ label, fraction, testId }: { label: string; fraction: number | null; testId: string }) {
  const pct = fraction === null ? null : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="flex flex-col gap-2">
      <p className="flex justify-between text-sm">
        <span>{label}</span>
        {pct !== null && <span className="tabular-nums text-ink-muted">{pct} %</span>}
      </p>
      <div role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct ?? undefined} data-testid={testId} className="h-2 overflow-hidden rounded-full bg-raised">
        <div className={`h-full rounded-full bg-accent transition-[width] ${pct === null ? 'w-1/3 animate-pulse' : ''}`} style={pct === null ? undefined : { width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** The running step of a publish: render, upload (bytes sent), publish, processing stage. */
export function PublishProgress({ step }: { step: PublishStep }) {
  switch (step.step) {
    case 'render':
      return <Bar label={step.label} fraction={step.fraction} testId="publish-progress-render" />;
    case 'upload': {
      const p = step.progress;
      const label = p.phase === 'checksum' ? 'Computing the SHA-256 checksum' : p.phase === 'verify' ? 'The server is verifying the file' : `Uploading ${mb(p.sentBytes)} of ${mb(p.totalBytes)}`;
      return <Bar label={label} fraction={p.phase === 'upload' ? p.sentBytes / p.totalBytes : null} testId="publish-progress-upload" />;
    }
    case 'publish':
      return <Bar label="Creating the release" fraction={null} testId="publish-progress-publish" />;
    case 'processing': {
      const s = step.status;
      const label = s ? `${STAGES[s.stage] ?? s.stage}${s.attempts > 1 ? ` — attempt ${s.attempts} of ${s.maxAttempts}` : ''}` : 'Queued for processing';
      return (
        <div className="flex flex-col gap-2">
          <Bar label={label} fraction={s ? s.progress / 100 : null} testId="publish-progress-processing" />
          {s?.error && <p className="text-xs text-warn">Last attempt failed: {s.error}. Retrying.</p>}
        </div>
      );
    }
    default:
      return null;
  }
}
