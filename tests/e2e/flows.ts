import type { Page } from 'playwright-core';

/**
 * The happy paths a person takes through the site, against the sandbox's provider pages: one
 * place for the steps and the sandbox personas they use, shared by the e2e tests (local site)
 * and the compose smoke (the containers behind nginx). Each function starts and ends where a
 * person would and checks what they would see. No test framework here: the compose smoke is a
 * plain script.
 */

/** Waits (bounded) until `read()` gives `wanted`; throws naming what was seen last. */
export async function until<T>(
  what: string,
  read: () => Promise<T>,
  wanted: T,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await read();
      if (last === wanted) return;
    } catch {
      // not there yet
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: wanted ${JSON.stringify(wanted)}, saw ${JSON.stringify(last)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Kakao personas (apps/sandbox/src/providers/kakao/personas.ts): `prefill` is what signup suggests. */
export const KAKAO_PERSONAS = {
  leeSeoyeon: { id: 'lee-seoyeon', prefill: '서연' },
  kimMinjun: { id: 'kim-minjun', prefill: '민준' },
} as const;

/** mobile-ok SMS personas (apps/sandbox/src/providers/mobile-ok/personas.ts). */
export const MOK_PERSONAS = {
  /** KT, SMS code 234567. */
  leeSeoyeon: {
    name: '이서연',
    masked: '이*연',
    phone: '01041000002',
    birthday: '19950722',
    carrier: 'KT',
    otp: '234567',
  },
} as const;

/** KCB personas (apps/sandbox/src/providers/kcb/personas.ts). */
export const KCB_PERSONAS = {
  kimMinjun: { id: 'kim-minjun', name: '김민준', masked: '김*준', phone: '01041000001' },
} as const;

/** SSAFY personas (apps/sandbox/src/providers/ssafy/personas.ts). */
export const SSAFY_PERSONAS = {
  kimMinjun: { id: 'kim-minjun', name: '김민준', cohort: '13기', campus: '서울' },
} as const;

/** Toss personas (apps/sandbox/src/providers/toss/personas.ts): `prefill` is the decrypted name. */
export const TOSS_PERSONAS = {
  leeSeoyeon: { id: 'lee-seoyeon', prefill: '이서연' },
  /** Shares every consent item, CI included, and is nobody's member: a plain signup. */
  tranThiLan: { id: 'tran-thi-lan', prefill: '쩐티란' },
} as const;

/** On the login page: "카카오로 로그인" → the sandbox's consent page → `persona` → 동의하고 계속하기. */
export async function kakaoLogin(page: Page, persona: string): Promise<void> {
  await page.getByTestId('login-kakao').click();
  await page.waitForURL(/\/kakao\/kauth\/oauth\/authorize/);
  await page.check(`input[name="persona"][value="${persona}"]`);
  await page.getByRole('button', { name: '동의하고 계속하기' }).click();
}

/**
 * Makes `page` a page inside the Toss app's WebView: the sandbox's emulation of the app's side of the
 * apps-in-toss bridge (`/toss/bridge.js`), injected before every document of the page and into the
 * one shown now. `sandboxUrl` must be reachable from this process and the browser alike.
 * `outcome`: what the login sheet does — log in as `persona`, or `cancel` / `error`.
 */
export async function emulateTossApp(
  page: Page,
  sandboxUrl: string,
  choice: { persona: string } | { outcome: 'cancel' | 'error' },
): Promise<void> {
  const query = new URLSearchParams(
    'persona' in choice ? { persona: choice.persona } : { outcome: choice.outcome },
  );
  const res = await fetch(`${sandboxUrl}/toss/bridge.js?${query}`);
  if (!res.ok) throw new Error(`the sandbox's bridge script answered ${res.status}`);
  const script = await res.text();
  await page.addInitScript({ content: script });
  await page.evaluate(script);
}

/**
 * On the login page, inside the (emulated) Toss app: "토스로 로그인" → appLogin() answers as
 * `persona` → the page posts the code to the server and goes on.
 */
export async function tossLogin(page: Page, persona: string, sandboxUrl: string): Promise<void> {
  await emulateTossApp(page, sandboxUrl, { persona });
  await page.getByTestId('login-toss').click();
}

/**
 * A new person from the home page: 로그인 → `login` at the provider → the signup form with the
 * suggested nickname → 가입하고 시작하기 → home, signed in as `nickname`.
 */
export async function signUpFromHome(
  page: Page,
  siteUrl: string,
  login: (page: Page) => Promise<void>,
  prefill: string,
  nickname: string,
): Promise<void> {
  await page.goto(`${siteUrl}/`);
  await page.locator('[data-slot-component="user/UserMenu"] a', { hasText: '로그인' }).click();
  await page.waitForURL(/\/user\/login\?returnTo=%2F/);
  await login(page);
  await page.waitForURL(`${siteUrl}/user/signup`);
  await until('the suggested nickname', () => page.locator('#nickname').inputValue(), prefill);
  await page.fill('#nickname', nickname);
  await page.check('input[name="agreeAll"]');
  await page.getByRole('button', { name: '가입하고 시작하기' }).click();
  await page.waitForURL(`${siteUrl}/`);
  await until('the nickname in the header', () => page.getByTestId('user-nickname').textContent(), nickname);
}

/** The carrier tiles' names for a providerId (알뜰폰 → its network on the second row). */
const CARRIER_TILE: Record<string, string> = { SKT: 'SKT', KT: 'KT', LGU: 'LG U+' };
const MVNO_NETWORK: Record<string, string> = {
  SKTMVNO: 'SKT 알뜰폰',
  KTMVNO: 'KT 알뜰폰',
  LGUMVNO: 'LG U+ 알뜰폰',
};

/** On /verify/mok: the carrier tile (알뜰폰, then its network). */
export async function chooseMokCarrier(page: Page, carrier: string): Promise<void> {
  const mvno = MVNO_NETWORK[carrier];
  if (mvno !== undefined) {
    await page.getByRole('radio', { name: '알뜰폰', exact: true }).check();
    await page.getByRole('radio', { name: mvno, exact: true }).check();
  } else {
    await page.getByRole('radio', { name: CARRIER_TILE[carrier] ?? carrier, exact: true }).check();
  }
}

/**
 * The 인증 요청 form of /verify/mok (the standard window), filled for `person`: the carrier tile,
 * 약관 전체 동의, 이름, 생년월일 with 주민등록번호 뒷자리 첫 숫자 (`genderDigit`, default "2": a
 * Korean woman born in the 1900s), 휴대폰 번호.
 */
export async function fillMokForm(
  page: Page,
  person: { name: string; phone: string; birthday: string; carrier: string; genderDigit?: string },
): Promise<void> {
  await chooseMokCarrier(page, person.carrier);
  await page.getByRole('checkbox', { name: '약관 전체 동의' }).check();
  await page.getByLabel('이름', { exact: true }).fill(person.name);
  await page.getByLabel('생년월일', { exact: true }).fill(person.birthday);
  await page.getByLabel('주민등록번호 뒷자리 첫 숫자').fill(person.genderDigit ?? '2');
  await page.getByLabel('휴대폰 번호', { exact: true }).fill(person.phone);
}

/** Picks a method on /verification and goes to its page. */
export async function chooseVerification(page: Page, siteUrl: string, method: RegExp): Promise<void> {
  await page.goto(`${siteUrl}/verification`, { waitUntil: 'networkidle' });
  await page.getByRole('radio', { name: method }).click();
  await page.getByTestId('verify-go').click();
}

/** /verification → 문자(SMS) 인증 → the form → the code → the masked result. */
export async function mokSmsVerification(
  page: Page,
  siteUrl: string,
  person: (typeof MOK_PERSONAS)[keyof typeof MOK_PERSONAS],
): Promise<void> {
  await chooseVerification(page, siteUrl, /문자\(SMS\) 인증/);
  await page.waitForURL(`${siteUrl}/verify/mok?service=sms`);
  await fillMokForm(page, person);
  await page.getByTestId('mok-submit').click();
  await until('the code step', () => page.getByRole('heading', { name: '인증번호 입력' }).isVisible(), true);
  await page.getByLabel('인증번호', { exact: true }).fill(person.otp);
  await page.getByTestId('mok-confirm').click();
  await until('the masked name', () => page.getByTestId('mok-result-name').textContent(), person.masked);
}

/** On KCB's (sandbox) page: choose the person and confirm. */
export async function confirmOnKcb(kcb: Page, persona: string): Promise<void> {
  await kcb.waitForURL(/\/kcb\/safe\/CommonSvl/);
  await kcb.check(`input[name="persona"][value="${persona}"]`);
  await kcb.getByRole('button', { name: '본인확인 완료' }).click();
}

/** /verification → KCB → KCB's page in a popup → the masked result in this page. */
export async function kcbPopupVerification(
  page: Page,
  siteUrl: string,
  person: (typeof KCB_PERSONAS)[keyof typeof KCB_PERSONAS],
): Promise<void> {
  await chooseVerification(page, siteUrl, /KCB 휴대폰 본인확인/);
  await page.waitForURL(`${siteUrl}/verify/kcb`);
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('kcb-start').click()]);
  const closed = popup.waitForEvent('close');
  await confirmOnKcb(popup, person.id);
  await closed;
  await page.waitForURL(`${siteUrl}/verify/kcb/result`);
  await until('the masked name', () => page.getByTestId('kcb-result-name').textContent(), person.masked);
}

/** Waits until the SSAFY Verify SDK script has loaded (window.ssafyVerify). */
export async function ssafySdkReady(page: Page): Promise<void> {
  await until(
    'window.ssafyVerify',
    () => page.evaluate(() => typeof (window as { ssafyVerify?: unknown }).ssafyVerify),
    'object',
  );
}

/** Clicks "SSAFY 인증하기" and, on the issuer's page in the popup, picks `persona` (or cancels). */
export async function ssafyVerifyInPopup(page: Page, persona: string | 'cancel'): Promise<void> {
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByTestId('ssafy-verify-button').click(),
  ]);
  await popup.waitForURL(/\/ssafy\/verify\/authorize\?/);
  const closed = popup.waitForEvent('close');
  if (persona === 'cancel') {
    await popup.getByRole('button', { name: '취소' }).click();
  } else {
    await popup.check(`input[name="persona"][value="${persona}"]`);
    await popup.getByRole('button', { name: '인증하기' }).click();
  }
  // Our redirect-URI page hands the callback to this page and closes the popup.
  await closed;
}

/**
 * On /verify/ssafy as a phone or in-app browser: "SSAFY 인증하기" opens the issuer's page in this
 * window (no popup); `persona` verifies, and the page comes back to /verify/ssafy with the result.
 */
export async function ssafyVerifyFullPage(page: Page, siteUrl: string, persona: string): Promise<void> {
  await page.getByTestId('ssafy-verify-button').click();
  await page.waitForURL(/\/ssafy\/verify\/authorize\?/);
  await page.check(`input[name="persona"][value="${persona}"]`);
  await page.getByRole('button', { name: '인증하기' }).click();
  await page.waitForURL(`${siteUrl}/verify/ssafy`);
  await until('SSAFY done', () => page.getByTestId('ssafy-done').isVisible(), true);
}

/** /verification → SSAFY 교육생 인증 → the issuer's popup → "verified" with cohort and campus. */
export async function ssafyVerification(
  page: Page,
  siteUrl: string,
  person: (typeof SSAFY_PERSONAS)[keyof typeof SSAFY_PERSONAS],
): Promise<void> {
  await chooseVerification(page, siteUrl, /SSAFY 교육생 인증/);
  await page.waitForURL(`${siteUrl}/verify/ssafy`);
  await ssafySdkReady(page);
  await ssafyVerifyInPopup(page, person.id);
  await until('SSAFY status', () => page.getByTestId('ssafy-verify').getAttribute('data-status'), 'verified');
  await until('cohort', () => page.getByTestId('ssafy-cohort').textContent(), person.cohort);
  await until('campus', () => page.getByTestId('ssafy-campus').textContent(), person.campus);
}
