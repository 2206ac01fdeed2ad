import type { SmartRule, SmartRules } from '@encore/shared/host/library';

export interface CompiledRules {
  /** A WHERE expression over `t` (tracks) and `s` (track_stats) made of fixed SQL only. */
  where: string;
  params: unknown[];
}

const NUM_OP = { eq: '=', gte: '>=', lte: '<=' } as const;
const DAY_MS = 86_400_000;

/** `LIKE` pattern for "contains": the user's % and _ match themselves. */
export function likeContains(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Compiles smart-playlist rules (already parsed by the shared zod schema) to SQL. Each rule
 * maps to a fixed fragment with `?` placeholders; user values only ever travel as bound
 * parameters, so no rule can inject SQL. Evaluated at query time, the playlist is always live.
 *
 * @example
 * compileRules({ match: 'all', rules: [{ field: 'genre', op: 'is', value: 'Jazz' }, { field: 'year', op: 'lte', value: 1970 }], ... }, Date.now());
 * // { where: '(EXISTS (...) AND t.year <= ?)', params: ['Jazz', 1970] }
 */
export function compileRules(rules: SmartRules, now: number): CompiledRules {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const rule of rules.rules) {
    const c = compileRule(rule, now);
    parts.push(c.where);
    params.push(...c.params);
  }
  return { where: `(${parts.join(rules.match === 'any' ? ' OR ' : ' AND ')})`, params };
}

function compileRule(rule: SmartRule, now: number): CompiledRules {
  switch (rule.field) {
    case 'genre': {
      const anyGenre = (cmp: string) => `EXISTS (SELECT 1 FROM json_each(t.genres_json) g WHERE g.value ${cmp})`;
      if (rule.op === 'contains') return { where: anyGenre(`LIKE ? ESCAPE '\\'`), params: [likeContains(rule.value)] };
      const is = anyGenre('= ? COLLATE NOCASE');
      return { where: rule.op === 'is' ? is : `NOT ${is}`, params: [rule.value] };
    }
    case 'artist': {
      const cmp = rule.op === 'is' ? '= ? COLLATE NOCASE' : `LIKE ? ESCAPE '\\'`;
      const value = rule.op === 'is' ? rule.value : likeContains(rule.value);
      return { where: `(EXISTS (SELECT 1 FROM json_each(t.artists_json) a WHERE a.value ${cmp}) OR t.album_artist ${cmp})`, params: [value, value] };
    }
    case 'year':
      return { where: `t.year ${NUM_OP[rule.op]} ?`, params: [rule.value] };
    case 'rating':
      return { where: `coalesce(s.rating, 0) ${NUM_OP[rule.op]} ?`, params: [rule.value] };
    case 'plays':
      return { where: `coalesce(s.play_count, 0) ${NUM_OP[rule.op]} ?`, params: [rule.value] };
    case 'addedAt':
      return { where: rule.op === 'inLastDays' ? 't.added_at >= ?' : 't.added_at < ?', params: [now - rule.value * DAY_MS] };
    case 'liked':
      return { where: 'coalesce(s.liked, 0) = ?', params: [rule.value ? 1 : 0] };
  }
}
