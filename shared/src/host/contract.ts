import { z } from 'zod';
import { AccountUser } from '../domain/user';
import { LoginRequest } from '../api/auth';
import { RegisterAccountRequest } from '../api/account';
import { analysisContract, analysisEvents } from './analysis';
import { collabContract, collabEvents } from './collab';
import { collabDocsContract, collabDocsEvents } from './collabDocs';
import { libraryContract, libraryEvents } from './library';
import { projectContract, projectEvents } from './projects';
import { mediaContract } from './media';
import { downloadsContract, downloadsEvents } from './downloads';

/**
 * The host API: everything the renderer asks of the desktop host (disk, account session,
 * settings). One contract, two transports (Electron IPC and the browser-mode WebSocket).
 * Every procedure's input and output are parsed on both sides.
 */
export const HOST_PROTOCOL_VERSION = 1;

const procedure = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });

export const AppInfo = z.object({
  name: z.literal('Encore'),
  version: z.string(),
  protocolVersion: z.number().int(),
  transport: z.enum(['electron', 'browser']),
  dataDir: z.string(),
  syncServerUrl: z.string(),
  mediaServerUrl: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const Settings = z.object({
  syncServerUrl: z.string().url(),
  mediaServerUrl: z.string().url(),
  theme: z.enum(['dark', 'light', 'system']),
});
export type Settings = z.infer<typeof Settings>;

/** The account session as the renderer sees it. The refresh token never leaves the host. */
export const Session = z.discriminatedUnion('state', [
  z.object({ state: z.literal('signed-out') }),
  z.object({
    state: z.literal('signed-in'),
    user: AccountUser,
    /** Short-lived token for calls to the servers; null while offline. */
    accessToken: z.string().nullable(),
    /** True when the server could not be reached and the user is shown from the local cache. */
    offline: z.boolean(),
  }),
]);
export type Session = z.infer<typeof Session>;

export const Connectivity = z.object({
  syncServer: z.enum(['online', 'offline']),
  checkedAt: z.string(),
});
export type Connectivity = z.infer<typeof Connectivity>;

export const hostContract = {
  'app.info': procedure(z.void(), AppInfo),
  'settings.get': procedure(z.void(), Settings),
  'settings.update': procedure(Settings.partial(), Settings),
  'connectivity.check': procedure(z.void(), Connectivity),
  'account.session': procedure(z.void(), Session),
  'account.signUp': procedure(RegisterAccountRequest, Session),
  'account.signIn': procedure(LoginRequest, Session),
  'account.signOut': procedure(z.void(), Session),
  /** Returns a fresh access token (refreshing through the server when the old one is near expiry). */
  'account.accessToken': procedure(z.void(), z.object({ accessToken: z.string().nullable() })),
  ...projectContract,
  ...libraryContract,
  ...mediaContract,
  ...analysisContract,
  ...collabContract,
  ...collabDocsContract,
  ...downloadsContract,
} as const;

export type HostContract = typeof hostContract;
export type HostMethod = keyof HostContract;
export type HostInput<M extends HostMethod> = z.input<HostContract[M]['input']>;
export type HostOutput<M extends HostMethod> = z.output<HostContract[M]['output']>;

/** One frame of the browser-mode transport: a request from the renderer... */
export const HostRequestFrame = z.object({
  v: z.literal(HOST_PROTOCOL_VERSION),
  id: z.number().int().nonnegative(),
  method: z.string().max(128),
  params: z.unknown().optional(),
});
export type HostRequestFrame = z.infer<typeof HostRequestFrame>;

const ErrorShape = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** ...and its reply (`{ok:true,value} | {ok:false,error}`), or a host-initiated event. */
export const HostReplyFrame = z.union([
  z.object({ v: z.literal(HOST_PROTOCOL_VERSION), id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ v: z.literal(HOST_PROTOCOL_VERSION), id: z.number().int(), ok: z.literal(false), error: ErrorShape }),
  z.object({ v: z.literal(HOST_PROTOCOL_VERSION), event: z.string(), payload: z.unknown() }),
]);
export type HostReplyFrame = z.infer<typeof HostReplyFrame>;

export function isHostMethod(m: string): m is HostMethod {
  return Object.prototype.hasOwnProperty.call(hostContract, m);
}

/** Host-initiated events pushed to the renderer. */
export const hostEvents = {
  'session.changed': Session,
  'connectivity.changed': Connectivity,
  ...projectEvents,
  ...libraryEvents,
  ...analysisEvents,
  ...collabEvents,
  ...collabDocsEvents,
  ...downloadsEvents,
} as const;
export type HostEvent = keyof typeof hostEvents;
