import { createHash } from 'node:crypto';
import http from 'node:http';
import { AuthResponse } from '@encore/shared/api/auth';
import { AlbumResponse, ProcessingStatus, TrackResponse, UploadStatus } from '@encore/shared/api/catalog';
import { CoverResponse } from '@encore/shared/api/catalogReleases';

/** A small typed client of the sync-server's REST API, as an app would use it. */
export class DemoClient {
  constructor(readonly baseUrl: string) {}

  /**
   * One request on its own connection (`agent: false`): pauses between requests (synthesising
   * the next song) outlast the server's keep-alive, and a reused socket closing under a new
   * request is the classic "socket hang up".
   */
  private call(method: string, path: string, o: { token?: string; json?: unknown; body?: Uint8Array; type?: string } = {}): Promise<unknown> {
    const headers: Record<string, string> = {};
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    const body = o.json !== undefined ? Buffer.from(JSON.stringify(o.json)) : o.body ? Buffer.from(o.body) : undefined;
    if (o.json !== undefined) headers['content-type'] = 'application/json';
    if (o.type) headers['content-type'] = o.type;
    if (body) headers['content-length'] = String(body.byteLength);
    return new Promise((resolve, reject) => {
      const req = http.request(`${this.baseUrl}${path}`, { method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 300) return reject(new Error(`${method} ${path} answered ${res.statusCode}: ${text.slice(0, 300)}`));
          resolve(text ? JSON.parse(text) : null);
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  async register(username: string, email: string, password: string, role: 'listener' | 'artist'): Promise<AuthResponse> {
    return AuthResponse.parse(await this.call('POST', '/api/auth/register', { json: { username, email, password, role } }));
  }

  /** Uploads a master in chunks (as the app's resumable upload does) and completes it. */
  async uploadMaster(token: string, bytes: Uint8Array, filename: string): Promise<UploadStatus> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const up = UploadStatus.parse(await this.call('POST', '/api/uploads', { token, json: { size: bytes.byteLength, sha256, contentType: 'audio/wav', filename } }));
    for (let i = 0; i < up.chunkCount; i++) {
      await this.call('PUT', `/api/uploads/${up.id}/chunks/${i}`, { token, body: bytes.subarray(i * up.chunkSize, (i + 1) * up.chunkSize), type: 'application/octet-stream' });
    }
    return UploadStatus.parse(await this.call('POST', `/api/uploads/${up.id}/complete`, { token }));
  }

  async publish(token: string, json: Record<string, unknown>): Promise<TrackResponse['track']> {
    return TrackResponse.parse(await this.call('POST', '/api/tracks', { token, json })).track;
  }

  async createAlbum(token: string, json: Record<string, unknown>): Promise<AlbumResponse['album']> {
    return AlbumResponse.parse(await this.call('POST', '/api/albums', { token, json })).album;
  }

  async uploadCover(token: string, png: Uint8Array): Promise<string> {
    return CoverResponse.parse(await this.call('POST', '/api/covers', { token, body: png, type: 'image/png' })).cover.id;
  }

  async setAlbumCover(token: string, albumId: string, coverId: string): Promise<void> {
    await this.call('PATCH', `/api/albums/${albumId}`, { token, json: { coverId } });
  }

  async processing(token: string, trackId: string): Promise<ProcessingStatus> {
    return ProcessingStatus.parse(await this.call('GET', `/api/tracks/${trackId}/processing`, { token }));
  }

  async play(token: string, trackId: string, clientEventId: string, ms: number): Promise<void> {
    await this.call('POST', '/api/analytics/events', { token, json: { clientEventId, trackId, ms } });
  }
}
