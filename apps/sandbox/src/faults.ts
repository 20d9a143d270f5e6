import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { SANDBOX_FAULT_CEILING_MS } from '@mfv/config';
import { type ProviderErrorShape } from './error-shape.js';

/**
 * Fault injection, shared by every provider emulator.
 *
 * A fault is chosen per request with the `x-sandbox-fault` header (server-to-server calls, tests)
 * or per persona (browser flows, where nobody can set a header). Grammar, terms joined by commas:
 *
 *   delay:<ms>     wait <ms> before handling the request normally (or before the other term)
 *   status:<code>  answer with HTTP <code> (400–599) and a provider-shaped error body
 *   code:<code>    answer HTTP 200 with the provider's own result code in its error body, for
 *                  providers that report failures that way (mobile-ok `resultCode`); a route
 *                  whose provider has no such codes refuses the fault with 400
 *   malformed      answer 200 with a body in the provider's content type that does not parse
 *   tamper         answer normally, but break the integrity check of the payload the route signs
 *                  or seals (mobile-ok: a wrong hash in `encryptMOKResult`); refused with 400 on
 *                  routes without one
 *   defect:<name>  answer normally, but with the named defect the route declares (SSAFY Verify:
 *                  `defect:wrong-iss`, `defect:expired`, …); refused with 400 on other routes
 *   drop           destroy the connection at once, without an answer (a network error)
 *   hang           never answer; the connection is dropped after the ceiling (at most 60 s)
 *
 * e.g. `delay:1500`, `status:503`, `delay:200,malformed`, `code:4008`. At most one `delay` and at
 * most one of the others; a delay above 60 s is not a valid spec. When applied, delays and hangs are
 * capped at the app's ceiling (SANDBOX_FAULT_MAX_MS, at most 60 s) and are cut short when the
 * client disconnects or the app closes, so nothing outlives a test run.
 */
export const FAULT_HEADER = 'x-sandbox-fault';

export type FaultAction =
  | { kind: 'status'; status: number }
  | { kind: 'code'; code: string }
  | { kind: 'malformed' }
  | { kind: 'tamper' }
  | { kind: 'defect'; name: string }
  | { kind: 'drop' }
  | { kind: 'hang' };

export interface Fault {
  readonly delayMs: number;
  readonly action?: FaultAction;
}

export class FaultSpecError extends Error {
  override name = 'FaultSpecError';
}

const DELAY = /^delay:(\d{1,9})$/;
const STATUS = /^status:(\d{3})$/;
const CODE = /^code:([A-Za-z0-9_-]{1,32})$/;
const DEFECT = /^defect:([a-z][a-z0-9_.-]{0,47})$/;

/** Parses a fault spec; throws FaultSpecError naming the offending term. */
export function parseFault(spec: string, maxMs: number = SANDBOX_FAULT_CEILING_MS): Fault {
  const terms = spec
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (terms.length === 0) throw new FaultSpecError('empty fault spec');
  let delayMs: number | undefined;
  let action: FaultAction | undefined;
  const setAction = (next: FaultAction, term: string) => {
    if (action !== undefined)
      throw new FaultSpecError(`"${term}": only one of status, code, malformed, tamper, hang per request`);
    action = next;
  };
  for (const term of terms) {
    const delay = DELAY.exec(term);
    const status = STATUS.exec(term);
    const resultCode = CODE.exec(term);
    const defect = DEFECT.exec(term);
    if (delay) {
      if (delayMs !== undefined) throw new FaultSpecError(`"${term}": only one delay per request`);
      delayMs = Number(delay[1]);
      if (delayMs > maxMs) throw new FaultSpecError(`"${term}": delay must be at most ${maxMs} ms`);
    } else if (status) {
      const code = Number(status[1]);
      if (code < 400 || code > 599) throw new FaultSpecError(`"${term}": status must be 400–599`);
      setAction({ kind: 'status', status: code }, term);
    } else if (resultCode) {
      setAction({ kind: 'code', code: resultCode[1] as string }, term);
    } else if (term === 'malformed') {
      setAction({ kind: 'malformed' }, term);
    } else if (term === 'tamper') {
      setAction({ kind: 'tamper' }, term);
    } else if (defect) {
      setAction({ kind: 'defect', name: defect[1] as string }, term);
    } else if (term === 'drop') {
      setAction({ kind: 'drop' }, term);
    } else if (term === 'hang') {
      setAction({ kind: 'hang' }, term);
    } else {
      throw new FaultSpecError(
        `"${term}": expected delay:<ms>, status:<code>, code:<code>, malformed, tamper, defect:<name>, drop or hang`,
      );
    }
  }
  return action === undefined ? { delayMs: delayMs ?? 0 } : { delayMs: delayMs ?? 0, action };
}

/** `continue`: handle the request normally. `answered`: the fault answered (or dropped) it. */
export type FaultOutcome = 'continue' | 'answered';

declare module 'fastify' {
  interface FastifyRequest {
    /** True once a header fault was applied, so a persona's fault does not stack on top of it. */
    sandboxFaultApplied: boolean;
    /** True once a `tamper` fault applied: the handler breaks its payload's integrity check. */
    sandboxTamper: boolean;
    /** The `defect:<name>` fault applied to this request, if any: the handler answers with it. */
    sandboxDefect: string | null;
  }
}

export class FaultInjector {
  readonly #cancels = new Set<() => void>();

  /** @param maxMs cap for delays and hangs (SANDBOX_FAULT_MAX_MS, at most 60 s). */
  constructor(readonly maxMs: number) {}

  /** Requests currently held by a delay or a hang. */
  get pending(): number {
    return this.#cancels.size;
  }

  async apply(
    fault: Fault,
    request: FastifyRequest,
    reply: FastifyReply,
    shape: ProviderErrorShape,
  ): Promise<FaultOutcome> {
    request.sandboxFaultApplied = true;
    if (fault.delayMs > 0) {
      const elapsed = await this.#hold(Math.min(fault.delayMs, this.maxMs), request);
      if (!elapsed) return this.#drop(request, reply);
    }
    const action = fault.action;
    if (action === undefined) return 'continue';
    switch (action.kind) {
      case 'status':
        reply
          .code(action.status)
          .type(shape.contentType)
          .send(shape.error(action.status, `sandbox fault: HTTP ${action.status}`));
        return 'answered';
      case 'code': {
        const body = shape.resultCode?.(action.code);
        if (body === undefined) {
          const message = `sandbox fault code:${action.code} is not a result code of this provider`;
          reply.code(400).type(shape.contentType).send(shape.error(400, message));
          return 'answered';
        }
        reply.code(200).type(shape.contentType).send(body);
        return 'answered';
      }
      case 'malformed':
        reply.code(200).type(shape.contentType).send(shape.malformed());
        return 'answered';
      case 'tamper':
        if (shape.tamper !== true) {
          const message = 'sandbox fault tamper: this route has no integrity check to break';
          reply.code(400).type(shape.contentType).send(shape.error(400, message));
          return 'answered';
        }
        request.sandboxTamper = true;
        return 'continue';
      case 'defect':
        if (shape.defects?.includes(action.name) !== true) {
          const message = `sandbox fault defect:${action.name} is not a defect of this route`;
          reply.code(400).type(shape.contentType).send(shape.error(400, message));
          return 'answered';
        }
        request.sandboxDefect = action.name;
        return 'continue';
      case 'drop':
        return this.#drop(request, reply);
      case 'hang':
        reply.hijack();
        await this.#hold(this.maxMs, request);
        return this.#drop(request, reply);
    }
  }

  /** Drops every held request now; the app calls this before it closes. */
  releaseAll(): void {
    for (const cancel of [...this.#cancels]) cancel();
  }

  /** Resolves true after `ms`, or false as soon as the client disconnects or releaseAll() runs. */
  #hold(ms: number, request: FastifyRequest): Promise<boolean> {
    const socket = request.raw.socket;
    if (socket.destroyed) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      let settled = false;
      const finish = (elapsed: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.off('close', onClose);
        this.#cancels.delete(cancel);
        resolve(elapsed);
      };
      const onClose = () => finish(false);
      const cancel = () => finish(false);
      const timer = setTimeout(() => finish(true), ms);
      socket.on('close', onClose);
      this.#cancels.add(cancel);
    });
  }

  #drop(request: FastifyRequest, reply: FastifyReply): FaultOutcome {
    if (!reply.sent) reply.hijack();
    request.raw.socket.destroy();
    return 'answered';
  }
}

/**
 * Applies the `x-sandbox-fault` header on every route that declares an `errorShape`, before the
 * handler runs (so, e.g., a failed token request never consumes the authorization code).
 * A malformed header is the caller's mistake: 400 in the provider's shape, naming the problem.
 */
export function registerHeaderFaults(app: FastifyInstance, injector: FaultInjector): void {
  app.decorateRequest('sandboxFaultApplied', false);
  app.decorateRequest('sandboxTamper', false);
  app.decorateRequest('sandboxDefect', null);
  app.addHook('preHandler', async (request, reply) => {
    const shape = request.routeOptions.config.errorShape;
    const header = request.headers[FAULT_HEADER];
    if (shape === undefined || header === undefined) return;
    let fault: Fault;
    try {
      fault = parseFault(Array.isArray(header) ? header.join(',') : header);
    } catch (err) {
      if (!(err instanceof FaultSpecError)) throw err;
      request.sandboxFaultApplied = true;
      reply
        .code(400)
        .type(shape.contentType)
        .send(shape.error(400, `invalid ${FAULT_HEADER} header: ${err.message}`));
      return reply;
    }
    const outcome = await injector.apply(fault, request, reply, shape);
    if (outcome === 'answered') return reply;
  });
  app.addHook('preClose', (done) => {
    injector.releaseAll();
    done();
  });
}

/** Applies a persona's fault unless a header fault already applied to this request. */
export async function applyPersonaFault(
  injector: FaultInjector,
  fault: Fault | undefined,
  request: FastifyRequest,
  reply: FastifyReply,
  shape: ProviderErrorShape,
): Promise<FaultOutcome> {
  if (fault === undefined || request.sandboxFaultApplied) return 'continue';
  return injector.apply(fault, request, reply, shape);
}
