import { randomBytes } from 'node:crypto';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { applyPersonaFault } from '../../faults.js';
import { type FormBody, firstRepeated, param } from '../../form-body.js';
import { isFormPost } from '../../provider-page.js';
import { safeEqual } from '../../secure.js';
import { verifyS256 } from '../kakao/pkce.js';
import { SSAFY_WRONG_ISSUER_URL } from './authorize.js';
import { type SsafyClient, type SsafyContext, type SsafyPersonaEntry, findSsafyClient } from './context.js';
import {
  SSAFY_REQUIRED_CLAIMS,
  type SsafyTokenError,
  ssafyJsonShape,
  ssafyTokenErrors,
  ssafyTokenShape,
  tokenErrorBody,
} from './errors.js';
import { signJwt, ssafySubject } from './jwt.js';
import { SSAFY_LIFETIMES, type SsafyCode } from './state.js';

const TOKEN_PARAMS = [
  'grant_type',
  'code',
  'code_verifier',
  'redirect_uri',
  'client_id',
  'client_secret',
] as const;
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * `amr` and `acr` of a verification: the member proved control of their SSAFY Mattermost account
 * with a one-time code sent by DM (guide: "Mattermost DM 코드"). `otp` is the RFC 8176 value; the
 * acr URN is the sandbox's own (SSAFY does not publish its values).
 */
export const SSAFY_AMR = ['otp'] as const;
export const SSAFY_ACR = 'urn:ssafy:verify:acr:mattermost-dm';

/** The verification_token's claims (JWT, ES256). Scope claims appear only with their scope. */
export interface SsafyVerificationClaims {
  iss: string;
  /** The client id (audience). */
  aud: string;
  exp: number;
  iat: number;
  /** Pairwise per client (see ssafySubject). */
  sub: string;
  client_id: string;
  verified: true;
  /** When the member completed verification (seconds). */
  auth_time: number;
  amr: string[];
  acr: string;
  jti: string;
  /** Granted scopes, space separated. */
  scope: string;
  /** ssafy.affiliation */
  cohort?: string;
  campus?: string;
  /** ssafy.name */
  name?: string;
  /** ssafy.profile_image: an absolute URL, or null when the member has none. */
  picture?: string | null;
  /** ssafy.mattermost_id */
  mattermost_id?: string;
}

function fail(reply: FastifyReply, request: FastifyRequest, err: SsafyTokenError): FastifyReply {
  if (err.status === 401) reply.header('www-authenticate', 'Basic realm="ssafy-verify"');
  return reply
    .code(err.status)
    .header('cache-control', 'no-store')
    .type(JSON_TYPE)
    .send(tokenErrorBody(err, request.id));
}

/**
 * Client authentication: client_id always; client_secret (in the body, as the guide's backend
 * example sends it) exactly when the client is confidential. A public client that sends a secret
 * is refused too: it means a secret was put where the guide forbids one.
 */
function authenticateClient(ctx: SsafyContext, form: FormBody): SsafyClient | SsafyTokenError {
  const client = findSsafyClient(ctx.clients, param(form, 'client_id'));
  if (client === undefined) return ssafyTokenErrors.invalidClient('unknown client_id.');
  const secret = param(form, 'client_secret');
  if (client.clientSecret === undefined) {
    if (secret !== undefined)
      return ssafyTokenErrors.invalidClient('this client is public: it has no client_secret.');
  } else if (!safeEqual(secret, client.clientSecret)) {
    return ssafyTokenErrors.invalidClient('client_secret is missing or wrong.');
  }
  return client;
}

export function buildClaims(input: {
  readonly issuer: string;
  readonly grant: SsafyCode;
  readonly entry: SsafyPersonaEntry;
  readonly nowSeconds: number;
  readonly pictureBase: string;
}): SsafyVerificationClaims {
  const { grant, entry, nowSeconds } = input;
  const { persona } = entry;
  const claims: SsafyVerificationClaims = {
    iss: input.issuer,
    aud: grant.clientId,
    exp: nowSeconds + SSAFY_LIFETIMES.tokenSeconds,
    iat: nowSeconds,
    sub: ssafySubject(grant.clientId, persona.memberId ?? persona.id),
    client_id: grant.clientId,
    verified: true,
    auth_time: grant.authTime,
    amr: [...SSAFY_AMR],
    acr: SSAFY_ACR,
    jti: randomBytes(16).toString('base64url'),
    scope: grant.scopes.join(' '),
  };
  if (grant.scopes.includes('ssafy.affiliation')) {
    claims.cohort = persona.cohort;
    claims.campus = persona.campus;
  }
  if (grant.scopes.includes('ssafy.name')) claims.name = persona.name;
  if (grant.scopes.includes('ssafy.profile_image')) {
    claims.picture = persona.hasProfileImage ? `${input.pictureBase}/static/profile/${persona.id}.svg` : null;
  }
  if (grant.scopes.includes('ssafy.mattermost_id')) claims.mattermost_id = persona.mattermostId;
  return claims;
}

/** Applies a `defect:<name>` to otherwise correct claims. */
function applyDefect(claims: SsafyVerificationClaims, defect: string | null): Record<string, unknown> {
  const out: Record<string, unknown> = { ...claims };
  if (defect === 'wrong-iss') out.iss = SSAFY_WRONG_ISSUER_URL;
  if (defect === 'expired') {
    // Issued ten minutes ago, expired five minutes ago; everything else is valid.
    out.iat = claims.iat - 600;
    out.auth_time = claims.auth_time - 600;
    out.exp = claims.iat - 300;
  }
  const missing = defect?.startsWith('missing-claim.') ? defect.slice('missing-claim.'.length) : undefined;
  if (missing !== undefined && (SSAFY_REQUIRED_CLAIMS as readonly string[]).includes(missing))
    delete out[missing];
  return out;
}

function profileSvg(name: string): string {
  const initial = [...name][0] ?? '?';
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="160" viewBox="0 0 160 160">' +
    '<rect width="160" height="160" rx="80" fill="#3396f4"/>' +
    `<text x="80" y="100" font-size="64" text-anchor="middle" fill="#fff" font-family="sans-serif">${initial
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')}</text></svg>`
  );
}

export function registerSsafyToken(app: FastifyInstance, ctx: SsafyContext): void {
  const { state } = ctx;

  /** POST https://verify.myknow.xyz/verify/token (form-encoded), grant_type=verification_code. */
  app.post('/verify/token', { config: { errorShape: ssafyTokenShape } }, async (request, reply) => {
    const body = request.body;
    if (!isFormPost(request.headers['content-type']) || body === null || typeof body !== 'object') {
      return fail(
        reply,
        request,
        ssafyTokenErrors.invalidRequest('Content-Type must be application/x-www-form-urlencoded.'),
      );
    }
    const form = body as FormBody;
    const repeated = firstRepeated(form, TOKEN_PARAMS);
    if (repeated !== undefined)
      return fail(reply, request, ssafyTokenErrors.invalidRequest(`parameter repeated: ${repeated}`));
    const grantType = param(form, 'grant_type');
    if (grantType === undefined)
      return fail(reply, request, ssafyTokenErrors.invalidRequest('grant_type is required.'));
    if (grantType !== 'verification_code')
      return fail(reply, request, ssafyTokenErrors.unsupportedGrantType());
    const client = authenticateClient(ctx, form);
    if ('status' in client) return fail(reply, request, client);

    const code = param(form, 'code');
    const grant = code === undefined ? undefined : state.codes.get(code);
    // A code issued to another client does not exist for this one.
    if (code === undefined || grant === undefined || grant.clientId !== client.clientId) {
      return fail(reply, request, ssafyTokenErrors.codeInvalid());
    }
    const entry = ctx.personas.get(grant.personaId);
    if (entry === undefined) return fail(reply, request, ssafyTokenErrors.codeInvalid());
    if (
      (await applyPersonaFault(ctx.injector, entry.faults.token, request, reply, ssafyTokenShape)) ===
      'answered'
    ) {
      return reply;
    }
    // From here every failure burns the code: a wrong redirect_uri or verifier is not retried
    // against the same code (no guessing the verifier one request at a time).
    if (!state.codes.delete(code)) return fail(reply, request, ssafyTokenErrors.codeInvalid());
    if (param(form, 'redirect_uri') !== grant.redirectUri) {
      return fail(reply, request, ssafyTokenErrors.redirectUriMismatch());
    }
    const verifier = param(form, 'code_verifier');
    if (verifier === undefined)
      return fail(reply, request, ssafyTokenErrors.pkceFailed('code_verifier is required.'));
    if (!verifyS256(verifier, grant.codeChallenge)) {
      return fail(reply, request, ssafyTokenErrors.pkceFailed('PKCE verification failed.'));
    }
    const issuer = ctx.issuer(request);
    const claims = buildClaims({
      issuer,
      grant,
      entry,
      nowSeconds: Math.floor(ctx.clock() / 1000),
      pictureBase: issuer,
    });
    const token = signJwt(ctx.key, applyDefect(claims, request.sandboxDefect), request.sandboxTamper);
    return reply
      .code(200)
      .header('cache-control', 'no-store')
      .header('pragma', 'no-cache')
      .type(JSON_TYPE)
      .send(JSON.stringify({ verification_token: token }));
  });

  /** GET https://verify.myknow.xyz/.well-known/jwks.json — the ES256 verification key. */
  app.get('/.well-known/jwks.json', { config: { errorShape: ssafyJsonShape } }, async (_request, reply) =>
    reply
      .code(200)
      .header('cache-control', 'public, max-age=300')
      .type(JSON_TYPE)
      .send(JSON.stringify({ keys: [ctx.key.jwk] })),
  );

  /** Profile images are served by the sandbox (claim `picture`), so nothing comes from the internet. */
  app.get<{ Params: { file: string } }>(
    '/static/profile/:file',
    { config: { errorShape: ssafyJsonShape } },
    async (request, reply) => {
      const match = /^([a-z0-9-]{1,64})\.svg$/.exec(request.params.file);
      const entry = match?.[1] === undefined ? undefined : ctx.personas.get(match[1]);
      if (entry === undefined || !entry.persona.hasProfileImage) {
        return reply
          .code(404)
          .type(JSON_TYPE)
          .send(JSON.stringify({ error: 'not_found' }));
      }
      return reply
        .code(200)
        .header('cache-control', 'public, max-age=3600')
        .type('image/svg+xml')
        .send(profileSvg(entry.persona.name));
    },
  );
}
