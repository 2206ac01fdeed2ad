import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time of processes and threads from /proc (Linux), for benchmarks on a shared machine:
 * wall-clock time there measures the neighbours as much as the code, CPU time mostly the code.
 * Returns 0 elsewhere (no /proc).
 */

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK)

interface Stat {
  readonly name: string;
  readonly parent: number;
  /** user + system, seconds */
  readonly cpu: number;
}

function readStat(path: string): Stat | null {
  try {
    const text = readFileSync(path, 'utf8');
    const open = text.indexOf('(');
    const close = text.lastIndexOf(')');
    const fields = text.slice(close + 2).split(' ');
    // After the name: state, ppid, … utime is field 14 and stime 15 of the whole line (11 and 12 here).
    return { name: text.slice(open + 1, close), parent: Number(fields[1]), cpu: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return null; // the process ended while we read
  }
}

const pids = (dir: string) => {
  try {
    return readdirSync(dir).filter((d) => /^\d+$/.test(d)).map(Number);
  } catch {
    return [];
  }
};

/** Every process descending from `root` (not `root` itself). */
export function descendants(root = process.pid): number[] {
  const children = new Map<number, number[]>();
  for (const pid of pids('/proc')) {
    const s = readStat(`/proc/${pid}/stat`);
    if (s) children.set(s.parent, [...(children.get(s.parent) ?? []), pid]);
  }
  const out: number[] = [];
  const walk = (p: number) => {
    for (const c of children.get(p) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** CPU seconds used so far by every process descending from `root` (a browser this process launched). */
export function treeCpuSeconds(root = process.pid): number {
  return descendants(root).reduce((sum, pid) => sum + (readStat(`/proc/${pid}/stat`)?.cpu ?? 0), 0);
}

/** CPU seconds so far of every thread below `root` whose name matches `pattern`, by thread id. */
export function threadCpuSeconds(pattern: RegExp, root = process.pid): Map<number, { name: string; cpu: number }> {
  const out = new Map<number, { name: string; cpu: number }>();
  for (const pid of descendants(root)) {
    for (const tid of pids(`/proc/${pid}/task`)) {
      const s = readStat(`/proc/${pid}/task/${tid}/stat`);
      if (s && pattern.test(s.name)) out.set(tid, { name: s.name, cpu: s.cpu });
    }
  }
  return out;
}
