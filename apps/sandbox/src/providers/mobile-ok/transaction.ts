import { type FastifyReply, type FastifyRequest } from 'fastify';
import { applyPersonaFault } from '../../faults.js';
import { MOK_CODES, type MokStep } from './codes.js';
import { type MokContext, type MokFaultStep, type MokPersonaEntry } from './context.js';
import { type MokBody, mokAnswer, mokShape, sendMok } from './responses.js';
import { MOK_LIMITS, type MokTransaction } from './state.js';

/** A request body as an object (anything else reads as an empty one: every field is then missing). */
export function bodyOf(request: FastifyRequest): Record<string, unknown> {
  const body = request.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as Record<string, unknown>)
    : {};
}

export type Resolved =
  { readonly ok: true; readonly tx: MokTransaction } | { readonly ok: false; readonly body: MokBody };

/**
 * Finds the transaction of `encryptMOKToken`, in the order the rules need:
 * 1. no token → 3001; not a token of this sandbox → 5015;
 * 2. 10 minutes after token/get → 5033 (guide §4, §8), even once the state is swept;
 * 3. the result was already sent → 4150 for confirm, 4000 for any other step;
 * 4. not the latest token of its transaction → 5015 (every response replaced it).
 * Answers for a known transaction presented with its latest token carry the next token.
 */
export function resolveToken(ctx: MokContext, token: unknown, step: MokStep): Resolved {
  if (typeof token !== 'string' || token === '') {
    return { ok: false, body: mokAnswer(MOK_CODES.REQUIRED_FIELD, step) };
  }
  const claims = ctx.state.tokens.open(token);
  if (claims === undefined) return { ok: false, body: mokAnswer(MOK_CODES.TOKEN_STALE, step) };
  if (ctx.clock() >= claims.createdAt + MOK_LIMITS.transactionMs) {
    return { ok: false, body: mokAnswer(MOK_CODES.TOKEN_EXPIRED, step) };
  }
  const tx = ctx.state.transactions.get(claims.handle);
  if (tx === undefined) return { ok: false, body: mokAnswer(MOK_CODES.TOKEN_STALE, step) };
  const current = claims.seq === tx.tokenSeq;
  if (tx.phase === 'completed') {
    const code = step === 'confirm' ? MOK_CODES.ALREADY_CONFIRMED : MOK_CODES.ALREADY_COMPLETED;
    return {
      ok: false,
      body: mokAnswer(code, step, current ? { encryptMOKToken: ctx.state.rotate(tx) } : {}),
    };
  }
  if (!current) return { ok: false, body: mokAnswer(MOK_CODES.TOKEN_STALE, step) };
  return { ok: true, tx };
}

/** Answers `code` for a transaction whose current token was presented: with the next token. */
export function failWith(
  ctx: MokContext,
  reply: FastifyReply,
  tx: MokTransaction,
  code: string,
  step: MokStep,
  extra: MokBody = {},
  detail?: string,
): FastifyReply {
  return sendMok(reply, mokAnswer(code, step, { encryptMOKToken: ctx.state.rotate(tx), ...extra }, detail));
}

/** The persona's fault for `step`, counted against its `faultTimes` (none once they are used up). */
function stepFault(entry: MokPersonaEntry, step: MokFaultStep) {
  const fault = entry.faults[step];
  const limit = entry.persona.faultTimes;
  if (fault === undefined || limit === undefined) return fault;
  const used = entry.faultsUsed.get(step) ?? 0;
  if (used >= limit) return undefined;
  entry.faultsUsed.set(step, used + 1);
  return fault;
}

/**
 * Applies the persona's fault for `step` (unless a header fault already applied). Returns false
 * when the fault answered. A delay lets other requests run, so afterwards the transaction must
 * still be where it was: a token spent meanwhile answers 5015, like any stale token.
 */
export async function personaFault(
  ctx: MokContext,
  request: FastifyRequest,
  reply: FastifyReply,
  tx: MokTransaction,
  entry: MokPersonaEntry,
  step: MokFaultStep,
): Promise<{ readonly proceed: true } | { readonly proceed: false }> {
  const seq = tx.tokenSeq;
  const phase = tx.phase;
  const outcome = await applyPersonaFault(
    ctx.injector,
    stepFault(entry, step),
    request,
    reply,
    mokShape(step),
  );
  if (outcome === 'answered') return { proceed: false };
  if (tx.tokenSeq !== seq || tx.phase !== phase || ctx.state.transactions.get(tx.handle) !== tx) {
    sendMok(reply, mokAnswer(MOK_CODES.TOKEN_STALE, step));
    return { proceed: false };
  }
  return { proceed: true };
}
