import type { ReactNode } from 'react';

export interface EmptyStateProps {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  /** What the section will hold: short lines, shown as a list. */
  highlights?: { title: string; body: string }[];
  actions?: ReactNode;
  /** A quiet line under the actions, e.g. what needs an account. */
  footnote?: ReactNode;
}

/** The designed "nothing here yet" view of a section: what it is for and what to do now. */
export function EmptyState({ icon, title, description, highlights, actions, footnote }: EmptyStateProps) {
  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col items-center px-6 py-14 text-center">
      <div aria-hidden className="grid size-16 place-items-center rounded-2xl border border-line bg-surface text-accent [&>svg]:size-7">
        {icon}
      </div>
      <h2 className="mt-6 text-2xl font-semibold tracking-tight text-ink">{title}</h2>
      <p className="mt-3 max-w-xl text-[15px] leading-relaxed text-ink-muted">{description}</p>
      {actions && <div className="mt-7 flex flex-wrap items-center justify-center gap-3">{actions}</div>}
      {footnote && <p className="mt-4 text-[13px] text-ink-faint">{footnote}</p>}
      {highlights && highlights.length > 0 && (
        <ul className="mt-12 grid w-full gap-3 text-left sm:grid-cols-3">
          {highlights.map((h) => (
            <li key={h.title} className="rounded-xl border border-line bg-surface/60 p-4">
              <p className="text-sm font-medium text-ink">{h.title}</p>
              <p className="mt-1 text-[13px] leading-relaxed text-ink-muted">{h.body}</p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
