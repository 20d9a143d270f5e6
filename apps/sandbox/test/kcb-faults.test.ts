import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { FAULT_HEADER } from '../src/faults.js';
import {
  KCB_EXISTING_MEMBER,
  KCB_MALFORMED,
  KCB_PAGE_OUTAGE,
  KCB_PERSONAS,
  KCB_RESULT_ERROR,
  KCB_SLOW,
  KCB_WRONG_KEY,
  type KcbPersona,
} from '../src/providers/kcb/personas.js';
import { TEST_APPS } from './helpers.js';
import {
  TEST_KCB,
  completeAs,
  decryptField,
  kcbPost,
  kcbToken,
  openKcbPage,
  popupResult,
  popupStart,
  startBody,
  startKcb,
  submitKcbPage,
  unwrapFieldKey,
} from './kcb-helpers.js';

async function finishedAs(persona: string) {
  const { url } = await startKcb();
  const token = await kcbToken(url);
  const tx = await popupStart(url, token);
  await completeAs(url, tx.svc_tkn, persona);
  return { url, token, tx };
}

/** Decrypts nm, or reports that decryption failed. */
function tryName(value: string, encKey: string, iv: string): string | Error {
  try {
    return decryptField(value, unwrapFieldKey(encKey, iv), iv);
  } catch (err) {
    return err as Error;
  }
}

describe('KCB faults by persona', () => {
  it('error rsp_cd: popup-result answers HTTP 200 with B900 and no fields', async () => {
    const { url, token, tx } = await finishedAs(KCB_RESULT_ERROR.id);
    const res = await popupResult(url, token, tx.svc_tkn);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.rsp_cd).toBe('B900');
    expect(body).not.toHaveProperty('nm');
  });

  it('malformed: popup-result answers 200 with a JSON content type and a body that does not parse', async () => {
    const { url, token, tx } = await finishedAs(KCB_MALFORMED.id);
    const res = await popupResult(url, token, tx.svc_tkn);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    expect(() => JSON.parse(text) as unknown).toThrow();
  });

  it('wrong key: the fields do not decrypt with the enc_key of the transaction', async () => {
    const { url, token, tx } = await finishedAs(KCB_WRONG_KEY.id);
    const body = (await (await popupResult(url, token, tx.svc_tkn)).json()) as Record<string, string>;
    expect(body.rsp_cd).toBe('B000');
    const name = tryName(body.nm ?? '', tx.enc_key, tx.iv);
    expect(name).not.toBe(KCB_WRONG_KEY.name);
  });

  it('delay: popup-result answers about 2 s late', async () => {
    const { url, token, tx } = await finishedAs(KCB_SLOW.id);
    const started = Date.now();
    const res = await popupResult(url, token, tx.svc_tkn);
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
  });

  it("outage: KCB's page answers 503 when the user confirms, and the transaction stays pending", async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const tx = await popupStart(url, token);
    const page = await openKcbPage(url, tx.svc_tkn);
    const res = await submitKcbPage(
      url,
      { request_id: page.requestId, nonce: page.nonce, persona: KCB_PAGE_OUTAGE.id, action: 'confirm' },
      { cookie: page.cookie },
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('location')).toBeNull();
    expect(((await (await popupResult(url, token, tx.svc_tkn)).json()) as { rsp_cd: string }).rsp_cd).toBe(
      'B301',
    );
  });
});

describe('KCB faults by x-sandbox-fault header', () => {
  it('code:<rsp_cd> answers that failure code, and the result stays fetchable', async () => {
    const { url, token, tx } = await finishedAs(KCB_EXISTING_MEMBER.id);
    const res = await popupResult(url, token, tx.svc_tkn, { [FAULT_HEADER]: 'code:B900' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { rsp_cd: string }).rsp_cd).toBe('B900');
    expect(((await (await popupResult(url, token, tx.svc_tkn)).json()) as { rsp_cd: string }).rsp_cd).toBe(
      'B000',
    );
  });

  it('code:<not a KCB code> is refused with 400', async () => {
    const { url, token, tx } = await finishedAs(KCB_EXISTING_MEMBER.id);
    const res = await popupResult(url, token, tx.svc_tkn, { [FAULT_HEADER]: 'code:4008' });
    expect(res.status).toBe(400);
  });

  it('tamper on popup-result seals the fields with another key', async () => {
    const { url, token, tx } = await finishedAs(KCB_EXISTING_MEMBER.id);
    const body = (await (
      await popupResult(url, token, tx.svc_tkn, { [FAULT_HEADER]: 'tamper' })
    ).json()) as Record<string, string>;
    expect(body.rsp_cd).toBe('B000');
    expect(tryName(body.nm ?? '', tx.enc_key, tx.iv)).not.toBe('김민준');
  });

  it('tamper on popup-start is refused (nothing there to break)', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const res = await kcbPost(url, 'popup-start', token, startBody(), { [FAULT_HEADER]: 'tamper' });
    expect(res.status).toBe(400);
  });

  it("status:503 answers in KCB's shape (B900) without opening a transaction", async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const res = await kcbPost(url, 'popup-start', token, startBody(), { [FAULT_HEADER]: 'status:503' });
    expect(res.status).toBe(503);
    expect(((await res.json()) as { rsp_cd: string }).rsp_cd).toBe('B900');
  });

  it('malformed on the token endpoint, and delay', async () => {
    const { url } = await startKcb();
    const res = await fetch(`${url}/kcb/api/v1/oauth2/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', [FAULT_HEADER]: 'malformed' },
      body: 'grant_type=client_credentials',
    });
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
    const token = await kcbToken(url);
    const started = Date.now();
    await kcbPost(url, 'popup-start', token, startBody(), { [FAULT_HEADER]: 'delay:300' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe('KCB persona table', () => {
  it('refuses at startup a persona fault the step does not support', () => {
    const bad: KcbPersona = {
      ...KCB_EXISTING_MEMBER,
      id: 'x',
      phone: '01099999999',
      faults: { page: 'tamper' },
    };
    expect(() => buildApp({ kakao: TEST_APPS, kcb: { ...TEST_KCB, personas: [bad] } })).toThrow(
      /kcb\.faults\.page/,
    );
    const badCode: KcbPersona = {
      ...KCB_EXISTING_MEMBER,
      id: 'y',
      phone: '01099999998',
      faults: { result: 'code:Z999' },
    };
    expect(() => buildApp({ kakao: TEST_APPS, kcb: { ...TEST_KCB, personas: [badCode] } })).toThrow(
      /code:Z999/,
    );
  });

  it('refuses a member code that is not 12 characters (the AES key would not be 16 bytes)', () => {
    const clients = [{ ...TEST_KCB.clients[0]!, memberCode: 'SHORT' }];
    expect(() => buildApp({ kakao: TEST_APPS, kcb: { clients } })).toThrow(/12 letters or digits/);
  });

  it('every shipped persona is valid', async () => {
    const app = buildApp({ kakao: TEST_APPS, kcb: { ...TEST_KCB, personas: KCB_PERSONAS } });
    expect(app.sandbox.kcb?.personas.size).toBe(KCB_PERSONAS.length);
    await app.close();
  });
});
