import { useState, type FormEvent } from 'react';
import { LoginRequest } from '@encore/shared/api/auth';
import { Button } from '../ui/Button';
import { TextField } from '../ui/TextField';
import { EncoreMark } from '../ui/icons';
import { FormAlert } from '../features/auth/FormAlert';
import { staffLogin, type StaffLogin } from './api';
import { adminMessage } from './adminMessages';

export function AdminSignIn({ server, fetchImpl, onSignedIn }: { server: string; fetchImpl: typeof fetch; onSignedIn: (login: StaffLogin) => void }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = LoginRequest.safeParse({ login, password });
    if (!parsed.success) return setError('Enter your email or username and your password.');
    setPending(true);
    setError(null);
    try {
      onSignedIn(await staffLogin(server, parsed.data, fetchImpl));
    } catch (err) {
      setError(adminMessage(err, server));
      setPending(false);
    }
  };

  return (
    <div className="flex min-h-full items-center justify-center px-6 py-12">
      <div className="w-full max-w-sm rounded-2xl border border-line bg-surface p-8 shadow-xl shadow-black/30">
        <div className="flex items-center gap-2.5">
          <EncoreMark className="size-8" />
          <span className="text-[15px] font-semibold">Encore Admin</span>
        </div>
        <h1 className="mt-6 text-xl font-semibold tracking-tight">Staff sign-in</h1>
        <p className="mt-1.5 mb-6 text-sm text-ink-muted">
          Server <span className="font-mono text-[13px] text-ink">{server}</span>
        </p>
        <form noValidate onSubmit={submit} aria-label="Staff sign-in" className="flex flex-col gap-4">
          {error && <FormAlert message={error} />}
          <TextField label="Email or username" testId="admin-login" autoComplete="username" value={login} onChange={(e) => setLogin(e.target.value)} autoFocus />
          <TextField label="Password" type="password" testId="admin-password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
          <Button type="submit" variant="primary" pending={pending} className="mt-2 w-full" data-testid="admin-submit">
            Sign in
          </Button>
        </form>
      </div>
    </div>
  );
}
