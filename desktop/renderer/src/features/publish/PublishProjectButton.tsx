import { useState } from 'react';
import { WORKLET_URLS } from '@encore/audio-engine/worklets/urls';
import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';
import { useOptionalModel, useSession } from '../../app/ModelContext';
import { Button } from '../../ui/Button';
import { bounce } from '../studio/export/bounce';
import { DEFAULT_EXPORT_SETTINGS } from '../studio/export/exportSettings';
import { PublishDialog } from './PublishDialog';
import type { Master } from './publishFlow';

export interface PublishProjectButtonProps {
  title: string;
  snapshot(): ProjectSnapshot;
  loadBuffers(snapshot: ProjectSnapshot): Promise<ReadonlyMap<string, AudioBuffer>>;
}

/**
 * The studio's "Publish…": bounces the whole project through the export path (24-bit WAV,
 * 48 kHz) and publishes it with {@link PublishDialog}. Signed-out users don't see it, nor does an
 * editor mounted without the app (there is no account to publish with).
 */
export function PublishProjectButton(props: PublishProjectButtonProps) {
  return useOptionalModel() ? <SignedInPublishButton {...props} /> : null;
}

function SignedInPublishButton({ title, snapshot, loadBuffers }: PublishProjectButtonProps) {
  const signedIn = useSession((s) => s.session.state === 'signed-in');
  const [open, setOpen] = useState(false);
  if (!signedIn) return null;
  const render = async (report: (fraction: number) => void, signal: AbortSignal): Promise<Master> => {
    const snap = snapshot();
    const buffers = await loadBuffers(snap);
    const { files } = await bounce(snap, title, { ...DEFAULT_EXPORT_SETTINGS, scope: 'mix', format: 'wav', bitDepth: 24 }, { worklets: WORKLET_URLS, buffers, signal, onProgress: (p) => report(p.phase === 'render' ? p.fraction * 0.95 : 0.95 + p.fraction * 0.05) });
    const file = files[0];
    if (!file) throw new Error('The bounce produced no audio');
    return { bytes: file.bytes, fileName: file.fileName, mimeType: file.mimeType };
  };
  return (
    <>
      <Button size="sm" variant="ghost" data-testid="open-publish" onClick={() => setOpen(true)}>
        Publish…
      </Button>
      {open && <PublishDialog source={{ kind: 'project', title, render }} onClose={() => setOpen(false)} />}
    </>
  );
}
