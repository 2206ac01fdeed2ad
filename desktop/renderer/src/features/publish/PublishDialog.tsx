import { useEffect, useRef, useState } from 'react';
import { useSession } from '../../app/ModelContext';
import { friendlyMessage } from '../../model/errorMessages';
import { Button } from '../../ui/Button';
import { useCatalog } from '../store/useCatalog';
import { PublishForm, type PublishMetadata } from './PublishForm';
import { PublishProgress } from './PublishProgress';
import { runPublish, type Master, type PublishStep } from './publishFlow';

/** Where the master comes from: a studio project (bounced here) or an audio file the artist picks. */
export type PublishSource = { kind: 'project'; title: string; render(report: (fraction: number) => void, signal: AbortSignal): Promise<Master> } | { kind: 'file' };

const PUBLISHER_ROLES = new Set(['artist', 'admin']);

async function readFile(file: File): Promise<Master> {
  return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name, mimeType: file.type };
}

/**
 * "Publish…": the metadata form, then bounce → chunked upload → release → processing, each
 * with its progress, ending on ready (with a link to the Store) or failed with the reason.
 * Only artists publish; anyone else is told how to become one.
 */
export function PublishDialog({ source, onClose }: { source: PublishSource; onClose(): void }) {
  const { api } = useCatalog();
  const role = useSession((s) => (s.session.state === 'signed-in' ? s.session.user.role : null));
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [step, setStep] = useState<PublishStep | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [meta, setMeta] = useState<PublishMetadata | null>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const running = step !== null && step.step !== 'ready' && step.step !== 'failed' && error === null;

  const start = (m: PublishMetadata) => {
    if (source.kind === 'file' && !file) return setFileError('Choose the audio file to publish');
    setMeta(m);
    setError(null);
    const ctl = new AbortController();
    abort.current = ctl;
    const master = source.kind === 'project' ? source.render : () => readFile(file!);
    runPublish(api, master, m, setStep, ctl.signal).catch((e: unknown) => {
      if (!ctl.signal.aborted) setError(friendlyMessage(e));
    });
  };

  const body = () => {
    if (role === null) return <p className="text-sm text-ink-muted">Sign in with your artist account to publish.</p>;
    if (!PUBLISHER_ROLES.has(role))
      return (
        <div data-testid="publish-not-artist" className="flex flex-col gap-2 text-sm text-ink-muted">
          <p>Publishing to the Store is for artist accounts.</p>
          <p>To become one, ask the Encore team (an administrator of your server) to switch this account to an artist account; they do it in the admin view’s Users list. Your projects, library and purchases stay as they are, and Settings → Account shows your account type once it changed.</p>
        </div>
      );
    if (step === null)
      return (
        <PublishForm
          initialTitle={source.kind === 'project' ? source.title : (file?.name.replace(/\.[^.]+$/, '') ?? '')}
          key={file?.name ?? 'form'}
          submitLabel={source.kind === 'project' ? 'Bounce and publish' : 'Upload and publish'}
          onSubmit={start}
          extra={
            source.kind === 'file' ? (
              <label className="flex flex-col gap-1.5 text-[13px] font-medium text-ink-muted">
                Audio file (WAV, FLAC, MP3, Ogg, AIFF)
                <input type="file" accept="audio/*,.wav,.flac,.mp3,.ogg,.aif,.aiff" data-testid="publish-file" onChange={(e) => (setFile(e.target.files?.[0] ?? null), setFileError(null))} className="text-sm file:mr-3 file:rounded-md file:border file:border-line file:bg-raised file:px-3 file:py-1.5 file:text-ink" />
                {fileError && <span role="alert" className="text-xs text-danger">{fileError}</span>}
              </label>
            ) : (
              <p className="text-sm text-ink-muted">The whole project is bounced to a 24-bit WAV master and uploaded; the server makes the streaming renditions.</p>
            )
          }
        />
      );
    if (step.step === 'ready')
      return (
        <p data-testid="publish-ready" className="text-sm">
          “{step.title}” is live in the Store.
        </p>
      );
    if (step.step === 'failed')
      return (
        <div data-testid="publish-failed" role="alert" className="text-sm text-danger">
          Processing failed: {step.reason}
        </div>
      );
    return (
      <div className="flex flex-col gap-3">
        <PublishProgress step={step} />
        {error && (
          <div role="alert" data-testid="publish-error" className="flex items-center gap-3 text-sm text-danger">
            <span className="flex-1">{error}</span>
            {/* Uploads resume: a retry sends only the chunks the server is missing. */}
            <Button size="sm" onClick={() => meta && start(meta)}>
              Resume
            </Button>
          </div>
        )}
      </div>
    );
  };

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/50" onPointerDown={(e) => e.target === e.currentTarget && !running && onClose()}>
      <div role="dialog" aria-modal="true" aria-labelledby="publish-title" data-testid="publish-dialog" className="flex max-h-[90vh] w-[640px] flex-col gap-4 overflow-y-auto rounded-xl border border-line bg-surface p-6 shadow-2xl">
        <h2 id="publish-title" className="text-lg font-semibold">
          Publish {source.kind === 'project' ? `“${source.title}”` : 'an audio file'} to the Store
        </h2>
        {body()}
        <div className="flex justify-end gap-2">
          {running ? (
            <Button size="sm" variant="danger" onClick={() => (abort.current?.abort(), onClose())}>
              Cancel
            </Button>
          ) : (
            <Button size="sm" data-testid="publish-close" onClick={onClose}>
              Close
            </Button>
          )}
        </div>
      </div>
    </div>
  );
}
