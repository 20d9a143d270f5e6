/**
 * The stack most verify tests run against, started once per file: the infrastructure (sandbox,
 * api, Redis, key file) and one verify server over it, stopped after the file — and a signed-in
 * member's browser at a verify server.
 */
import { afterAll, beforeAll } from 'vitest';
import { signedInBrowser, type TestBrowser } from './browser';
import { startInfra, startVerifyServer, type Infra, type VerifyServer } from './harness';

export interface VerifyStack {
  readonly infra: Infra;
  readonly verify: VerifyServer;
  /** A newly signed-in member's browser at `server` (the stack's own verify server by default). */
  member(server?: VerifyServer): Promise<TestBrowser>;
}

/** Registers the file's beforeAll / afterAll; read `infra` and `verify` inside tests only. */
export function startVerifyStack(options: Parameters<typeof startInfra>[0] = {}): VerifyStack {
  let infra: Infra | undefined;
  let verify: VerifyServer | undefined;
  beforeAll(async () => {
    infra = await startInfra(options);
    verify = await startVerifyServer(infra);
  });
  afterAll(async () => {
    await verify?.close();
    await infra?.stop();
  });
  const stack: VerifyStack = {
    get infra() {
      if (!infra) throw new Error('the verify stack is not started (use it inside a test)');
      return infra;
    },
    get verify() {
      if (!verify) throw new Error('the verify stack is not started (use it inside a test)');
      return verify;
    },
    async member(server = stack.verify) {
      return (await signedInBrowser(server.url, stack.infra.api, server.auth)).browser;
    },
  };
  return stack;
}
