import { useModel, useSession } from '../../app/ModelContext';
import { selectUser } from '../../model/sessionStore';
import { Button } from '../../ui/Button';
import { displayNameOf } from './userLabels';

/**
 * The account call-to-action of sections that need other people: sign-in buttons when
 * signed out, a short confirmation when signed in.
 */
export function AccountActions({ signedInNote }: { signedInNote: string }) {
  const model = useModel();
  const user = useSession(selectUser);
  if (user) return <p className="text-sm text-ink-muted">Signed in as <span className="font-medium text-ink">{displayNameOf(user)}</span> — {signedInNote}</p>;
  return (
    <>
      <Button variant="primary" onClick={() => model.navigation.openAuth('sign-up')}>
        Create a free account
      </Button>
      <Button variant="secondary" onClick={() => model.navigation.openAuth('sign-in')}>
        Sign in
      </Button>
    </>
  );
}
