import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { AuthResponse } from '@encore/shared/api/auth';
import { TrackResponse, UploadStatus } from '@encore/shared/api/catalog';
import type { Session } from '@encore/shared/host/contract';

const run = promisify(execFile);
const PASSWORD = 'correct horse battery staple';

async function call(base: string, method: string, p: string, o: { token?: string; json?: unknown; body?: Uint8Array } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.json !== undefined) headers['content-type'] = 'application/json';
  if (o.body) headers['content-type'] = 'application/octet-stream';
  const res = await fetch(`${base}${p}`, { method, headers, body: o.json !== undefined ? JSON.stringify(o.json) : o.body ? Buffer.from(o.body) : null });
  if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${await res.text()}`);
  return res;
}

export async function register(base: string, name: string, role?: string): Promise<AuthResponse> {
  return AuthResponse.parse(await (await call(base, 'POST', '/api/auth/register', { json: { email: `${name}@example.com`, username: name, password: PASSWORD, ...(role ? { role } : {}) } })).json());
}

export async function login(base: string, name: string): Promise<AuthResponse> {
  return AuthResponse.parse(await (await call(base, 'POST', '/api/auth/login', { json: { login: name, password: PASSWORD } })).json());
}

/** The session a signed-in desktop would hand the download service. */
export const sessionOf = (auth: AuthResponse): Session => ({ state: 'signed-in', user: auth.user, accessToken: auth.accessToken, offline: false });

/** Publishes `seconds` of white noise (so Opus spends its full bit rate) and waits until every rendition is ready. */
export async function publishNoise(base: string, token: string, dir: string, title: string, seconds: number, albumId?: string): Promise<TrackResponse['track']> {
  const file = path.join(dir, `${title.replace(/\W/g, '')}.wav`);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `anoisesrc=d=${seconds}:c=pink:a=0.3`, '-ac', '2', '-ar', '44100', file]);
  const bytes = await fs.promises.readFile(file);
  const chunkSize = 512 * 1024;
  const up = UploadStatus.parse(
    await (await call(base, 'POST', '/api/uploads', { token, json: { size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'), contentType: 'audio/wav', filename: 'master.wav', chunkSize } })).json(),
  );
  for (let i = 0; i < up.chunkCount; i++) await call(base, 'PUT', `/api/uploads/${up.id}/chunks/${i}`, { token, body: bytes.subarray(i * up.chunkSize, (i + 1) * up.chunkSize) });
  await call(base, 'POST', `/api/uploads/${up.id}/complete`, { token });
  const { track } = TrackResponse.parse(await (await call(base, 'POST', '/api/tracks', { token, json: { uploadId: up.id, title, ...(albumId ? { albumId } : {}) } })).json());
  const deadline = Date.now() + 120_000;
  for (;;) {
    const t = TrackResponse.parse(await (await call(base, 'GET', `/api/tracks/${track.id}`, { token })).json()).track;
    if (t.status === 'ready') return t;
    if (t.status === 'failed' || Date.now() > deadline) throw new Error(`processing ended ${t.status}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

export { call };
