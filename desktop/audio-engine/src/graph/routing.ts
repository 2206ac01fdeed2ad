import type { ProjectSnapshot, TrackSnapshot } from '@encore/shared/project/read/snapshot';
import type { Send } from '@encore/shared/project/schema/send';

/**
 * Who hears whom: where each track's output goes (cycles broken), the order buses must be built
 * in, and which tracks are audible under mute and solo.
 */

export interface Routing {
  /** Track id → the bus it outputs to, or null for the master. */
  readonly output: ReadonlyMap<string, string | null>;
  /** Track id → the sends that play (a send that would close a feedback loop is dropped). */
  readonly sends: ReadonlyMap<string, readonly Send[]>;
  /** Track id → false when muted, or silenced by another track's solo. */
  readonly audible: ReadonlyMap<string, boolean>;
  /** What was changed to make the routing playable. */
  readonly issues: readonly string[];
}

/**
 * Solo semantics: a soloed track is heard together with every bus it reaches (through its
 * output or its sends, so its reverb stays), and a soloed bus brings every track whose output
 * path leads into it. Everything else is silent. Mute always wins.
 *
 * @example
 * const { audible } = resolveRouting(snapshot);
 * audible.get(trackId); // false when muted or outside the solo
 */
export function resolveRouting(snapshot: ProjectSnapshot, soloOverride?: readonly string[]): Routing {
  const issues: string[] = [];
  const byId = new Map(snapshot.tracks.map((t) => [t.id, t]));
  const output = new Map<string, string | null>();
  for (const t of snapshot.tracks) output.set(t.id, t.output !== null && byId.get(t.output)?.kind === 'bus' && t.output !== t.id ? t.output : null);
  // Break output cycles between buses: the track closing a loop goes to the master.
  for (const t of snapshot.tracks) {
    const seen = new Set<string>([t.id]);
    let at = output.get(t.id) ?? null;
    while (at !== null) {
      if (seen.has(at)) {
        issues.push(`${t.name}: its output loops back through ${byId.get(at)?.name ?? at}; routed to the master`);
        output.set(t.id, null);
        break;
      }
      seen.add(at);
      at = output.get(at) ?? null;
    }
  }

  // Sends may not close a loop either (Web Audio would silence the whole cycle).
  const edges = new Map<string, string[]>();
  for (const [id, to] of output) if (to !== null) edges.set(id, [to]);
  const reaches = (from: string, target: string): boolean => {
    const stack = [from];
    const seen = new Set<string>();
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (at === target) return true;
      if (seen.has(at)) continue;
      seen.add(at);
      stack.push(...(edges.get(at) ?? []));
    }
    return false;
  };
  const sends = new Map<string, Send[]>();
  for (const t of snapshot.tracks) {
    const kept: Send[] = [];
    for (const send of t.sends) {
      if (!byId.has(send.targetTrackId) || reaches(send.targetTrackId, t.id)) {
        issues.push(`${t.name}: send to ${byId.get(send.targetTrackId)?.name ?? send.targetTrackId} would feed back into itself; dropped`);
        continue;
      }
      kept.push(send);
      edges.set(t.id, [...(edges.get(t.id) ?? []), send.targetTrackId]);
    }
    sends.set(t.id, kept);
  }

  const soloed = new Set(soloOverride ?? snapshot.tracks.filter((t) => t.solo).map((t) => t.id));
  const audible = new Map<string, boolean>();
  if (soloed.size === 0) {
    for (const t of snapshot.tracks) audible.set(t.id, !t.mute);
    return { output, sends, audible, issues };
  }
  const heard = new Set<string>();
  const downstream = (t: TrackSnapshot) => [output.get(t.id) ?? null, ...(sends.get(t.id) ?? []).map((s) => s.targetTrackId)].filter((id): id is string => id !== null && byId.has(id));
  const reach = (id: string) => {
    const stack = [id];
    while (stack.length > 0) {
      const at = stack.pop()!;
      if (heard.has(at)) continue;
      heard.add(at);
      stack.push(...downstream(byId.get(at)!));
    }
  };
  for (const id of soloed) if (byId.has(id)) reach(id);
  // Members of a soloed bus (through output routing only) are part of that solo.
  for (const t of snapshot.tracks) {
    let at = output.get(t.id) ?? null;
    while (at !== null) {
      if (soloed.has(at)) {
        heard.add(t.id);
        break;
      }
      at = output.get(at) ?? null;
    }
  }
  for (const t of snapshot.tracks) audible.set(t.id, !t.mute && heard.has(t.id));
  return { output, sends, audible, issues };
}
