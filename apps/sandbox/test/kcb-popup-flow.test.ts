import { describe, expect, it } from 'vitest';
import { KCB_EXISTING_MEMBER, KCB_FOREIGNER, KCB_RARE_SYLLABLE } from '../src/providers/kcb/personas.js';
import { testClock } from './helpers.js';
import {
  ENCRYPTED_FIELDS,
  KCB_MEMBER_CODE,
  KCB_OTHER_CLIENT_ID,
  KCB_OTHER_SECRET,
  KCB_RETURN_URL,
  KCB_RETURN_URL_WITH_QUERY,
  completeAs,
  decryptField,
  decryptFieldBytes,
  kcbPost,
  kcbToken,
  openKcbPage,
  popupResult,
  popupStart,
  startKcb,
  unwrapFieldKey,
} from './kcb-helpers.js';

describe('KCB popup flow: token → popup-start → KCB page → return_url?svc_tkn → popup-result', () => {
  it('returns the chosen person, each field AES-CBC with the enc_key field key, CP949 inside', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const started = await popupStart(url, token);
    expect(started.body).toMatchObject({ rsp_cd: 'B000', idcf_mbr_com_cd: KCB_MEMBER_CODE });
    expect(started.svc_tkn).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const page = await openKcbPage(url, started.svc_tkn);
    expect(page.response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.html).toContain('김민준');
    expect(page.html).toContain('취소');
    expect(page.html).toContain('테스트 사이트');

    const done = await completeAs(url, started.svc_tkn, KCB_EXISTING_MEMBER.id);
    expect(done.status).toBe(303);
    // The seed: svc_tkn comes back in the query string of the return URL.
    expect(done.headers.get('location')).toBe(`${KCB_RETURN_URL}?svc_tkn=${started.svc_tkn}`);

    const tranId = 'tran-0123456789abcdef';
    const res = await popupResult(url, token, started.svc_tkn, { 'x-api-tran-id': tranId });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-api-tran-id')).toBe(tranId);
    const result = (await res.json()) as Record<string, string>;
    expect(result).toMatchObject({ rsp_cd: 'B000', idcf_mbr_com_cd: KCB_MEMBER_CODE, tel_com_cd: '01' });
    expect(result.cert_dt_tm).toMatch(/^\d{14}$/);

    const key = unwrapFieldKey(started.enc_key, started.iv);
    expect(key).toHaveLength(16);
    const plain = Object.fromEntries(
      ENCRYPTED_FIELDS.map((f) => [f, decryptField(result[f] ?? '', key, started.iv)]),
    );
    expect(plain).toMatchObject({
      nm: '김민준',
      brdt: '19900315',
      // KCB's result codes (OkCert3): M 남 / F 여, L 내국인 / F 외국인.
      sex: 'M',
      ntv_frnr_cd: 'L',
      mbphn_no: '01041000001',
    });
    expect(plain.ci).toMatch(/^SANDBOX\+FAKE\+CI\+[A-Za-z0-9+/]{72}$/);
    expect(plain.ci).toHaveLength(88);
    expect(plain.di).toHaveLength(64);
    // The name is CP949 bytes, not UTF-8: 김 is 0xB1E8 in CP949.
    expect(
      decryptFieldBytes(result.nm ?? '', key, started.iv)
        .subarray(0, 2)
        .toString('hex'),
    ).toBe('b1e8');
  });

  it('a syllable outside KS X 1001 arrives as CP949 (샾 = 0x98DE) and decodes as CP949', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const started = await popupStart(url, token);
    await completeAs(url, started.svc_tkn, KCB_RARE_SYLLABLE.id);
    const result = (await (await popupResult(url, token, started.svc_tkn)).json()) as Record<string, string>;
    const key = unwrapFieldKey(started.enc_key, started.iv);
    const bytes = decryptFieldBytes(result.nm ?? '', key, started.iv);
    expect(bytes.toString('hex')).toBe('b3b2b1c398de');
    expect(decryptField(result.nm ?? '', key, started.iv)).toBe('남궁샾');
    expect(bytes.toString('utf8')).not.toBe('남궁샾');
  });

  it('a foreigner: ntv_frnr_cd F, an MVNO carrier code', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const started = await popupStart(url, token);
    await completeAs(url, started.svc_tkn, KCB_FOREIGNER.id);
    const result = (await (await popupResult(url, token, started.svc_tkn)).json()) as Record<string, string>;
    const key = unwrapFieldKey(started.enc_key, started.iv);
    expect(decryptField(result.ntv_frnr_cd ?? '', key, started.iv)).toBe('F');
    expect(decryptField(result.nm ?? '', key, started.iv)).toBe('왕웨이');
    expect(result.tel_com_cd).toBe('05');
  });

  it('a return URL with a query gets svc_tkn appended with &', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const started = await popupStart(url, token, { return_url: KCB_RETURN_URL_WITH_QUERY });
    const done = await completeAs(url, started.svc_tkn, KCB_EXISTING_MEMBER.id);
    expect(done.headers.get('location')).toBe(`${KCB_RETURN_URL_WITH_QUERY}&svc_tkn=${started.svc_tkn}`);
  });

  it('취소 returns to the return URL with the token; popup-result then answers B302, once', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const started = await popupStart(url, token);
    const done = await completeAs(url, started.svc_tkn, 'cancel');
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${KCB_RETURN_URL}?svc_tkn=${started.svc_tkn}`);
    const first = (await (await popupResult(url, token, started.svc_tkn)).json()) as Record<string, unknown>;
    expect(first.rsp_cd).toBe('B302');
    expect(first).not.toHaveProperty('nm');
    const again = (await (await popupResult(url, token, started.svc_tkn)).json()) as Record<string, unknown>;
    expect(again.rsp_cd).toBe('B300');
  });

  it('a result can be fetched once: a replayed svc_tkn answers B300 and no fields', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const started = await popupStart(url, token);
    await completeAs(url, started.svc_tkn, KCB_EXISTING_MEMBER.id);
    expect(
      ((await (await popupResult(url, token, started.svc_tkn)).json()) as { rsp_cd: string }).rsp_cd,
    ).toBe('B000');
    const replay = (await (await popupResult(url, token, started.svc_tkn)).json()) as Record<string, unknown>;
    expect(replay.rsp_cd).toBe('B300');
    expect(replay).not.toHaveProperty('nm');
  });

  it('before the user finishes, popup-result answers B301 and the transaction stays usable', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const started = await popupStart(url, token);
    expect(
      ((await (await popupResult(url, token, started.svc_tkn)).json()) as { rsp_cd: string }).rsp_cd,
    ).toBe('B301');
    await completeAs(url, started.svc_tkn, KCB_EXISTING_MEMBER.id);
    expect(
      ((await (await popupResult(url, token, started.svc_tkn)).json()) as { rsp_cd: string }).rsp_cd,
    ).toBe('B000');
  });

  it('an unknown svc_tkn answers B300', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const res = (await (await popupResult(url, token, 'never-issued')).json()) as { rsp_cd: string };
    expect(res.rsp_cd).toBe('B300');
  });

  it('a svc_tkn is bound to the client that started it: another member cannot fetch the result', async () => {
    const { url } = await startKcb();
    const token = await kcbToken(url);
    const started = await popupStart(url, token);
    await completeAs(url, started.svc_tkn, KCB_EXISTING_MEMBER.id);
    const other = await kcbToken(url, KCB_OTHER_CLIENT_ID, KCB_OTHER_SECRET);
    const stolen = await kcbPost(url, 'popup-result', other, {
      idcf_mbr_com_cd: 'TEST00000002',
      svc_tkn: started.svc_tkn,
    });
    expect(((await stolen.json()) as { rsp_cd: string }).rsp_cd).toBe('B300');
    // ... and the owner still gets it.
    expect(
      ((await (await popupResult(url, token, started.svc_tkn)).json()) as { rsp_cd: string }).rsp_cd,
    ).toBe('B000');
  });

  it('a transaction expires 10 minutes after popup-start (B300), the access token after an hour (401)', async () => {
    const clock = testClock();
    const { url } = await startKcb(clock);
    const token = await kcbToken(url);
    const started = await popupStart(url, token);
    await completeAs(url, started.svc_tkn, KCB_EXISTING_MEMBER.id);
    clock.advance(10 * 60 * 1000);
    expect(
      ((await (await popupResult(url, token, started.svc_tkn)).json()) as { rsp_cd: string }).rsp_cd,
    ).toBe('B300');
    clock.advance(50 * 60 * 1000);
    const res = await popupResult(url, token, started.svc_tkn);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { rsp_cd: string }).rsp_cd).toBe('B401');
  });
});
