import { useState, type FormEvent } from 'react';
import { LoginRequest } from '@encore/shared/api/auth';
import { EncoreError } from '@encore/shared/errors';
import { useModel } from '../../app/ModelContext';
import { friendlyMessage } from '../../model/errorMessages';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';
import { fieldErrors } from './fieldErrors';
import { FormAlert } from './FormAlert';

export function SignInForm({ onDone }: { onDone: () => void }) {
  const model = useModel();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<{ code: string; message: string } | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    setServerError(null);
    const parsed = LoginRequest.safeParse({ login, password });
    if (!parsed.success) {
      const errs = fieldErrors(parsed.error);
      if (errs.password) errs.password = 'Enter your password.';
      setErrors(errs);
      return;
    }
    setErrors({});
    setPending(true);
    try {
      await model.session.signIn(parsed.data);
      onDone();
    } catch (err) {
      setServerError({ code: err instanceof EncoreError ? err.code : 'INTERNAL', message: friendlyMessage(err) });
      setPending(false);
    }
  };

  return (
    <form noValidate onSubmit={submit} data-testid="signin-form" aria-label="Sign in" className="flex flex-col gap-4">
      {serverError && <FormAlert code={serverError.code} message={serverError.message} />}
      <TextField
        label="Email or username"
        name="login"
        testId="signin-login"
        autoComplete="username"
        autoFocus
        value={login}
        error={errors.login}
        onChange={(e) => {
          setLogin(e.target.value);
          setErrors(({ login: _, ...rest }) => rest);
        }}
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        testId="signin-password"
        autoComplete="current-password"
        value={password}
        error={errors.password}
        onChange={(e) => {
          setPassword(e.target.value);
          setErrors(({ password: _, ...rest }) => rest);
        }}
      />
      <Button type="submit" variant="primary" pending={pending} data-testid="signin-submit" className="mt-2 w-full">
        {pending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
