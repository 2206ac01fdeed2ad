import { z } from 'zod';
import { CollaboratorListResponse, CollaboratorResponse, ProjectListResponse, ProjectResponse, type AddCollaboratorRequest, type CreateProjectRequest } from '@encore/shared/api/studio';
import { RestoreVersionResponse, VersionListResponse, VersionResponse } from '@encore/shared/api/studioVersions';
import { EncoreError, ErrorCode } from '@encore/shared/errors';

// Lenient on the code: a newer server may answer with a code this build does not know yet.
const Envelope = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }) });

/**
 * REST client for the sync-server's `/api/studio/*` (shared projects and their members). Bodies
 * are parsed with the shared contracts; error envelopes become {@link EncoreError} with the
 * server's code; a server that cannot be reached is `OFFLINE`.
 *
 * @example
 * const api = new StudioApi();
 * const { project } = await api.createProject('http://127.0.0.1:8787', token, { name: 'Song', description: '' });
 */
export class StudioApi {
  constructor(private readonly o: { timeoutMs?: number; fetch?: typeof fetch } = {}) {}

  createProject(base: string, token: string, body: CreateProjectRequest) {
    return this.request(base, token, 'POST', '/api/studio/projects', ProjectResponse, body);
  }

  listProjects(base: string, token: string) {
    return this.request(base, token, 'GET', '/api/studio/projects', ProjectListResponse);
  }

  getProject(base: string, token: string, id: string) {
    return this.request(base, token, 'GET', `/api/studio/projects/${encodeURIComponent(id)}`, ProjectResponse);
  }

  listCollaborators(base: string, token: string, id: string) {
    return this.request(base, token, 'GET', `/api/studio/projects/${encodeURIComponent(id)}/collaborators`, CollaboratorListResponse);
  }

  addCollaborator(base: string, token: string, id: string, body: AddCollaboratorRequest) {
    return this.request(base, token, 'POST', `/api/studio/projects/${encodeURIComponent(id)}/collaborators`, CollaboratorResponse, body);
  }

  listVersions(base: string, token: string, id: string) {
    return this.request(base, token, 'GET', `/api/studio/projects/${encodeURIComponent(id)}/versions`, VersionListResponse);
  }

  createVersion(base: string, token: string, id: string, name: string) {
    return this.request(base, token, 'POST', `/api/studio/projects/${encodeURIComponent(id)}/versions`, VersionResponse, { name });
  }

  restoreVersion(base: string, token: string, id: string, versionId: string) {
    return this.request(base, token, 'POST', `/api/studio/projects/${encodeURIComponent(id)}/versions/${encodeURIComponent(versionId)}/restore`, RestoreVersionResponse);
  }

  protected async request<S extends z.ZodType>(base: string, token: string, method: string, path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json', authorization: `Bearer ${token}` };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    let text: string;
    try {
      res = await (this.o.fetch ?? globalThis.fetch)(`${base}${path}`, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 10_000),
        redirect: 'error',
      });
      text = await res.text();
    } catch (e) {
      throw new EncoreError('OFFLINE', 'The Encore server cannot be reached; try again when you are online', { cause: e instanceof Error ? e.message : String(e) });
    }
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!res.ok) throw serverError(res.status, json, path);
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new EncoreError('INTERNAL', 'The Encore server sent a response this app does not understand', { path, status: res.status });
    return parsed.data;
  }
}

/** The EncoreError for a failed answer: the envelope's code when it has one this build knows. */
export function serverError(status: number, json: unknown, path: string): EncoreError {
  const envelope = Envelope.safeParse(json);
  if (!envelope.success) return new EncoreError(status >= 502 && status <= 504 ? 'OFFLINE' : 'INTERNAL', `The Encore server answered ${status}`, { path, status });
  const { code, message, details } = envelope.data.error;
  const known = ErrorCode.safeParse(code);
  return new EncoreError(known.success ? known.data : 'INTERNAL', message, known.success ? details : { ...details, serverCode: code });
}
