import { cx } from '../../ui/cx';
import { initialsOf } from './userLabels';

/** Initials on a colour derived from the name, so the same user always looks the same. */
export function Avatar({ name, size = 'md' }: { name: string; size?: 'md' | 'lg' }) {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  const hue = hash % 360;
  return (
    <span
      aria-hidden
      style={{ backgroundColor: `hsl(${hue} 45% 32%)`, color: `hsl(${hue} 80% 88%)` }}
      className={cx('grid shrink-0 place-items-center rounded-full font-semibold', size === 'lg' ? 'size-12 text-base' : 'size-7 text-xs')}
    >
      {initialsOf(name)}
    </span>
  );
}
