import type { ProjectSnapshot } from '../project/read/snapshot';

/** Test helper: each track's notes as sorted absolute 'pitch:tick:duration:velocity' events. */
export function notesByTrack(p: ProjectSnapshot): Record<string, string[]> {
  return Object.fromEntries(
    p.tracks.map((t) => [
      t.name,
      t.clips
        .flatMap((c) => (c.kind === 'midi' ? c.notes.map((n) => [n.pitch, c.start - c.offset + n.tick, n.duration, n.velocity].join(':')) : []))
        .sort(),
    ]),
  );
}

