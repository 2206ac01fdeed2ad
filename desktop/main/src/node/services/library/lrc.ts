/** One time-stamped line of synchronised lyrics. */
export interface LyricLine {
  timeMs: number;
  text: string;
}

const STAMP = /\[(\d{1,3}):(\d{1,2})(?:[.:](\d{1,3}))?\]/g;

/**
 * Parses LRC text (`[mm:ss.xx] line`, several stamps per line allowed, `[ar:...]` headers
 * ignored). Returns null when no line carries a time stamp, i.e. the text is plain lyrics.
 *
 * @example
 * parseLrc('[00:01.50]Hello\n[00:03.00]World'); // [{timeMs:1500,text:'Hello'}, {timeMs:3000,text:'World'}]
 */
export function parseLrc(text: string): LyricLine[] | null {
  const lines: LyricLine[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const stamps = [...raw.matchAll(STAMP)];
    if (stamps.length === 0) continue;
    const body = raw.replace(STAMP, '').trim();
    for (const m of stamps) {
      const frac = m[3] ?? '0';
      const ms = Number(frac.padEnd(3, '0').slice(0, 3));
      lines.push({ timeMs: Number(m[1]) * 60_000 + Number(m[2]) * 1000 + ms, text: body });
    }
  }
  if (lines.length === 0) return null;
  return lines.sort((a, b) => a.timeMs - b.timeMs);
}

/** The words of the lyrics without time stamps or LRC headers, for search and display. */
export function lyricsText(text: string): string {
  return text
    .split(/\r?\n/)
    .filter((l) => !/^\[[a-z]+:.*\]\s*$/i.test(l.trim()))
    .map((l) => l.replace(STAMP, '').trim())
    .join('\n')
    .trim();
}
