import { useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { cx, focusRing } from './cx';

export interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: string;
  /** Shown under the field in red; also marks the input invalid for assistive tech. */
  error?: string | null;
  hint?: ReactNode;
  /** Base for the input's `data-testid`; the error gets `<testId>-error`. */
  testId?: string;
}

export function TextField({ label, error, hint, testId, className, ...input }: TextFieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cx('flex flex-col gap-1.5', className)}>
      <label htmlFor={id} className="text-[13px] font-medium text-ink">
        {label}
      </label>
      <input
        id={id}
        data-testid={testId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className={cx(
          'h-10 rounded-lg border bg-canvas px-3 text-sm text-ink placeholder:text-ink-faint transition-colors',
          error ? 'border-danger/70' : 'border-line hover:border-line-strong',
          'focus-visible:border-accent',
          focusRing,
        )}
        {...input}
      />
      {error ? (
        <p id={`${id}-error`} data-testid={testId ? `${testId}-error` : undefined} className="text-[13px] text-danger">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-[13px] text-ink-faint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
