/**
 * HTTP statuses of the mobile-ok emulator, as the guide has them (docs/sandbox.md "HTTP statuses").
 * The guide's response tables (§4–§7) put every outcome in `resultCode` ("2000일 경우 성공, 2000이 아닐
 * 경우 에러 처리"), and its samples read that code only from an HTTP 200 body: the JSP sample reads
 * `getInputStream()` (which throws on 4xx/5xx), the .NET samples return null unless the status is
 * OK, the Node sample's axios rejects on non-2xx. So every documented refusal is HTTP 200 with its §8
 * code; only a request the service cannot read at all (9998) or its own failure (9999) is 4xx/5xx.
 * The real client is checked on each: a 200 refusal is a result error with the code, anything else
 * without a readable result code is a protocol error.
 */
import * as mok from '@mfv/verification/mobile-ok';
import { describe, expect, it } from 'vitest';
import { FAULT_HEADER } from '../src/faults.js';
import { MOK_SMS_USER } from '../src/providers/mobile-ok/personas.js';
import { authInfo, startMok } from './mok-helpers.js';

describe('mobile-ok HTTP statuses', () => {
  it('every documented refusal, at every endpoint, is HTTP 200 with its §8 result code', async () => {
    const { wire } = await startMok();
    const refusals = [
      ['token/get', await wire.tokenGet({ serviceId: 'unknown-service' }), '5023'],
      ['token/get v2', await wire.tokenGet({ version: 'v2', siteUrl: 'evil.example' }), '8006'],
    ] as [string, Awaited<ReturnType<typeof wire.tokenGet>>, string][];
    const tx = await wire.begin();
    refusals.push([
      'auth/request',
      await wire.auth(tx, { ...authInfo(MOK_SMS_USER, 'SMS'), userName: '' }),
      '3001',
    ]);
    const stale = 'not-a-token';
    refusals.push(['auth/resend', await wire.resend(stale), '5015']);
    refusals.push(['auth/call', await wire.call(stale), '5015']);
    refusals.push(['confirm/request', await wire.confirm(tx, stale, '123456'), '5015']);
    const { tx: live } = await wire.authenticated(authInfo(MOK_SMS_USER, 'SMS'));
    refusals.push(['confirm/request (wrong code)', await wire.confirm(live, live.token, '000000'), '2910']);
    for (const [step, res, code] of refusals) {
      expect({ step, status: res.status, code: res.json.resultCode }).toEqual({ step, status: 200, code });
      expect(res.json.resultMsg).not.toBe('');
    }
  });

  it('an unreadable request is HTTP 400 with 9998, the service’s own failure HTTP 5xx with 9999', async () => {
    const { wire } = await startMok();
    const garbage = await wire.post('/agent/v1/token/get', '{"serviceId":');
    expect(garbage.status).toBe(400);
    expect(garbage.json.resultCode).toBe('9998');
    const down = await wire.post('/agent/v1/confirm/request', {}, { [FAULT_HEADER]: 'status:503' });
    expect(down.status).toBe(503);
    expect(down.json.resultCode).toBe('9999');
  });

  it('the client reads a 200 refusal as a result error carrying the code, and a bodiless 5xx as a protocol error', async () => {
    const { wire } = await startMok();
    const refused = await fetch(`${wire.base}/agent/v1/auth/resend`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ encryptMOKToken: 'not-a-token' }),
    });
    expect(refused.status).toBe(200);
    const resultError = await mok.processMokResendResponse(refused).catch((err: unknown) => err);
    expect(resultError).toBeInstanceOf(mok.MokResultError);
    expect((resultError as InstanceType<typeof mok.MokResultError>).resultCode).toBe('5015');

    // A proxy or load balancer in front of the service answering 502 with HTML: no result code.
    const protocolError = await mok
      .processMokResendResponse(new Response('<html>Bad Gateway</html>', { status: 502 }))
      .catch((err: unknown) => err);
    expect(protocolError).toBeInstanceOf(mok.MokProtocolError);
    expect((protocolError as InstanceType<typeof mok.MokProtocolError>).code).toBe('MOK_UNEXPECTED_STATUS');
    // The emulator's own 5xx carries 9999: the client keeps the code, so the person sees §8's text.
    const down = await fetch(`${wire.base}/agent/v1/auth/resend`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [FAULT_HEADER]: 'status:503' },
      body: '{}',
    });
    const unknown = await mok.processMokResendResponse(down).catch((err: unknown) => err);
    expect((unknown as InstanceType<typeof mok.MokResultError>).resultCode).toBe('9999');
  });
});
