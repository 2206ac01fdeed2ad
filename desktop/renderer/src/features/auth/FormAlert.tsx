import { AlertIcon } from '../../ui/icons';

/** A form-level error (a server answer), announced to screen readers. */
export function FormAlert({ message, code }: { message: string; code?: string }) {
  return (
    <div role="alert" data-testid="auth-error" data-error-code={code} className="flex gap-2.5 rounded-lg border border-danger/30 bg-danger/10 px-3.5 py-3 text-[13px] leading-relaxed text-[#fecaca]">
      <span aria-hidden className="mt-0.5 shrink-0 text-danger [&>svg]:size-4">
        <AlertIcon />
      </span>
      <p>{message}</p>
    </div>
  );
}
