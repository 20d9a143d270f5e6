import { describe, expect, it } from 'vitest';
import { KCB_EXISTING_MEMBER } from '../src/providers/kcb/personas.js';
import {
  KCB_MEMBER_CODE,
  KCB_TC_VALUE,
  completeAs,
  kcbToken,
  openKcbPage,
  popupResult,
  popupStart,
  postCommonSvl,
  startKcb,
  submitKcbPage,
} from './kcb-helpers.js';

async function started() {
  const sandbox = await startKcb();
  const token = await kcbToken(sandbox.url);
  const tx = await popupStart(sandbox.url, token);
  return { url: sandbox.url, token, svcTkn: tx.svc_tkn };
}

describe('KCB page (POST /CommonSvl) checks what the browser posts', () => {
  it('sends the page security headers (no framing, no scripts, no caching)', async () => {
    const { url, svcTkn } = await started();
    const page = await openKcbPage(url, svcTkn);
    expect(page.response.headers.get('x-frame-options')).toBe('DENY');
    expect(page.response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.response.headers.get('cache-control')).toBe('no-store');
    expect(page.cookie).toMatch(/^sandbox_kcb_browser=/);
  });

  it.each([
    ['an unknown tc', { tc: 'kcb.other.Cmd', idcf_mbr_com_cd: KCB_MEMBER_CODE }],
    ['no tc', { idcf_mbr_com_cd: KCB_MEMBER_CODE }],
    ['another member code', { tc: KCB_TC_VALUE, idcf_mbr_com_cd: 'TEST00000002' }],
  ])('answers an error page for %s (no redirect)', async (_what, fields) => {
    const { url, svcTkn } = await started();
    const res = await postCommonSvl(url, { ...fields, svc_tkn: svcTkn });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('answers an error page for an unknown svc_tkn', async () => {
    const { url } = await started();
    const res = await postCommonSvl(url, {
      tc: KCB_TC_VALUE,
      idcf_mbr_com_cd: KCB_MEMBER_CODE,
      svc_tkn: 'nope',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('B300');
  });

  it('a finished transaction cannot be opened again', async () => {
    const { url, svcTkn } = await started();
    await completeAs(url, svcTkn, KCB_EXISTING_MEMBER.id);
    const res = await postCommonSvl(url, {
      tc: KCB_TC_VALUE,
      idcf_mbr_com_cd: KCB_MEMBER_CODE,
      svc_tkn: svcTkn,
    });
    expect(res.status).toBe(400);
  });

  it('refuses a confirm without the nonce of that page (403), and the transaction stays pending', async () => {
    const { url, token, svcTkn } = await started();
    const page = await openKcbPage(url, svcTkn);
    const res = await submitKcbPage(
      url,
      { request_id: page.requestId, nonce: 'forged', persona: KCB_EXISTING_MEMBER.id, action: 'confirm' },
      { cookie: page.cookie },
    );
    expect(res.status).toBe(403);
    expect(((await (await popupResult(url, token, svcTkn)).json()) as { rsp_cd: string }).rsp_cd).toBe(
      'B301',
    );
  });

  it('refuses a confirm from another browser (no cookie) and a cross-site Origin', async () => {
    const { url, svcTkn } = await started();
    const page = await openKcbPage(url, svcTkn);
    const fields = {
      request_id: page.requestId,
      nonce: page.nonce,
      persona: KCB_EXISTING_MEMBER.id,
      action: 'confirm',
    };
    expect((await submitKcbPage(url, fields)).status).toBe(403);
    expect(
      (await submitKcbPage(url, fields, { cookie: page.cookie, origin: 'http://evil.example' })).status,
    ).toBe(403);
    // The page itself still works, also with the Origin "null" browsers send under no-referrer.
    expect((await submitKcbPage(url, fields, { cookie: page.cookie, origin: 'null' })).status).toBe(303);
  });

  it('a page form is single use: a second submit is refused', async () => {
    const { url, svcTkn } = await started();
    const page = await openKcbPage(url, svcTkn);
    const fields = {
      request_id: page.requestId,
      nonce: page.nonce,
      persona: KCB_EXISTING_MEMBER.id,
      action: 'confirm',
    };
    expect((await submitKcbPage(url, fields, { cookie: page.cookie })).status).toBe(303);
    expect((await submitKcbPage(url, fields, { cookie: page.cookie })).status).toBe(400);
  });

  it('refuses an unknown persona and an unknown action', async () => {
    const { url, svcTkn } = await started();
    const page = await openKcbPage(url, svcTkn);
    const base = { request_id: page.requestId, nonce: page.nonce };
    expect(
      (await submitKcbPage(url, { ...base, persona: 'nobody', action: 'confirm' }, { cookie: page.cookie }))
        .status,
    ).toBe(400);
    expect(
      (
        await submitKcbPage(
          url,
          { ...base, persona: KCB_EXISTING_MEMBER.id, action: 'maybe' },
          { cookie: page.cookie },
        )
      ).status,
    ).toBe(400);
  });
});
