import { useState, type FormEvent } from 'react';
import { RegisterRequest } from '@encore/shared/api/auth';
import { EncoreError, type ErrorCode } from '@encore/shared/errors';
import { useModel } from '../../app/ModelContext';
import { friendlyMessage } from '../../model/errorMessages';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';
import { fieldErrors } from './fieldErrors';
import { FormAlert } from './FormAlert';

type Field = 'email' | 'username' | 'password' | 'displayName';

/** Server answers that belong next to one field rather than above the form. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, Field>> = { EMAIL_TAKEN: 'email', USERNAME_TAKEN: 'username', WEAK_PASSWORD: 'password' };

export function SignUpForm({ onDone }: { onDone: () => void }) {
  const model = useModel();
  const [values, setValues] = useState<Record<Field, string>>({ email: '', username: '', password: '', displayName: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [serverError, setServerError] = useState<{ code: string; message: string } | null>(null);
  const [pending, setPending] = useState(false);

  const field = (name: Field) => ({
    name,
    value: values[name],
    error: errors[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
      setValues((v) => ({ ...v, [name]: e.target.value }));
      setErrors(({ [name]: _, ...rest }) => rest);
    },
  });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (pending) return;
    setServerError(null);
    const displayName = values.displayName.trim();
    const parsed = RegisterRequest.safeParse({
      email: values.email,
      username: values.username,
      password: values.password,
      ...(displayName ? { displayName } : {}),
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setPending(true);
    try {
      await model.session.signUp(parsed.data);
      onDone();
    } catch (err) {
      const code = err instanceof EncoreError ? err.code : 'INTERNAL';
      const target = FIELD_OF_CODE[code];
      if (target) setErrors({ [target]: friendlyMessage(err) });
      else setServerError({ code, message: friendlyMessage(err) });
      setPending(false);
    }
  };

  return (
    <form noValidate onSubmit={submit} data-testid="signup-form" aria-label="Create account" className="flex flex-col gap-4">
      {serverError && <FormAlert code={serverError.code} message={serverError.message} />}
      <TextField label="Email" type="email" testId="signup-email" autoComplete="email" autoFocus {...field('email')} />
      <TextField
        label="Username"
        testId="signup-username"
        autoComplete="username"
        hint="3–32 characters: letters, digits, dots, dashes, underscores."
        {...field('username')}
      />
      <TextField label="Password" type="password" testId="signup-password" autoComplete="new-password" hint="At least 10 characters. A short phrase works well." {...field('password')} />
      <TextField label="Display name (optional)" testId="signup-display-name" autoComplete="nickname" hint="Shown to others instead of your username." {...field('displayName')} />
      <Button type="submit" variant="primary" pending={pending} data-testid="signup-submit" className="mt-2 w-full">
        {pending ? 'Creating account…' : 'Create account'}
      </Button>
    </form>
  );
}
