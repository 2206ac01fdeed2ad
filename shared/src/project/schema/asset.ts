import { z } from 'zod';
import { Sha256 } from './common';

/**
 * An audio file the project uses. The document stores its SHA-256 and metadata only; the bytes
 * live in the host's content-addressed blob store. Keyed by the hash in the `assets` root map, so
 * two peers importing the same file write the same record and nothing conflicts.
 */
export const Asset = z.object({
  hash: Sha256,
  name: z.string().trim().min(1).max(255),
  mimeType: z.string().regex(/^audio\/[\w.+-]+$/, 'an audio MIME type'),
  byteLength: z.int().positive(),
  durationSeconds: z.number().positive().max(24 * 3600),
  sampleRate: z.int().min(8000).max(384000),
  channels: z.int().min(1).max(32),
});
export type Asset = z.infer<typeof Asset>;
