import { useState } from 'react';
import { useModel, useSession } from '../../app/ModelContext';
import { friendlyMessage } from '../../model/errorMessages';
import { selectUser } from '../../model/sessionStore';
import { Badge } from '../../ui/Badge';
import { Button } from '../../ui/Button';
import { Panel } from '../../ui/Panel';
import { Avatar } from '../shell/Avatar';
import { displayNameOf, ROLE_LABELS, ROLE_TONES } from '../shell/userLabels';

export function AccountPanel() {
  const model = useModel();
  const user = useSession(selectUser);
  const offline = useSession((s) => s.session.state === 'signed-in' && s.session.offline);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (!user) {
    return (
      <Panel title="Account" testId="settings-account" description="You’re using Encore without an account. Everything on this computer works; an account adds sync, the Store, Live and Social.">
        <div className="flex gap-3">
          <Button variant="primary" onClick={() => model.navigation.openAuth('sign-up')}>
            Create account
          </Button>
          <Button variant="secondary" onClick={() => model.navigation.openAuth('sign-in')}>
            Sign in
          </Button>
        </div>
      </Panel>
    );
  }

  const name = displayNameOf(user);
  const signOut = async () => {
    setPending(true);
    setError(null);
    try {
      await model.session.signOut();
    } catch (e) {
      setError(friendlyMessage(e));
      setPending(false);
    }
  };

  return (
    <Panel title="Account" testId="settings-account" description={offline ? 'Shown from this computer while the sync server is unreachable.' : undefined}>
      <div className="flex flex-wrap items-center gap-4">
        <Avatar name={name} size="lg" />
        <div className="min-w-0 flex-1">
          <p className="truncate text-[15px] font-semibold" data-testid="settings-account-name">
            {name}
          </p>
          <p className="truncate text-sm text-ink-muted">
            @{user.username} · <span data-testid="settings-account-email">{user.email}</span>
          </p>
          <div className="mt-2 flex flex-wrap gap-1.5">
            <Badge tone={ROLE_TONES[user.role]} data-testid="settings-account-role">
              {ROLE_LABELS[user.role]}
            </Badge>
            {user.isVerified ? (
              <Badge tone="ok" data-testid="settings-email-verified">
                Email verified
              </Badge>
            ) : (
              <Badge tone="warn" data-testid="settings-email-unverified">
                Email not verified
              </Badge>
            )}
          </div>
        </div>
        <Button variant="danger" pending={pending} onClick={signOut} data-testid="settings-sign-out">
          Sign out
        </Button>
      </div>
      {error && (
        <p role="alert" className="mt-4 text-[13px] text-danger">
          {error}
        </p>
      )}
    </Panel>
  );
}
