/**
 * Delay before reconnect attempt `attempt` (0-based): exponential from `baseMs`, capped at
 * `maxMs`, then jittered to 50–100 % so that clients cut off together (a server restart, a
 * token expiry wave) do not come back in one storm.
 *
 * @example
 * setTimeout(connect, reconnectDelay(attempts++, 500, 30_000));
 */
export function reconnectDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  return Math.min(maxMs, baseMs * 2 ** attempt) * (0.5 + random() * 0.5);
}
