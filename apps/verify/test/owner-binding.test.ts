/**
 * docs/security.md F5: a verification transaction was bound only to the `mfv_vtx` cookie and its
 * owner looked up at confirm time, so a transaction started by one member could be completed —
 * and the result attached — in another member's session of the same browser. Now every step
 * must come from whom the transaction was started for.
 */
import { MOK_SMS_USER } from '@mfv/sandbox/mok-personas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInBrowser, TestBrowser } from './support/browser';
import { startAndRequest } from './support/flows';
import { startInfra, startVerifyServer, twin, type Infra, type VerifyServer } from './support/harness';

const PERSON = twin(MOK_SMS_USER, 'owner-binding');
const PERSON_TWO = twin(MOK_SMS_USER, 'ticket-owner');

let infra: Infra;
let verify: VerifyServer;

beforeAll(async () => {
  infra = await startInfra({ personas: [PERSON, PERSON_TWO] });
  verify = await startVerifyServer(infra);
}, 60_000);

afterAll(async () => {
  await verify?.close();
  await infra?.stop();
});

describe('a transaction belongs to whom it was started for (F5)', () => {
  it("another member's session with the same transaction cookie: 403, nothing confirmed; the owner still finishes", async () => {
    const { browser: starter } = await signedInBrowser(verify.url, infra.api, verify.auth);
    await startAndRequest(starter, 'sms', PERSON);
    const { browser: other } = await signedInBrowser(verify.url, infra.api, verify.auth);
    other.cookies.set('mfv_vtx', starter.cookies.get('mfv_vtx') as string);

    for (const step of ['/verify/api/mok/resend', '/verify/api/mok/confirm']) {
      const refused = await other.post(step, {
        ...(step.endsWith('confirm') ? { authNumber: PERSON.otp } : {}),
      });
      expect(refused.status, step).toBe(403);
      expect(refused.body).toEqual({
        code: 'VERIFICATION_OWNER_MISMATCH',
        message: expect.stringMatching(/다른 계정/),
        restart: true,
      });
    }

    const confirmed = await starter.post('/verify/api/mok/confirm', { authNumber: PERSON.otp });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ status: 'verified', ticket: expect.any(String) });
  }, 60_000);
});

describe('a result ticket redeems only for whom the result belongs to (F6)', () => {
  it('another member or an anonymous browser: refused, and the ticket stays for its owner', async () => {
    const { browser: owner } = await signedInBrowser(verify.url, infra.api, verify.auth);
    await startAndRequest(owner, 'sms', PERSON_TWO);
    const confirmed = await owner.post('/verify/api/mok/confirm', { authNumber: PERSON_TWO.otp });
    expect(confirmed.status).toBe(200);
    const { ticket } = confirmed.body as { ticket: string };

    const { browser: stranger } = await signedInBrowser(verify.url, infra.api, verify.auth);
    const refused = await stranger.post('/verify/api/verification/result', { ticket });
    expect(refused.status).toBe(404);
    expect(refused.body).toMatchObject({ code: 'RESULT_NOT_FOUND' });
    const anonymous = new TestBrowser(verify.url);
    expect((await anonymous.post('/verify/api/verification/result', { ticket })).status).toBe(401);

    const mine = await owner.post('/verify/api/verification/result', { ticket });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ attachedTo: 'member' });
  }, 60_000);
});
