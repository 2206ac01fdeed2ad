import type { ReactNode } from 'react';
import { cx } from './cx';

/** A titled card, used for groups of settings. */
export function Panel({ title, description, children, className, testId }: { title: string; description?: ReactNode; children: ReactNode; className?: string; testId?: string }) {
  const headingId = `panel-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section aria-labelledby={headingId} data-testid={testId} className={cx('rounded-xl border border-line bg-surface p-6', className)}>
      <h2 id={headingId} className="text-base font-semibold text-ink">
        {title}
      </h2>
      {description && <p className="mt-1 text-sm text-ink-muted">{description}</p>}
      <div className="mt-5">{children}</div>
    </section>
  );
}
