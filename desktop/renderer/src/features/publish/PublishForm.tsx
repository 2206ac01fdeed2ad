import { useState } from 'react';
import { PublishTrackRequest } from '@encore/shared/api/catalog';
import { COVER_LIMITS, CoverContentType } from '@encore/shared/api/catalogReleases';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/TextField';

/** What the artist filled in; checked with the server's own schema before anything uploads. */
export interface PublishMetadata {
  request: Omit<PublishTrackRequest, 'uploadId'>;
  albumTitle: string | null;
  cover: File | null;
}

const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean);
const LABEL = 'flex flex-col gap-1.5 text-[13px] font-medium text-ink-muted';
const INPUT = 'rounded-lg border border-line bg-raised px-3 py-2 text-sm text-ink outline-none focus:border-accent';
const PLACEHOLDER_UUID = '00000000-0000-4000-8000-000000000000';

/**
 * The release's metadata: title, album, genres, tags, explicit, ISRC, lyrics (plain or LRC
 * timing), cover art, price and the purchase / reel permissions. Errors show per field.
 */
export function PublishForm({ initialTitle, submitLabel, onSubmit, extra }: { initialTitle: string; submitLabel: string; onSubmit(m: PublishMetadata): void; extra?: React.ReactNode }) {
  const [title, setTitle] = useState(initialTitle);
  const [album, setAlbum] = useState('');
  const [genres, setGenres] = useState('');
  const [tags, setTags] = useState('');
  const [explicit, setExplicit] = useState(false);
  const [isrc, setIsrc] = useState('');
  const [lyrics, setLyrics] = useState('');
  const [lrc, setLrc] = useState(false);
  const [price, setPrice] = useState('0.00');
  const [allowPurchase, setAllowPurchase] = useState(false);
  const [allowReelUsage, setAllowReelUsage] = useState(true);
  const [cover, setCover] = useState<File | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const cents = Math.round(Number(price.replace(',', '.')) * 100);
    const request = {
      title,
      genres: list(genres),
      tags: list(tags),
      explicit,
      isrc: isrc.trim() ? isrc.trim().toUpperCase().replace(/-/g, '') : undefined,
      lyrics: lyrics.trim() ? (lrc ? { lrc: lyrics } : { text: lyrics }) : undefined,
      price: Number.isFinite(cents) ? cents : -1,
      allowPurchase,
      allowReelUsage,
    };
    const found: Record<string, string> = {};
    const parsed = PublishTrackRequest.safeParse({ ...request, uploadId: PLACEHOLDER_UUID });
    if (!parsed.success) for (const issue of parsed.error.issues) found[String(issue.path[0] ?? 'form')] ??= issue.message;
    if (cover && !CoverContentType.safeParse(cover.type).success) found.cover = 'Use a JPEG, PNG or WebP image';
    else if (cover && cover.size > COVER_LIMITS.maxBytes) found.cover = `Cover art is limited to ${COVER_LIMITS.maxBytes / 1024 / 1024} MB`;
    setErrors(found);
    if (Object.keys(found).length === 0) onSubmit({ request, albumTitle: album.trim() || null, cover });
  };

  return (
    <form noValidate onSubmit={submit} data-testid="publish-form" aria-label="Release details" className="grid grid-cols-2 gap-4">
      {extra && <div className="col-span-2">{extra}</div>}
      <TextField label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} testId="publish-title" />
      <TextField label="Single / album title (optional)" value={album} onChange={(e) => setAlbum(e.target.value)} hint="Creates a release holding this track" testId="publish-album" />
      <TextField label="Genres" value={genres} onChange={(e) => setGenres(e.target.value)} hint="Comma-separated" error={errors.genres} testId="publish-genres" />
      <TextField label="Tags" value={tags} onChange={(e) => setTags(e.target.value)} hint="Comma-separated" error={errors.tags} testId="publish-tags" />
      <TextField label="ISRC (optional)" value={isrc} onChange={(e) => setIsrc(e.target.value)} placeholder="USRC17607839" error={errors.isrc} testId="publish-isrc" />
      <label className={LABEL}>
        Cover art (optional)
        <input type="file" accept="image/jpeg,image/png,image/webp" data-testid="publish-cover" onChange={(e) => setCover(e.target.files?.[0] ?? null)} className="text-sm text-ink-muted file:mr-3 file:rounded-md file:border file:border-line file:bg-raised file:px-3 file:py-1.5 file:text-ink" />
        {errors.cover && <span role="alert" className="text-xs text-danger">{errors.cover}</span>}
      </label>
      <label className={`${LABEL} col-span-2`}>
        <span className="flex items-center justify-between">
          Lyrics (optional)
          <span className="flex items-center gap-2 text-xs font-normal">
            <input type="checkbox" checked={lrc} onChange={(e) => setLrc(e.target.checked)} data-testid="publish-lrc" /> Timed (LRC: <code>[01:02.50] line</code>)
          </span>
        </span>
        <textarea value={lyrics} onChange={(e) => setLyrics(e.target.value)} rows={3} data-testid="publish-lyrics" className={INPUT} />
        {errors.lyrics && <span role="alert" className="text-xs text-danger">{errors.lyrics}</span>}
      </label>
      <TextField label="Price (USD)" value={price} inputMode="decimal" onChange={(e) => setPrice(e.target.value)} error={errors.price} testId="publish-price" />
      <fieldset className="flex flex-col justify-end gap-2 text-sm">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={explicit} onChange={(e) => setExplicit(e.target.checked)} data-testid="publish-explicit" /> Explicit
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={allowPurchase} onChange={(e) => setAllowPurchase(e.target.checked)} data-testid="publish-allow-purchase" /> Allow purchase
        </label>
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={allowReelUsage} onChange={(e) => setAllowReelUsage(e.target.checked)} data-testid="publish-allow-reels" /> Allow use in reels
        </label>
      </fieldset>
      {errors.form && <p role="alert" className="col-span-2 text-sm text-danger">{errors.form}</p>}
      <div className="col-span-2 flex justify-end">
        <Button type="submit" variant="primary" data-testid="publish-submit">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
