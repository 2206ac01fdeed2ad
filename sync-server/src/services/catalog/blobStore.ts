/**
 * The catalog's blob store is the server-wide local one (renditions need real files for
 * ffmpeg and Range streaming); kept under this name so the catalog's imports stay as they were.
 */
export { LocalBlobStore as BlobStore, sha256File } from '../blobs/localBlobStore';
