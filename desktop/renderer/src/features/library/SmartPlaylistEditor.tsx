import { useState } from 'react';
import { SmartRules, type SmartPlaylist, type SmartRule, type SongSort } from '@encore/shared/host/library';
import { Button } from '../../ui/Button';
import { usePlayerContext } from '../player/PlayerContext';

const FIELDS: { field: SmartRule['field']; label: string; ops: { op: string; label: string }[]; kind: 'text' | 'number' | 'bool' }[] = [
  { field: 'genre', label: 'Genre', kind: 'text', ops: [{ op: 'is', label: 'is' }, { op: 'isNot', label: 'is not' }, { op: 'contains', label: 'contains' }] },
  { field: 'artist', label: 'Artist', kind: 'text', ops: [{ op: 'is', label: 'is' }, { op: 'contains', label: 'contains' }] },
  { field: 'year', label: 'Year', kind: 'number', ops: [{ op: 'eq', label: '=' }, { op: 'gte', label: '≥' }, { op: 'lte', label: '≤' }] },
  { field: 'rating', label: 'Rating', kind: 'number', ops: [{ op: 'gte', label: '≥' }, { op: 'eq', label: '=' }, { op: 'lte', label: '≤' }] },
  { field: 'plays', label: 'Plays', kind: 'number', ops: [{ op: 'gte', label: '≥' }, { op: 'eq', label: '=' }, { op: 'lte', label: '≤' }] },
  { field: 'addedAt', label: 'Added', kind: 'number', ops: [{ op: 'inLastDays', label: 'in the last (days)' }, { op: 'notInLastDays', label: 'not in the last (days)' }] },
  { field: 'liked', label: 'Liked', kind: 'bool', ops: [{ op: 'is', label: 'is' }] },
];

interface Draft {
  field: SmartRule['field'];
  op: string;
  value: string;
}

const toDraft = (r: SmartRule): Draft => ({ field: r.field, op: r.op, value: String(r.value) });

/** Rules editor of a smart playlist: match all/any, rows of field/operator/value, sort and limit. */
export function SmartPlaylistEditor({ existing, onDone }: { existing: SmartPlaylist | null; onDone(): void }) {
  const { library } = usePlayerContext();
  const [name, setName] = useState(existing?.name ?? 'New smart playlist');
  const [match, setMatch] = useState<'all' | 'any'>(existing?.rules.match ?? 'all');
  const [rules, setRules] = useState<Draft[]>(existing?.rules.rules.map(toDraft) ?? [{ field: 'rating', op: 'gte', value: '4' }]);
  const [sort, setSort] = useState<SongSort>(existing?.rules.sort ?? 'title');
  const [limit, setLimit] = useState(existing?.rules.limit ? String(existing.rules.limit) : '');
  const [error, setError] = useState<string | null>(null);
  const set = (i: number, patch: Partial<Draft>) => setRules(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = async () => {
    const parsed = SmartRules.safeParse({
      match,
      sort,
      limit: limit ? Number(limit) : null,
      rules: rules.map((r) => {
        const kind = FIELDS.find((f) => f.field === r.field)!.kind;
        return { field: r.field, op: r.op, value: kind === 'number' ? Number(r.value) : kind === 'bool' ? r.value === 'true' : r.value };
      }),
    });
    if (!parsed.success) return setError('Check the rules: every value is needed, numbers must be whole.');
    setError(null);
    if (await library.saveSmart(existing?.id ?? null, name.trim() || 'Smart playlist', parsed.data)) onDone();
  };
  const select = 'h-8 rounded-md border border-line bg-raised px-2 text-sm';
  return (
    <div data-testid="smart-editor" className="rounded-xl border border-line bg-surface p-4">
      <input aria-label="Smart playlist name" data-testid="smart-name" value={name} onChange={(e) => setName(e.target.value)} className="h-9 w-full rounded-md border border-line bg-raised px-2 text-base font-semibold" />
      <p className="mt-3 text-sm text-ink-muted">
        Songs matching{' '}
        <select aria-label="Match" data-testid="smart-match" className={select} value={match} onChange={(e) => setMatch(e.target.value as 'all' | 'any')}>
          <option value="all">all</option>
          <option value="any">any</option>
        </select>{' '}
        of these rules
      </p>
      <ul className="mt-3 space-y-2">
        {rules.map((r, i) => {
          const def = FIELDS.find((f) => f.field === r.field)!;
          return (
            <li key={i} data-testid="smart-rule" className="flex items-center gap-2">
              <select aria-label="Field" data-testid="smart-field" className={select} value={r.field} onChange={(e) => { const f = FIELDS.find((x) => x.field === e.target.value)!; set(i, { field: f.field, op: f.ops[0]!.op, value: f.kind === 'bool' ? 'true' : '' }); }}>
                {FIELDS.map((f) => <option key={f.field} value={f.field}>{f.label}</option>)}
              </select>
              <select aria-label="Operator" data-testid="smart-op" className={select} value={r.op} onChange={(e) => set(i, { op: e.target.value })}>
                {def.ops.map((o) => <option key={o.op} value={o.op}>{o.label}</option>)}
              </select>
              {def.kind === 'bool' ? (
                <select aria-label="Value" data-testid="smart-value" className={select} value={r.value} onChange={(e) => set(i, { value: e.target.value })}>
                  <option value="true">yes</option>
                  <option value="false">no</option>
                </select>
              ) : (
                <input aria-label="Value" data-testid="smart-value" type={def.kind === 'number' ? 'number' : 'text'} className={`${select} w-40`} value={r.value} onChange={(e) => set(i, { value: e.target.value })} />
              )}
              <button type="button" aria-label="Remove rule" className="px-2 text-ink-faint hover:text-ink" disabled={rules.length === 1} onClick={() => setRules(rules.filter((_, j) => j !== i))}>×</button>
            </li>
          );
        })}
      </ul>
      <div className="mt-3 flex flex-wrap items-center gap-2 text-sm text-ink-muted">
        <Button size="sm" variant="ghost" data-testid="smart-add-rule" onClick={() => setRules([...rules, { field: 'genre', op: 'is', value: '' }])}>+ Rule</Button>
        <span className="ml-auto">Sort by</span>
        <select aria-label="Sort by" className={select} value={sort} onChange={(e) => setSort(e.target.value as SongSort)}>
          {(['title', 'artist', 'album', 'year', 'addedAt', 'playCount', 'rating'] as const).map((s) => <option key={s} value={s}>{s}</option>)}
        </select>
        <span>Limit</span>
        <input aria-label="Limit" type="number" min={1} placeholder="none" className={`${select} w-20`} value={limit} onChange={(e) => setLimit(e.target.value)} />
      </div>
      {error && <p role="alert" className="mt-2 text-sm text-danger">{error}</p>}
      <div className="mt-4 flex gap-2">
        <Button variant="primary" size="sm" data-testid="smart-save" onClick={() => void save()}>Save</Button>
        <Button size="sm" variant="ghost" onClick={onDone}>Cancel</Button>
        {existing && <Button size="sm" variant="danger" className="ml-auto" data-testid="smart-delete" onClick={() => void library.deleteSmart(existing.id)}>Delete</Button>}
      </div>
    </div>
  );
}
