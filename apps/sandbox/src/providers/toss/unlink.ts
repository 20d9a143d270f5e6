import { type FastifyInstance, type FastifyReply } from 'fastify';
import { type TossContext } from './context.js';
import { tossAdminShape } from './errors.js';

/**
 * Why Toss calls the platform's unlink callback (console "연결 끊기 콜백"; Toss 로그인 가이드): the user
 * unlinked the app in Toss (UNLINK), withdrew from the login terms (WITHDRAWAL_TERMS), or left
 * Toss altogether (WITHDRAWAL_TOSS).
 */
export const TOSS_UNLINK_REFERRERS = ['UNLINK', 'WITHDRAWAL_TERMS', 'WITHDRAWAL_TOSS'] as const;
export type TossUnlinkReferrer = (typeof TOSS_UNLINK_REFERRERS)[number];

/** What the admin endpoint answers. */
export interface TossUnlinkResult {
  /** True when the platform answered 2xx. */
  delivered: boolean;
  /** The platform's HTTP status, when it answered at all. */
  status?: number;
  userKey: number;
  referrer: TossUnlinkReferrer;
  /** Sandbox tokens of that user revoked (Toss ends the user's tokens on unlink). */
  revokedTokens: number;
  /** Why nothing was delivered (network error, timeout). */
  error?: string;
}

function json(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type(tossAdminShape.contentType)
    .send(JSON.stringify(body));
}

/**
 * `POST /toss/admin/unlink` `{userKey, referrer}` — the sandbox's own endpoint (not Toss's): it
 * plays Toss calling the platform's unlink callback, so tests can trigger one. The call goes to
 * the configured URL only (never one from the request), with `Authorization: Basic …` and
 * `{userKey, referrer}` as JSON (POST) or query parameters (GET).
 */
export function registerTossUnlink(app: FastifyInstance, ctx: TossContext): void {
  app.post('/admin/unlink', { config: { errorShape: tossAdminShape } }, async (request, reply) => {
    const body = request.body as Record<string, unknown> | null;
    const userKey = body?.userKey;
    const referrer = body?.referrer;
    if (
      !/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '') ||
      typeof userKey !== 'number' ||
      !Number.isSafeInteger(userKey) ||
      userKey <= 0 ||
      typeof referrer !== 'string' ||
      !(TOSS_UNLINK_REFERRERS as readonly string[]).includes(referrer)
    ) {
      return json(reply, 400, {
        error: 'bad_request',
        message: `JSON {userKey: positive integer, referrer: ${TOSS_UNLINK_REFERRERS.join(' | ')}} is required`,
      });
    }
    const unlink = ctx.options.unlink;
    if (unlink?.url === undefined) {
      return json(reply, 409, {
        error: 'not_configured',
        message: 'no unlink callback URL is configured (SANDBOX_TOSS_UNLINK_CALLBACK_URL)',
      });
    }
    const revokedTokens = ctx.state.revoke((issued) => issued.userKey === userKey);
    const authorization = `Basic ${Buffer.from(`${unlink.basicAuth.user}:${unlink.basicAuth.password}`, 'utf8').toString('base64')}`;
    const method = unlink.method ?? 'POST';
    const target = new URL(unlink.url);
    if (method === 'GET') {
      target.searchParams.set('userKey', String(userKey));
      target.searchParams.set('referrer', referrer);
    }
    const result: TossUnlinkResult = {
      delivered: false,
      userKey,
      referrer: referrer as TossUnlinkReferrer,
      revokedTokens,
    };
    try {
      const response = await fetch(target, {
        method,
        headers: {
          authorization,
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        ...(method === 'POST' ? { body: JSON.stringify({ userKey, referrer }) } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(unlink.timeoutMs ?? 5000),
      });
      await response.arrayBuffer().catch(() => undefined);
      result.status = response.status;
      result.delivered = response.status >= 200 && response.status < 300;
    } catch (err) {
      result.error = (err as Error).name === 'TimeoutError' ? 'timeout' : 'network error';
      request.log.warn({ err }, 'toss: unlink callback failed');
    }
    return json(reply, result.delivered ? 200 : 502, result);
  });
}
