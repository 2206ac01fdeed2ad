import { useState, type FormEvent } from 'react';
import { RegisterAccountRequest, type SelfServiceRole } from '@encore/shared/api/account';
import { EncoreError, type ErrorCode } from '@encore/shared/errors';
import { useModel } from '../../app/ModelContext';
import { friendlyMessage } from '../../model/errorMessages';
import { Button } from '../../ui/Button';
import { cx, focusRing } from '../../ui/cx';
import { TextField } from '../../ui/TextField';
import { fieldErrors } from './fieldErrors';
import { FormAlert } from './FormAlert';

type Field = 'email' | 'username' | 'password' | 'displayName';

/** What a new account is for: the roles anyone may pick for themselves (see SelfServiceRole). */
const ROLES: readonly { value: SelfServiceRole; label: string; hint: string }[] = [
  { value: 'listener', label: 'Listen', hint: 'Play your library and the store' },
  { value: 'artist', label: 'Release music', hint: 'Publish from the studio' },
  { value: 'streamer', label: 'Stream live', hint: 'Go live from the app' },
];

/** Server answers that belong next to one field rather than above the form. */
const FIELD_OF_CODE: Partial<Record<ErrorCode, Field>> = { EMAIL_TAKEN: 'email', USERNAME_TAKEN: 'username', WEAK_PASSWORD: 'password' };

export function SignUpForm({ onDone }: { onDone: () => void }) {
  const model = useModel();
  const [values, setValues] = useState<Record<Field, string>>({ email: '', username: '', password: '', displayName: '' });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [serverError, setServerError] = useState<{ code: string; message: string } | null>(null);
  const [pending, setPending] = useState(false);
  const [role, setRole] = useState<SelfServiceRole>('listener');

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
    const parsed = RegisterAccountRequest.safeParse({
      email: values.email,
      username: values.username,
      password: values.password,
      ...(displayName ? { displayName } : {}),
      role,
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
      <fieldset className="flex flex-col gap-1.5" data-testid="signup-role">
        <legend className="mb-1.5 text-[13px] font-medium text-ink">I am here to</legend>
        <div className="grid grid-cols-3 gap-2">
          {ROLES.map((r) => (
            <label
              key={r.value}
              className={cx(
                'flex cursor-pointer flex-col gap-0.5 rounded-lg border px-3 py-2 text-sm transition-colors has-[:focus-visible]:border-accent',
                role === r.value ? 'border-accent bg-accent/10 text-ink' : 'border-line text-ink-muted hover:border-line-strong',
              )}
            >
              <input type="radio" name="role" value={r.value} checked={role === r.value} onChange={() => setRole(r.value)} data-testid={`signup-role-${r.value}`} className={cx('sr-only', focusRing)} />
              <span className="font-medium">{r.label}</span>
              <span className="text-[12px] text-ink-faint">{r.hint}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <Button type="submit" variant="primary" pending={pending} data-testid="signup-submit" className="mt-2 w-full">
        {pending ? 'Creating account…' : 'Create account'}
      </Button>
    </form>
  );
}
