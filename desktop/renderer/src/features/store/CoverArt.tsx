import { cx } from '../../ui/cx';
import { useCoverUrl } from './useCatalog';

/** A cover from the catalog, or a tinted square with the title's initial while there is none. */
export function CoverArt({ coverId, title, size = 'md', className }: { coverId: string | null; title: string; size?: 'sm' | 'md' | 'lg'; className?: string }) {
  const url = useCoverUrl(coverId, size === 'lg' ? '600' : '300');
  const box = size === 'sm' ? 'size-10 text-sm' : size === 'md' ? 'aspect-square w-full text-3xl' : 'size-48 text-5xl';
  // A stable hue per title, so placeholder covers are told apart at a glance.
  const hue = [...title].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 360, 7);
  return url ? (
    <img src={url} alt="" className={cx('rounded-md object-cover', box, className)} />
  ) : (
    <span aria-hidden className={cx('flex items-center justify-center rounded-md font-semibold text-white/80', box, className)} style={{ background: `linear-gradient(135deg, hsl(${hue} 45% 35%), hsl(${(hue + 50) % 360} 50% 22%))` }}>
      {title.trim().charAt(0).toUpperCase() || '♪'}
    </span>
  );
}
