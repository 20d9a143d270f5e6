/**
 * The popup-result shapes public KCB integrations accept beyond the default (personas.ts `wire`):
 * plain-text fields, a name encrypted as UTF-8 bytes, 성별/내외국인 as 1/2, and no optional
 * metadata. Each persona answers its shape, and only that difference.
 */
import { describe, expect, it } from 'vitest';
import {
  KCB_DIGIT_CODES,
  KCB_MINIMAL_RESULT,
  KCB_PLAIN_RESULT,
  KCB_UTF8_NAME,
  type KcbPersona,
} from '../src/providers/kcb/personas.js';
import { sandboxCi } from '../src/sandbox-identity.js';
import {
  completeAs,
  decryptField,
  decryptFieldBytes,
  kcbToken,
  popupResult,
  popupStart,
  startKcb,
  unwrapFieldKey,
} from './kcb-helpers.js';

async function resultOf(persona: KcbPersona) {
  const { url } = await startKcb();
  const token = await kcbToken(url);
  const started = await popupStart(url, token);
  await completeAs(url, started.svc_tkn, persona.id);
  const res = await popupResult(url, token, started.svc_tkn);
  expect(res.status).toBe(200);
  const body = (await res.json()) as Record<string, string>;
  return { body, key: unwrapFieldKey(started.enc_key, started.iv), iv: started.iv };
}

describe('popup-result wire variants', () => {
  it('plain: every identity field is the value itself, no ciphertext', async () => {
    const { body } = await resultOf(KCB_PLAIN_RESULT);
    expect(body).toMatchObject({
      rsp_cd: 'B000',
      nm: KCB_PLAIN_RESULT.name,
      brdt: KCB_PLAIN_RESULT.birthdate,
      sex: 'F',
      ntv_frnr_cd: 'L',
      mbphn_no: KCB_PLAIN_RESULT.phone,
    });
    expect(body.ci).toBe(sandboxCi(KCB_PLAIN_RESULT.id));
  });

  it('utf-8 name: the name decrypts to UTF-8 bytes (which CP949 would misread), the rest stays CP949', async () => {
    const { body, key, iv } = await resultOf(KCB_UTF8_NAME);
    const bytes = decryptFieldBytes(body.nm ?? '', key, iv);
    expect(bytes.toString('utf8')).toBe(KCB_UTF8_NAME.name);
    expect(bytes.length).toBe(Buffer.byteLength(KCB_UTF8_NAME.name, 'utf8'));
    expect(decryptField(body.sex ?? '', key, iv)).toBe('M');
  });

  it('digit codes: 성별 and 내외국인 as 1/2', async () => {
    const { body, key, iv } = await resultOf(KCB_DIGIT_CODES);
    expect(decryptField(body.sex ?? '', key, iv)).toBe('2');
    expect(decryptField(body.ntv_frnr_cd ?? '', key, iv)).toBe('1');
  });

  it('minimal: no tel_com_cd, cert_dt_tm, echoes, brdt, sex or ntv_frnr_cd; name, phone, CI and DI are there', async () => {
    const { body, key, iv } = await resultOf(KCB_MINIMAL_RESULT);
    for (const field of [
      'tel_com_cd',
      'cert_dt_tm',
      'idcf_mbr_com_cd',
      'rqst_svc_tx_seqno',
      'brdt',
      'sex',
      'ntv_frnr_cd',
    ])
      expect(body).not.toHaveProperty(field);
    for (const field of ['nm', 'mbphn_no', 'ci', 'di'])
      expect(decryptField(body[field] ?? '', key, iv)).not.toBe('');
  });
});
