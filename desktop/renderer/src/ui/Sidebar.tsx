import type { ReactNode } from 'react';
import { cx, focusRing } from './cx';

export interface SidebarItem<Id extends string> {
  id: Id;
  label: string;
  icon: ReactNode;
  href: string;
}

export interface SidebarProps<Id extends string> {
  label: string;
  items: readonly SidebarItem<Id>[];
  active: Id | null;
  onSelect: (id: Id) => void;
  header?: ReactNode;
  footer?: ReactNode;
}

/**
 * Vertical navigation. Items are real links (Tab reaches them, Enter follows them, the
 * browser shows the target) with `aria-current="page"` on the active one; ↑/↓ move focus.
 */
export function Sidebar<Id extends string>({ label, items, active, onSelect, header, footer }: SidebarProps<Id>) {
  const onKeyDown = (e: React.KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const links = [...e.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-nav-item]')];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (index < 0) return;
    e.preventDefault();
    const next = links[(index + (e.key === 'ArrowDown' ? 1 : links.length - 1)) % links.length];
    next?.focus();
  };
  return (
    <aside className="flex h-full w-60 shrink-0 flex-col border-r border-line bg-shell">
      {header}
      <nav aria-label={label} className="flex-1 overflow-y-auto px-3 py-2" onKeyDown={onKeyDown}>
        <ul className="flex flex-col gap-0.5">
          {items.map((item) => {
            const isActive = item.id === active;
            return (
              <li key={item.id}>
                <a
                  href={item.href}
                  data-nav-item
                  data-testid={`nav-${item.id}`}
                  aria-current={isActive ? 'page' : undefined}
                  onClick={(e) => {
                    e.preventDefault();
                    onSelect(item.id);
                  }}
                  className={cx(
                    'group relative flex h-10 items-center gap-3 rounded-lg px-3 text-sm transition-colors',
                    isActive ? 'bg-raised font-medium text-ink' : 'text-ink-muted hover:bg-raised/60 hover:text-ink',
                    focusRing,
                  )}
                >
                  {isActive && <span aria-hidden className="absolute top-2 bottom-2 left-0 w-[3px] rounded-full bg-accent" />}
                  <span aria-hidden className={cx('[&>svg]:size-[18px]', isActive ? 'text-accent' : 'text-ink-faint group-hover:text-ink-muted')}>
                    {item.icon}
                  </span>
                  {item.label}
                </a>
              </li>
            );
          })}
        </ul>
      </nav>
      {footer}
    </aside>
  );
}
