/** Members (/users): the nickname rule, signup and the member's own profile. */
import { z } from 'zod';
import { consentsGivenSchema } from './consents.js';
import { signedInResponseSchema, type SignedInResponse } from './sessions.js';

export const NICKNAME_MAX_LENGTH = 20;
const countCodePoints = (s: string) => Array.from(s).length;

/**
 * Nickname rule: trimmed, 1–20 characters (Unicode code points, so 20 Hangul syllables fit),
 * no control characters.
 */
export const nicknameSchema = z
  .string({ message: 'nickname must be a string' })
  .trim()
  .min(1, { message: 'nickname must not be empty' })
  .refine((s) => countCodePoints(s) <= NICKNAME_MAX_LENGTH, {
    message: `nickname must be at most ${NICKNAME_MAX_LENGTH} characters`,
  })
  .refine((s) => !/\p{Cc}/u.test(s), { message: 'nickname must not contain control characters' });

/** POST /users (service credential) */
export const createUserRequestSchema = z.object({
  signupTicket: z
    .string({ message: 'signupTicket must be a string' })
    .min(1, { message: 'signupTicket must not be empty' })
    .max(512, { message: 'signupTicket is too long' }),
  nickname: nicknameSchema,
  /** The items the person agreed to, each with the version shown; every required one (consents.ts). */
  consents: consentsGivenSchema,
});
export type CreateUserRequest = z.infer<typeof createUserRequestSchema>;
export const createUserResponseSchema = signedInResponseSchema;
export type CreateUserResponse = SignedInResponse;

/** GET /users/me (Bearer AT) */
export const meResponseSchema = z.object({
  id: z.string(),
  nickname: z.string(),
  email: z.string().optional(),
  /** ISO 8601 */
  createdAt: z.string(),
});
export type MeResponse = z.infer<typeof meResponseSchema>;
