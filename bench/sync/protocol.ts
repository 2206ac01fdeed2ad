/** Messages between bench/sync.ts and its child processes (servers and client workers). */

export interface ServerStats {
  heapUsed: number;
  rss: number;
  loopP50Ms: number;
  loopP99Ms: number;
  loopMaxMs: number;
  /** Documents the server holds in memory now. */
  documents: number;
}
export type ServerRequest = { type: 'stats' };
export type ServerReply = { type: 'ready'; port: number } | ({ type: 'stats' } & ServerStats);

export interface RoomSpec {
  docId: string;
  tokens: (string | undefined)[];
}

export type ClientsRequest =
  | { type: 'connect'; wsBase: string; rooms: RoomSpec[]; concurrency: number }
  | { type: 'go'; seconds: number; updateEveryMs: number }
  | { type: 'finish'; quiesceMs: number };

export type ClientsReply =
  | { type: 'connected'; connectMs: number[] }
  | { type: 'ran' }
  | { type: 'finished'; fanoutMs: number[]; sent: number; lost: number; diverged: number };
