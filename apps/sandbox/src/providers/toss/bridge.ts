import { type FastifyInstance, type FastifyReply } from 'fastify';
import { type TossContext } from './context.js';
import { TOSS_LIFETIMES, TOSS_SANDBOX_REFERRER, tossRandomToken } from './state.js';

/**
 * The Toss app's side of the apps-in-toss WebView bridge, for a browser the sandbox cannot put
 * inside the Toss app. A mini-app page calls the SDK (`@apps-in-toss/web-bridge`, re-exported by
 * `@apps-in-toss/web-framework`); the SDK talks to the app through three globals the app provides:
 *
 * - `window.ReactNativeWebView.postMessage(json)` — a call `{type: 'method', functionName, eventId, args}`;
 * - `window.__GRANITE_NATIVE_EMITTER.emit('<fn>/resolve/<eventId>', value)` or `'<fn>/reject/<eventId>'`
 *   with `{__isError: true, message, …}` — the app's answer (the SDK creates the emitter, the app emits);
 * - `window.__CONSTANT_HANDLER_MAP` — constants such as `getOperationalEnvironment` ('toss' | 'sandbox').
 *
 * `GET /toss/bridge.js?persona=<id>[&outcome=login|cancel|error]` is a script that plays those globals:
 * injected into a page (a test's init script, or by hand in the console), the page runs "inside the
 * Toss sandbox app". `appLogin()` then
 * - `login`  (default): asks `POST /toss/bridge/app-login` for a fresh authorization code of the persona
 *            (10 minutes, single use — what generate-token on the mTLS listener accepts) and resolves
 *            `{authorizationCode, referrer: 'sandbox'}`;
 * - `cancel`: rejects with `code: 'CANCELED'` (the person closed the login sheet);
 * - `error`:  rejects with `code: 'INTERNAL_ERROR'` (the app could not log in).
 * Other bridge calls reject with `code: 'UNSUPPORTED'`.
 *
 * appLogin's reference lists no rejection codes; 'CANCELED' follows the SDK's other sheets
 * (getConsentedUserData). The real app is the authority: see docs/providers/toss.md.
 */
export const TOSS_BRIDGE_OUTCOMES = ['login', 'cancel', 'error'] as const;
export type TossBridgeOutcome = (typeof TOSS_BRIDGE_OUTCOMES)[number];

/** The constants the emulated app reports (a recent Android Toss sandbox app). */
const CONSTANTS = {
  getOperationalEnvironment: 'sandbox',
  getPlatformOS: 'android',
  getTossAppVersion: '5.240.0',
  getLocale: 'ko-KR',
  getSchemeUri: 'intoss://sandbox',
  getDeviceId: 'sandbox-device',
} as const;

const PERSONA = /^[a-z0-9-]{1,64}$/;

function bridgeScript(endpoint: string, persona: string, outcome: TossBridgeOutcome): string {
  // Values are JSON-encoded (and `<` escaped) into the script: nothing from the query runs as code.
  const lit = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
  return `(() => {
  const ENDPOINT = ${lit(endpoint)};
  const PERSONA = ${lit(persona)};
  const OUTCOME = ${lit(outcome)};
  window.__CONSTANT_HANDLER_MAP = Object.assign({}, window.__CONSTANT_HANDLER_MAP, ${lit(CONSTANTS)});
  const emit = (event, value) => {
    const emitter = window.__GRANITE_NATIVE_EMITTER;
    if (emitter && typeof emitter.emit === 'function') emitter.emit(event, value);
  };
  const reject = (fn, id, code, message) =>
    emit(fn + '/reject/' + id, { __isError: true, name: 'Error', code: code, message: message });
  async function appLogin(id) {
    if (OUTCOME === 'cancel') return reject('appLogin', id, 'CANCELED', '사용자가 로그인을 취소했어요.');
    if (OUTCOME === 'error') return reject('appLogin', id, 'INTERNAL_ERROR', '토스 로그인 중 문제가 생겼어요.');
    try {
      const res = await fetch(ENDPOINT, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ persona: PERSONA }),
      });
      const body = await res.json();
      if (!res.ok) return reject('appLogin', id, 'INTERNAL_ERROR', String(body && body.message));
      emit('appLogin/resolve/' + id, { authorizationCode: body.authorizationCode, referrer: body.referrer });
    } catch (error) {
      reject('appLogin', id, 'INTERNAL_ERROR', String(error));
    }
  }
  window.ReactNativeWebView = {
    postMessage(raw) {
      let message;
      try { message = JSON.parse(raw); } catch { return; }
      if (!message || message.type !== 'method') return;
      const fn = message.functionName;
      const id = message.eventId;
      // Asynchronous, as the app's answer is: the SDK subscribes before it posts.
      setTimeout(() => {
        if (fn === 'appLogin') void appLogin(id);
        else reject(fn, id, 'UNSUPPORTED', fn + ' is not emulated by the sandbox');
      }, 0);
    },
  };
})();
`;
}

function parseBody(body: unknown): Record<string, unknown> | undefined {
  if (typeof body === 'string') {
    try {
      const parsed = JSON.parse(body) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  }
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : undefined;
}

/** The page calling the emulated app lives on the site's origin: answers readable from any origin. */
const open = (reply: FastifyReply) =>
  reply.header('access-control-allow-origin', '*').header('cache-control', 'no-store');

export function registerTossBridge(app: FastifyInstance, ctx: TossContext): void {
  app.get('/bridge.js', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const persona = query.persona;
    const outcome = query.outcome ?? 'login';
    open(reply);
    if (typeof outcome !== 'string' || !(TOSS_BRIDGE_OUTCOMES as readonly string[]).includes(outcome)) {
      return reply.code(400).send({
        error: 'invalid_request',
        message: `outcome must be one of ${TOSS_BRIDGE_OUTCOMES.join(', ')}`,
      });
    }
    if (outcome === 'login' && (typeof persona !== 'string' || !ctx.personas.has(persona))) {
      return reply.code(400).send({
        error: 'invalid_request',
        message: `persona must be one of ${[...ctx.personas.keys()].join(', ')}`,
      });
    }
    const endpoint = new URL(
      'bridge/app-login',
      `${request.protocol}://${request.host}${request.url}`,
    ).toString();
    return reply
      .type('application/javascript; charset=utf-8')
      .send(
        bridgeScript(
          endpoint,
          typeof persona === 'string' && PERSONA.test(persona) ? persona : '',
          outcome as TossBridgeOutcome,
        ),
      );
  });

  /** The app's login sheet, decided: a fresh authorization code for `persona`. */
  app.post('/bridge/app-login', async (request, reply) => {
    open(reply);
    const body = parseBody(request.body);
    const persona = body?.persona;
    const entry = typeof persona === 'string' ? ctx.personas.get(persona) : undefined;
    if (entry === undefined) {
      return reply.code(400).send({ error: 'invalid_request', message: 'unknown persona' });
    }
    const authorizationCode = tossRandomToken();
    ctx.state.codes.set(
      authorizationCode,
      { personaId: entry.persona.id, referrer: TOSS_SANDBOX_REFERRER },
      TOSS_LIFETIMES.authorizationCodeMs,
    );
    return reply.code(200).send({ authorizationCode, referrer: TOSS_SANDBOX_REFERRER });
  });
}
