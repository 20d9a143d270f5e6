import { type TLSSocket } from 'node:tls';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { applyPersonaFault } from '../../faults.js';
import { sandboxCi } from '../../sandbox-identity.js';
import { type TossContext, type TossPersonaEntry } from './context.js';
import { sealTossField } from './crypto.js';
import { TOSS_ERROR_CODES, tossApiShape, tossFail, tossLoginMeShape, tossSuccess } from './errors.js';
import { type TossUserScope } from './personas.js';
import { TOSS_LIFETIMES, type TossIssued, tossRandomToken } from './state.js';

/** Prefix of the login API on https://apps-in-toss-api.toss.im. */
export const TOSS_LOGIN_API_PREFIX = '/api-partner/v1/apps-in-toss/user/oauth2';

const JSON_TYPE = 'application/json;charset=UTF-8';

/** generate-token and refresh-token `success` (developers-apps-in-toss.toss.im › 토스 로그인 › 개발하기). */
export interface TossTokenSuccess {
  tokenType: 'Bearer';
  accessToken: string;
  refreshToken: string;
  /** Seconds, as a string: Toss's reference types expiresIn as string. */
  expiresIn: string;
  /** Granted permissions, comma separated (e.g. "user_name,user_phone,user_key"). */
  scope: string;
}

/** login-me `success`: fields the user did not agree to (or does not have) are null. */
export interface TossLoginMe {
  userKey: number;
  scope: string;
  agreedTerms: string[];
  /** Each: base64(IV(12) ‖ ciphertext ‖ tag(16)), AES-256-GCM, or null. */
  name: string | null;
  phone: string | null;
  birthday: string | null;
  ci: string | null;
  di: null;
  gender: string | null;
  nationality: string | null;
  email: string | null;
}

function send(reply: FastifyReply, status: number, body: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type(JSON_TYPE).send(body);
}

function fail(reply: FastifyReply, status: number, errorCode: string, reason: string): FastifyReply {
  return send(reply, status, tossFail(errorCode, reason));
}

function jsonBody(request: FastifyRequest): Record<string, unknown> | undefined {
  const body = request.body;
  if (!/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) return undefined;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  return body as Record<string, unknown>;
}

function str(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function grantedScope(entry: TossPersonaEntry): string {
  return [...entry.persona.consents, 'user_key'].join(',');
}

export function registerTossApi(app: FastifyInstance, ctx: TossContext): void {
  const { state } = ctx;

  // Defence in depth: the TLS layer already refused unauthenticated peers (rejectUnauthorized).
  app.addHook('onRequest', async (request, reply) => {
    const socket = request.raw.socket as TLSSocket;
    if (socket.authorized !== true) {
      return fail(
        reply,
        401,
        TOSS_ERROR_CODES.INVALID_PARAMETER,
        'a client certificate signed by the registered CA is required',
      );
    }
  });

  const issue = (entry: TossPersonaEntry, grantId: string, refreshToken?: string): TossTokenSuccess => {
    const issued: TossIssued = { personaId: entry.persona.id, userKey: entry.persona.userKey, grantId };
    const accessToken = tossRandomToken();
    state.accessTokens.set(accessToken, issued, TOSS_LIFETIMES.accessTokenSeconds * 1000);
    let refresh = refreshToken;
    if (refresh === undefined) {
      refresh = tossRandomToken();
      state.refreshTokens.set(refresh, issued, TOSS_LIFETIMES.refreshTokenSeconds * 1000);
    }
    return {
      tokenType: 'Bearer',
      accessToken,
      refreshToken: refresh,
      expiresIn: String(TOSS_LIFETIMES.accessTokenSeconds),
      scope: grantedScope(entry),
    };
  };

  /** POST …/generate-token `{authorizationCode, referrer}`. */
  app.post('/generate-token', { config: { errorShape: tossApiShape } }, async (request, reply) => {
    const body = jsonBody(request);
    if (body === undefined)
      return fail(reply, 400, TOSS_ERROR_CODES.INVALID_PARAMETER, 'JSON body is required.');
    const code = str(body, 'authorizationCode');
    const referrer = str(body, 'referrer');
    if (code === undefined || referrer === undefined) {
      return fail(
        reply,
        400,
        TOSS_ERROR_CODES.INVALID_PARAMETER,
        'authorizationCode and referrer are required.',
      );
    }
    const grant = state.codes.get(code);
    if (grant === undefined) {
      // A reused code revokes the tokens already issued from it (RFC 6749 §4.1.2).
      const spent = state.spentCodes.get(code);
      if (spent !== undefined) {
        const revoked = state.revoke((issued) => issued.grantId === spent.grantId);
        request.log.warn({ revoked }, 'toss: authorization code reused; tokens of its grant revoked');
      }
      return fail(
        reply,
        400,
        TOSS_ERROR_CODES.INVALID_GRANT,
        'authorization code is invalid, expired or already used.',
      );
    }
    const entry = ctx.personas.get(grant.personaId);
    if (entry === undefined)
      return fail(reply, 400, TOSS_ERROR_CODES.INVALID_GRANT, 'authorization code is invalid.');
    if (
      (await applyPersonaFault(ctx.injector, entry.faults.generateToken, request, reply, tossApiShape)) ===
      'answered'
    ) {
      return reply;
    }
    const remaining = state.codes.remainingMs(code);
    if (remaining === undefined || !state.codes.delete(code)) {
      return fail(
        reply,
        400,
        TOSS_ERROR_CODES.INVALID_GRANT,
        'authorization code is invalid, expired or already used.',
      );
    }
    const grantId = tossRandomToken();
    state.spentCodes.set(code, { grantId }, remaining);
    // The referrer must be the one appLogin returned with this code; a mismatch burns the code.
    if (referrer !== grant.referrer) {
      return fail(
        reply,
        400,
        TOSS_ERROR_CODES.INVALID_GRANT,
        'referrer does not match the authorization code.',
      );
    }
    return send(reply, 200, tossSuccess(issue(entry, grantId)));
  });

  /** POST …/refresh-token `{refreshToken}`: a new access token; the refresh token stays. */
  app.post('/refresh-token', { config: { errorShape: tossApiShape } }, async (request, reply) => {
    const body = jsonBody(request);
    const refreshToken = body === undefined ? undefined : str(body, 'refreshToken');
    if (refreshToken === undefined) {
      return fail(reply, 400, TOSS_ERROR_CODES.INVALID_PARAMETER, 'refreshToken is required.');
    }
    const issued = state.refreshTokens.get(refreshToken);
    const entry = issued === undefined ? undefined : ctx.personas.get(issued.personaId);
    if (issued === undefined || entry === undefined) {
      return fail(reply, 400, TOSS_ERROR_CODES.INVALID_GRANT, 'refresh token is invalid or expired.');
    }
    return send(reply, 200, tossSuccess(issue(entry, issued.grantId, refreshToken)));
  });

  /** GET …/login-me with `Authorization: Bearer <accessToken>`. */
  app.get('/login-me', { config: { errorShape: tossLoginMeShape } }, async (request, reply) => {
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer ([\x21-\x7e]+)$/i.exec(header);
    const issued = match?.[1] === undefined ? undefined : state.accessTokens.get(match[1]);
    const entry = issued === undefined ? undefined : ctx.personas.get(issued.personaId);
    if (issued === undefined || entry === undefined) {
      reply.header('www-authenticate', match === null ? 'Bearer' : 'Bearer error="invalid_token"');
      return fail(reply, 401, TOSS_ERROR_CODES.INVALID_TOKEN, 'access token is missing, invalid or expired.');
    }
    if (
      (await applyPersonaFault(ctx.injector, entry.faults.loginMe, request, reply, tossLoginMeShape)) ===
      'answered'
    ) {
      return reply;
    }
    const { persona } = entry;
    const { decryptKey, aad } = ctx.options;
    const consented = (scope: TossUserScope) => persona.consents.includes(scope);
    const seal = (scope: TossUserScope, value: string | undefined) =>
      consented(scope) && value !== undefined
        ? sealTossField(decryptKey, aad, value, request.sandboxTamper)
        : null;
    const me: TossLoginMe = {
      userKey: persona.userKey,
      scope: grantedScope(entry),
      agreedTerms: [...persona.agreedTerms],
      name: seal('user_name', persona.name),
      phone: seal('user_phone', persona.phone),
      birthday: seal('user_birthday', persona.birthday),
      ci: seal('user_ci', sandboxCi(persona.id)),
      di: null,
      gender: seal('user_gender', persona.gender),
      nationality: seal('user_nationality', persona.nationality),
      email: seal('user_email', persona.email),
    };
    return send(reply, 200, tossSuccess(me));
  });
}
