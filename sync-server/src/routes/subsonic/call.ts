import type { Context } from 'hono';
import type { AppEnv } from '../../middleware/env';
import type { Services } from '../../services/services';
import type { SubsonicParams } from '../../services/subsonic/params';
import type { SubsonicObject } from '../../services/subsonic/response';
import type { Viewer } from '../../services/subsonic/viewer';

/** One authenticated Subsonic call as a handler sees it. */
export interface SubsonicCall {
  s: Services;
  viewer: Viewer;
  p: SubsonicParams;
  c: Context<AppEnv>;
}

/** Answers a payload for the envelope, or a whole Response (media: stream, download, cover art). */
export type SubsonicHandler = (call: SubsonicCall) => Promise<SubsonicObject | Response>;
