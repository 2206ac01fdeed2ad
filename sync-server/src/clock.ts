/** Time as the server sees it; injected so tests can expire tokens without waiting. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A clock that stands still until moved: for tests of expiry and lockout windows.
 *
 * @example
 * const clock = manualClock(new Date('2030-01-01T00:00:00Z'));
 * clock.advance(16 * 60_000);
 */
export function manualClock(start: Date = new Date()): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => void (t += ms),
    set: (d) => void (t = d.getTime()),
  };
}
