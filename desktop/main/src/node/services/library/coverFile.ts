import fs from 'node:fs';
import { type ArtworkStore, mimeOfCoverFile } from './artworkStore';

/** Stores a folder cover file (cover.jpg, folder.png, ...) in the artwork store; null when unreadable. */
export function storeCoverFile(artwork: ArtworkStore, file: string): string | null {
  try {
    return artwork.put(fs.readFileSync(file), mimeOfCoverFile(file));
  } catch {
    // An unreadable cover is no cover; the track itself is fine.
    return null;
  }
}
