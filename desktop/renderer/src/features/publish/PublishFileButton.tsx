import { useState } from 'react';
import { useSession } from '../../app/ModelContext';
import { Button } from '../../ui/Button';
import { PublishDialog } from './PublishDialog';

/** The Store's "Publish a track": publishes an audio file from disk (artists; others learn how to become one). */
export function PublishFileButton() {
  const signedIn = useSession((s) => s.session.state === 'signed-in');
  const [open, setOpen] = useState(false);
  if (!signedIn) return null;
  return (
    <>
      <Button size="sm" data-testid="open-publish-file" onClick={() => setOpen(true)}>
        Publish a track…
      </Button>
      {open && <PublishDialog source={{ kind: 'file' }} onClose={() => setOpen(false)} />}
    </>
  );
}
