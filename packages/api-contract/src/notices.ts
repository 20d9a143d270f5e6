/** Notices (/notices): the list, one notice, the unread count, marking one or all read. */
import { z } from 'zod';

export const NOTICES_DEFAULT_LIMIT = 20;
export const NOTICES_MAX_LIMIT = 100;

export const noticesQuerySchema = z.object({
  limit: z.coerce
    .number({ message: 'limit must be a number' })
    .int({ message: 'limit must be a whole number' })
    .min(1, { message: 'limit must be at least 1' })
    .max(NOTICES_MAX_LIMIT, { message: `limit must be at most ${NOTICES_MAX_LIMIT}` })
    .default(NOTICES_DEFAULT_LIMIT),
});
export type NoticesQuery = z.input<typeof noticesQuerySchema>;

export const noticeSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  /** ISO 8601 */
  publishedAt: z.string(),
  read: z.boolean(),
});
export type Notice = z.infer<typeof noticeSchema>;

/** GET /notices (Bearer AT): newest first, only notices already published. */
export const noticesResponseSchema = z.object({ items: z.array(noticeSchema) });
export type NoticesResponse = z.infer<typeof noticesResponseSchema>;

/** GET /notices/unread-count (Bearer AT) */
export const unreadCountResponseSchema = z.object({ count: z.number().int().nonnegative() });
export type UnreadCountResponse = z.infer<typeof unreadCountResponseSchema>;

/** POST /notices/:id/read (Bearer AT) → 204, idempotent. */
export const noticeIdParamsSchema = z.object({ id: z.uuid({ message: 'id must be a notice id (UUID)' }) });

/** GET /notices/:id (Bearer AT): one published notice with the member's read state; 404 otherwise. */
export const noticeResponseSchema = noticeSchema;

/** POST /notices/read-all (Bearer AT): every published notice read for the member; how many were new. */
export const noticesReadAllResponseSchema = z.object({ marked: z.number().int().nonnegative() });
export type NoticesReadAllResponse = z.infer<typeof noticesReadAllResponseSchema>;
