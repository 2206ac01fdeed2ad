import { Hono, type Context } from 'hono';
import { clientIp } from '../../middleware/clientIp';
import type { AppEnv } from '../../middleware/env';
import { AppPasswordCipher } from '../../services/auth/appPasswordCipher';
import type { Services } from '../../services/services';
import { authenticateSubsonic } from '../../services/subsonic/auth';
import { SubsonicAuthLimiter } from '../../services/subsonic/authLimiter';
import { SubsonicParams } from '../../services/subsonic/params';
import { missing, renderSubsonic, renderSubsonicError, SubsonicError, type SubsonicFormat, type SubsonicObject } from '../../services/subsonic/response';
import { viewerOf } from '../../services/subsonic/viewer';
import { annotationHandlers } from './annotation';
import { browsingHandlers } from './browsing';
import type { SubsonicHandler } from './call';
import { listHandlers } from './lists';
import { mediaHandlers } from './media';
import { playlistHandlers } from './playlists';
import { OPEN_SUBSONIC_EXTENSIONS, systemHandlers } from './system';

const HANDLERS: Record<string, SubsonicHandler> = { ...systemHandlers, ...browsingHandlers, ...listHandlers, ...playlistHandlers, ...annotationHandlers, ...mediaHandlers };

/** Query string, plus the form body of a POST (OpenSubsonic `formPost`). */
async function readParams(c: Context<AppEnv>): Promise<URLSearchParams> {
  const params = new URL(c.req.url).searchParams;
  if (c.req.method === 'POST') {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
    if (type === 'application/x-www-form-urlencoded') for (const [k, v] of new URLSearchParams(await c.req.text())) params.append(k, v);
    else if (type) throw new SubsonicError(0, 'Send POST parameters as application/x-www-form-urlencoded');
  }
  return params;
}

/** The client's protocol version: 1.x is spoken here; 2+ would need a newer server, 0.x a newer client. */
function checkVersion(v: string | undefined): void {
  if (!v) throw missing('v');
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(v);
  if (!m) throw new SubsonicError(0, 'Parameter v must be a version such as 1.16.1');
  const major = Number(m[1]);
  if (major > 1) throw new SubsonicError(30, 'Incompatible Subsonic REST protocol version: the server must upgrade');
  if (major < 1) throw new SubsonicError(20, 'Incompatible Subsonic REST protocol version: the client must upgrade');
}

/**
 * The OpenSubsonic API under `/rest/`: `/rest/<method>` and `/rest/<method>.view`, GET or
 * form POST, answered in XML (default) or JSON (`f=json`). Errors use Subsonic's codes in
 * its own envelope with HTTP 200, as players expect; only media answers carry other
 * statuses (206, 416). Auth: app password (`u` + `p` or `t` + `s`) or API key (`apiKey`).
 *
 * @example
 * app.route('/rest', subsonicRoutes(services));
 * // GET /rest/ping.view?u=ada&t=...&s=...&v=1.16.1&c=player&f=json
 */
export function subsonicRoutes(s: Services): Hono<AppEnv> {
  const deps = { db: s.db, cipher: new AppPasswordCipher(s.config.jwtSecret), limiter: new SubsonicAuthLimiter(s), now: () => s.clock.now() };
  const answer = (c: Context<AppEnv>, format: SubsonicFormat, payload: SubsonicObject) => {
    const { body, contentType } = renderSubsonic(format, 'ok', payload);
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  };
  const fail = (c: Context<AppEnv>, format: SubsonicFormat, e: SubsonicError) => {
    const { body, contentType } = renderSubsonicError(format, e);
    return c.body(body, 200, { 'Content-Type': contentType, 'Cache-Control': 'no-store' });
  };

  return new Hono<AppEnv>().on(['GET', 'POST'], '/:method{[A-Za-z0-9]+(?:\\.view)?}', async (c) => {
    const method = c.req.param('method').replace(/\.view$/, '');
    let format: SubsonicFormat = new URL(c.req.url).searchParams.get('f') === 'json' ? 'json' : 'xml';
    try {
      const p = new SubsonicParams(await readParams(c));
      const f = p.get('f') ?? 'xml';
      if (f !== 'xml' && f !== 'json') throw new SubsonicError(0, 'Parameter f must be xml or json');
      format = f;
      if (method === 'getOpenSubsonicExtensions') return answer(c, format, { openSubsonicExtensions: OPEN_SUBSONIC_EXTENSIONS });
      const handler = HANDLERS[method];
      checkVersion(p.get('v'));
      if (!p.get('c')) throw missing('c');
      const user = await authenticateSubsonic(deps, p, clientIp(c, s.config.trustProxy));
      if (!handler) throw new SubsonicError(0, `Unknown or unsupported method: ${method}`);
      const result = await handler({ s, viewer: viewerOf(user, s.clock.now()), p, c });
      return result instanceof Response ? result : answer(c, format, result);
    } catch (e) {
      if (e instanceof SubsonicError) return fail(c, format, e);
      c.get('log').error({ err: e, method }, 'subsonic call failed');
      return fail(c, format, new SubsonicError(0, 'Something went wrong on our side'));
    }
  });
}
