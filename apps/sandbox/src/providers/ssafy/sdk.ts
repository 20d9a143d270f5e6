/**
 * The hosted SDK, `GET <issuer>/sdk/ssafy-verify.js`, as SSAFY Verify 플랫폼 가이드 (Vue/Nuxt)
 * documents it ("Vue composable 추가"): it defines `window.ssafyVerify` with
 *
 *   verify({ clientId, redirectUri, scopes, waitForCallback: true })
 *     → Promise<{ code, error, iss, error_code, request_id, codeVerifier }>
 *   handleCallback({ targetOrigin? }) → boolean
 *
 * exactly those fields; an option the guide does not document (`state`…) is ignored. With
 * `?variant=returns-state` on the script URL the result also carries the SDK's own `state` (a
 * real SDK might): the platform must work either way.
 *
 * Who does what (guide): the SDK creates `state` and the PKCE pair
 * (code_verifier: 64 characters of RFC 7636 "unreserved", code_challenge = BASE64URL(SHA-256)),
 * opens the issuer's verification page in a popup (`/verify/authorize?client_id&redirect_uri&scope&
 * state&code_challenge&code_challenge_method=S256`), and resolves "only after callback state
 * matches the request state". The issuer redirects the popup to the platform's redirect_uri with
 * `code, state, iss` (or `error, error_code, request_id, state, iss`); that page loads this same
 * script, which posts the query to `window.opener`. The platform's backend then exchanges the code
 * with the codeVerifier at /verify/token.
 *
 * Strict origin checks on both sides:
 *  - the popup (redirect-URI page) posts with targetOrigin = its own origin, never "*": the
 *    browser delivers the message only if the opener is on the redirect URI's origin;
 *    `handleCallback` refuses any other targetOrigin;
 *  - the opener accepts a message only if `event.source` is the popup it opened, `event.origin`
 *    is the redirect URI's origin, `data.source` is "ssafy-verify.callback" and `data.state` is the
 *    state of this very request; anything else is ignored (the Promise keeps waiting).
 * Hence `redirectUri` must be on the origin of the page that calls verify(); verify() rejects
 * otherwise (VERIFY_POPUP_FAILED) instead of waiting for a message that cannot arrive.
 *
 * Outcomes: a callback message resolves (with `error`/`error_code` on failure); the popup closed
 * without a callback resolves error "popup_closed", error_code VERIFY_CANCELLED; a blocked popup,
 * bad options or no WebCrypto reject with an Error carrying `error_code` (VERIFY_POPUP_FAILED or
 * SDK_NOT_READY) and `request_id: null`. After 10 minutes without a callback the Promise resolves
 * error "timeout", error_code VERIFY_POPUP_FAILED.
 *
 * The script is plain ES2017 with no dependencies; the sandbox serves it as text/javascript.
 */
export const SSAFY_SDK_MESSAGE_SOURCE = 'ssafy-verify.callback';
export const SSAFY_SDK_POPUP_PREFIX = 'ssafy-verify:';

/** Script variants (`?variant=`): how a real SDK might differ from the documented contract. */
export const SSAFY_SDK_VARIANTS = ['returns-state'] as const;
export type SsafySdkVariant = (typeof SSAFY_SDK_VARIANTS)[number];

export function isSsafySdkVariant(value: unknown): value is SsafySdkVariant {
  return typeof value === 'string' && (SSAFY_SDK_VARIANTS as readonly string[]).includes(value);
}

export function renderSdk(issuer: string, variant?: SsafySdkVariant): string {
  return `/* SSAFY Verify hosted SDK — mfv sandbox emulation. Not the real SDK. */
(function () {
  'use strict';
  var ISSUER = ${JSON.stringify(issuer)};
  var MESSAGE_SOURCE = ${JSON.stringify(SSAFY_SDK_MESSAGE_SOURCE)};
  var POPUP_PREFIX = ${JSON.stringify(SSAFY_SDK_POPUP_PREFIX)};
  var UNRESERVED = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~';
  var TIMEOUT_MS = 10 * 60 * 1000;
  var RETURNS_STATE = ${JSON.stringify(variant === 'returns-state')};

  // The issuer base is where this script came from (…/sdk/ssafy-verify.js), else the baked issuer.
  var script = document.currentScript;
  var match = script && script.src ? /^(.*)\\/sdk\\/ssafy-verify\\.js(?:[?#].*)?$/.exec(script.src) : null;
  var BASE = match ? match[1] : ISSUER;

  function randomString(length) {
    var values = new Uint32Array(length);
    window.crypto.getRandomValues(values);
    var out = '';
    for (var i = 0; i < values.length; i++) out += UNRESERVED.charAt(values[i] % UNRESERVED.length);
    return out;
  }

  function base64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = '';
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return window.btoa(binary).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
  }

  function failure(code, message) {
    var error = new Error(message);
    error.error_code = code;
    error.request_id = null;
    return error;
  }

  function text(value) {
    return typeof value === 'string' && value !== '' ? value : null;
  }

  function verify(options) {
    options = options || {};
    if (options.waitForCallback !== true) {
      return Promise.reject(failure('VERIFY_POPUP_FAILED', 'ssafyVerify.verify: waitForCallback must be true'));
    }
    if (typeof options.clientId !== 'string' || options.clientId === '') {
      return Promise.reject(failure('VERIFY_POPUP_FAILED', 'ssafyVerify.verify: clientId is required'));
    }
    var scopes = Array.isArray(options.scopes) ? options.scopes.slice() : [];
    if (scopes.indexOf('ssafy.verify') === -1) {
      return Promise.reject(failure('VERIFY_POPUP_FAILED', 'ssafyVerify.verify: scopes must include ssafy.verify'));
    }
    var redirectOrigin;
    try {
      redirectOrigin = new URL(options.redirectUri).origin;
    } catch (e) {
      return Promise.reject(failure('VERIFY_POPUP_FAILED', 'ssafyVerify.verify: redirectUri must be an absolute URL'));
    }
    if (redirectOrigin !== window.location.origin) {
      return Promise.reject(
        failure('VERIFY_POPUP_FAILED', 'ssafyVerify.verify: redirectUri must be on this page\\'s origin (' + window.location.origin + ')'),
      );
    }
    if (!window.crypto || !window.crypto.subtle) {
      return Promise.reject(failure('SDK_NOT_READY', 'ssafyVerify.verify: WebCrypto is not available (use https or localhost)'));
    }
    // The SDK's own state, always: an undocumented options.state is ignored.
    var state = randomString(32);
    var codeVerifier = randomString(64);
    // Opened synchronously, inside the user's click, so no popup blocker stops it.
    var popup = window.open('about:blank', POPUP_PREFIX + randomString(16), 'popup,width=480,height=720');
    if (!popup) return Promise.reject(failure('VERIFY_POPUP_FAILED', 'ssafyVerify.verify: the popup was blocked'));

    return new Promise(function (resolve, reject) {
      var settled = false;
      var poll = 0;
      var timer = 0;
      function cleanup() {
        settled = true;
        window.removeEventListener('message', onMessage);
        window.clearInterval(poll);
        window.clearTimeout(timer);
      }
      function finish(result) {
        if (settled) return;
        cleanup();
        if (RETURNS_STATE) result.state = state;
        resolve(result);
      }
      function failed(error, errorCode) {
        return {
          code: null,
          iss: null,
          error: error,
          error_code: errorCode,
          request_id: null,
          codeVerifier: codeVerifier,
        };
      }
      function onMessage(event) {
        if (event.source !== popup) return;
        if (event.origin !== redirectOrigin) return;
        var data = event.data;
        if (!data || typeof data !== 'object' || data.source !== MESSAGE_SOURCE) return;
        if (data.state !== state) return;
        finish({
          code: text(data.code),
          iss: text(data.iss),
          error: text(data.error),
          error_code: text(data.error_code),
          request_id: text(data.request_id),
          codeVerifier: codeVerifier,
        });
        try {
          popup.close();
        } catch (e) {
          /* already closed */
        }
      }
      window.addEventListener('message', onMessage);
      poll = window.setInterval(function () {
        if (!popup.closed) return;
        window.clearInterval(poll);
        // A callback posted just before the popup closed is still in the task queue: let it land.
        window.setTimeout(function () {
          finish(failed('popup_closed', 'VERIFY_CANCELLED'));
        }, 300);
      }, 250);
      timer = window.setTimeout(function () {
        finish(failed('timeout', 'VERIFY_POPUP_FAILED'));
      }, TIMEOUT_MS);

      window.crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier)).then(
        function (digest) {
          if (settled) return;
          var url = new URL(BASE + '/verify/authorize');
          url.searchParams.set('client_id', options.clientId);
          url.searchParams.set('redirect_uri', options.redirectUri);
          url.searchParams.set('scope', scopes.join(' '));
          url.searchParams.set('state', state);
          url.searchParams.set('code_challenge', base64url(digest));
          url.searchParams.set('code_challenge_method', 'S256');
          popup.location.replace(url.toString());
        },
        function () {
          cleanup();
          try {
            popup.close();
          } catch (e) {
            /* ignore */
          }
          reject(failure('SDK_NOT_READY', 'ssafyVerify.verify: SHA-256 failed'));
        },
      );
    });
  }

  function handleCallback(options) {
    options = options || {};
    var target = options.targetOrigin === undefined ? window.location.origin : options.targetOrigin;
    if (target !== window.location.origin) {
      throw failure('VERIFY_POPUP_FAILED', 'ssafyVerify.handleCallback: targetOrigin must be this page\\'s origin');
    }
    if (!window.opener) return false;
    var params = new URLSearchParams(window.location.search);
    window.opener.postMessage(
      {
        source: MESSAGE_SOURCE,
        code: params.get('code'),
        state: params.get('state'),
        iss: params.get('iss'),
        error: params.get('error'),
        error_code: params.get('error_code'),
        request_id: params.get('request_id'),
        message: params.get('message'),
      },
      target,
    );
    return true;
  }

  window.ssafyVerify = Object.freeze({ verify: verify, handleCallback: handleCallback, issuer: BASE });

  // On the redirect URI page inside the popup: hand the result back to the opener, then close.
  // (The message only reaches an opener on this page's origin; see handleCallback.)
  var query = new URLSearchParams(window.location.search);
  if (window.opener && query.has('state') && (query.has('code') || query.has('error'))) {
    try {
      if (handleCallback({})) {
        window.setTimeout(function () {
          window.close();
        }, 50);
      }
    } catch (e) {
      /* not our callback */
    }
  }
})();
`;
}
