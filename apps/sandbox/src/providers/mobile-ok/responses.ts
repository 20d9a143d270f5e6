import { type FastifyReply } from 'fastify';
import { type ProviderErrorShape } from '../../error-shape.js';
import { MOK_CODES, MOK_RESULT_CODE_PATTERN, mokResultMsg, type MokStep } from './codes.js';

/** What the real service answers with (guide §4–§7: "Charset : utf-8", JSON). */
export const MOK_CONTENT_TYPE = 'application/json;charset=UTF-8';

export type MokBody = Record<string, unknown>;

/** `{resultCode, resultMsg, …extra}`; resultMsg is the guide's message for the code (codes.ts). */
export function mokAnswer(code: string, step: MokStep, extra: MokBody = {}, detail?: string): MokBody {
  return { resultCode: code, resultMsg: mokResultMsg(code, step, detail), ...extra };
}

/**
 * Every answer is HTTP 200 with a `resultCode`, failures included: the guide's response tables
 * (§4–§7) carry the outcome in `resultCode` and name no HTTP status, and its samples read the code
 * only from an HTTP 200 body (JSP `getInputStream()` throws on 4xx/5xx, .NET returns null unless OK,
 * axios rejects non-2xx). docs/sandbox.md "HTTP statuses".
 */
export function sendMok(reply: FastifyReply, body: MokBody): FastifyReply {
  return reply
    .code(200)
    .header('cache-control', 'no-store')
    .type(MOK_CONTENT_TYPE)
    .send(JSON.stringify(body));
}

/**
 * The mobile-ok error shape of one step's route. HTTP errors the sandbox itself raises (unreadable
 * body: 400 with 9998; its own 5xx: 9999 — sandbox: no response table covers them) keep the shape `{resultCode, resultMsg}`; fault `code:<4 digits>`
 * answers that code with the guide's message; fault `tamper` is for confirm/request only (the one
 * answer with a sealed result).
 */
export function mokShape(step: MokStep): ProviderErrorShape {
  return {
    contentType: MOK_CONTENT_TYPE,
    error: (status, message) =>
      JSON.stringify({
        resultCode: status >= 500 ? MOK_CODES.UNKNOWN_ERROR : MOK_CODES.BAD_REQUEST,
        resultMsg: message,
      }),
    malformed: () => '{"resultCode":"2000","resultMsg":"성공","encryptMOKToken":"',
    resultCode: (code) =>
      MOK_RESULT_CODE_PATTERN.test(code) ? JSON.stringify(mokAnswer(code, step)) : undefined,
    tamper: step === 'confirm',
  };
}
