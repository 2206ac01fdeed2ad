import { z } from 'zod';
import { RegisterRequest } from './auth';

/**
 * Roles anyone may pick for themselves at registration. Moderator and admin are granted by
 * an admin (or ENCORE_ADMIN_EMAILS on the sync-server), never self-service.
 */
export const SelfServiceRole = z.enum(['listener', 'artist', 'streamer']);
export type SelfServiceRole = z.infer<typeof SelfServiceRole>;

/** RegisterRequest plus the optional self-service role (listener when absent). */
export const RegisterAccountRequest = RegisterRequest.extend({ role: SelfServiceRole.optional() });
export type RegisterAccountRequest = z.infer<typeof RegisterAccountRequest>;

/** Body of a 202 answer: the request was taken; its outcome is deliberately not told. */
export const AcceptedResponse = z.object({ accepted: z.literal(true) });
export type AcceptedResponse = z.infer<typeof AcceptedResponse>;

export const VerifyEmailResponse = z.object({ verified: z.literal(true) });
export type VerifyEmailResponse = z.infer<typeof VerifyEmailResponse>;
