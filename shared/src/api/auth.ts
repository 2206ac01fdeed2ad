import { z } from 'zod';
import { AccountUser, Email, Password, Username } from '../domain/user';

/** Request and response bodies of /api/auth/*. The sync-server parses with these; clients too. */
export const RegisterRequest = z.object({
  email: Email,
  username: Username,
  password: Password,
  displayName: z.string().trim().min(1).max(80).optional(),
});
export type RegisterRequest = z.infer<typeof RegisterRequest>;

/** Login by email or username. */
export const LoginRequest = z.object({
  login: z.string().trim().min(1).max(254),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const RefreshRequest = z.object({ refreshToken: z.string().min(1).max(4096) });
export const LogoutRequest = z.object({ refreshToken: z.string().min(1).max(4096).optional() });

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: Password,
});
export const ForgotPasswordRequest = z.object({ email: Email });
export const ResetPasswordRequest = z.object({ token: z.string().min(1).max(512), newPassword: Password });

export const TokenPair = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  tokenType: z.literal('Bearer'),
});
export type TokenPair = z.infer<typeof TokenPair>;

export const AuthResponse = TokenPair.extend({ user: AccountUser });
export type AuthResponse = z.infer<typeof AuthResponse>;

export const MeResponse = z.object({ user: AccountUser });
