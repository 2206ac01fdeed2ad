import type { ReactNode } from 'react';
import { cx } from './cx';

export type BadgeTone = 'neutral' | 'accent' | 'ok' | 'warn' | 'danger';

const TONES: Record<BadgeTone, string> = {
  neutral: 'bg-raised text-ink-muted border-line',
  accent: 'bg-accent-soft text-[#c4bcff] border-accent/30',
  ok: 'bg-ok/10 text-ok border-ok/30',
  warn: 'bg-warn/10 text-warn border-warn/30',
  danger: 'bg-danger/10 text-danger border-danger/30',
};

export function Badge({ tone = 'neutral', children, className, ...rest }: { tone?: BadgeTone; children: ReactNode; className?: string; 'data-testid'?: string }) {
  return (
    <span
      className={cx('inline-flex h-6 items-center gap-1 rounded-full border px-2.5 text-xs font-medium whitespace-nowrap', TONES[tone], className)}
      {...rest}
    >
      {children}
    </span>
  );
}
