import type { ProjectSnapshot } from '@encore/shared/project/read/snapshot';

/** Fetches a blob's bytes by hash (the host's `/media/blob/<sha256>` route in the app). */
export type BlobFetcher = (hash: string, signal?: AbortSignal) => Promise<ArrayBuffer>;

/** Relative URL of a project asset: works under the browser-mode origin and the app scheme. */
export const blobUrl = (hash: string): string => `media/blob/${hash}`;

/** The fetcher the app uses: the host's authenticated blob route (the launch cookie goes along). */
export const fetchBlob: BlobFetcher = async (hash, signal) => {
  const res = await fetch(blobUrl(hash), { credentials: 'same-origin', ...(signal ? { signal } : {}) });
  if (!res.ok) throw new Error(`asset ${hash.slice(0, 12)}… could not be read (HTTP ${res.status})`);
  return res.arrayBuffer();
};

/**
 * Decoded audio of the project's assets, by hash: each blob is fetched and decoded once, and a
 * failure is remembered (the engine then reports the clip as missing instead of refetching on
 * every document change).
 *
 * @example
 * const cache = new AudioBufferCache(fetchBlob);
 * const buffers = await cache.buffersFor(snapshot, context); // Map<hash, AudioBuffer>
 */
export class AudioBufferCache {
  private readonly decoded = new Map<string, Promise<AudioBuffer | null>>();
  readonly failures = new Map<string, string>();

  constructor(private readonly fetcher: BlobFetcher) {}

  /** The hashes of the audio clips a snapshot plays. */
  static hashesOf(snapshot: ProjectSnapshot): string[] {
    const hashes = new Set<string>();
    for (const t of snapshot.tracks) for (const c of t.clips) if (c.kind === 'audio') hashes.add(c.assetHash);
    return [...hashes];
  }

  /** One asset, decoded on `context`'s sample rate; null when it could not be read or decoded. */
  get(hash: string, context: BaseAudioContext): Promise<AudioBuffer | null> {
    let pending = this.decoded.get(hash);
    if (!pending) {
      pending = this.fetcher(hash)
        .then((bytes) => context.decodeAudioData(bytes))
        .catch((e: unknown) => {
          this.failures.set(hash, e instanceof Error ? e.message : String(e));
          console.warn('studio: asset not decoded', hash, e);
          return null;
        });
      this.decoded.set(hash, pending);
    }
    return pending;
  }

  /** Drops what is known about an asset (it arrived after a failed read): the next `get` fetches it again. */
  forget(hash: string): void {
    this.decoded.delete(hash);
    this.failures.delete(hash);
  }

  /** Every asset the snapshot plays that could be decoded. */
  async buffersFor(snapshot: ProjectSnapshot, context: BaseAudioContext): Promise<Map<string, AudioBuffer>> {
    const hashes = AudioBufferCache.hashesOf(snapshot);
    const buffers = await Promise.all(hashes.map((h) => this.get(h, context)));
    const out = new Map<string, AudioBuffer>();
    hashes.forEach((h, i) => {
      const b = buffers[i];
      if (b) out.set(h, b);
    });
    return out;
  }
}
