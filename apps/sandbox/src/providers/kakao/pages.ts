import { html, layout } from '../../html.js';
import { formTokens, personaChoices } from '../../persona-form.js';
import { type Persona } from '../../personas.js';
import { type KakaoApp } from './apps.js';

export interface ConsentPageInput {
  readonly app: KakaoApp;
  readonly personas: readonly Persona[];
  readonly requestId: string;
  readonly nonce: string;
  /** Extra consent items the authorize request asked for (`scope`). */
  readonly requestedScopes: readonly string[];
}

/** 동의항목 as Kakao names them on its consent screen. */
export const SCOPE_LABELS: Record<string, string> = {
  profile_nickname: '닉네임',
  profile_image: '프로필 사진',
  account_email: '카카오계정(이메일)',
  account_ci: '연계정보(CI)',
};

/**
 * The consent screen. The form posts to `consent` relative to the authorize URL, so the page
 * works under whatever prefix the sandbox is mounted; the two buttons share one form (and one
 * CSRF nonce) and differ by `action`.
 */
export function renderConsentPage(input: ConsentPageInput): string {
  const appName = input.app.name ?? input.app.clientId;
  const items = ['profile_nickname', 'profile_image', 'account_email', 'account_ci'];
  const extra = input.requestedScopes.filter((s) => !items.includes(s));
  const personas = input.personas.filter((p) => p.kakao !== undefined);
  return layout(
    `카카오 로그인 — ${appName}`,
    html`<h1>${appName}</h1>
      <p class="muted">카카오계정으로 로그인할 사용자를 고르세요.</p>
      <form method="post" action="consent">
        ${formTokens(input.requestId, input.nonce)}
        ${personaChoices(
          personas,
          (p) => html`${p.name} (${p.kakao?.nickname}) <span>${p.summary} · 회원번호 ${p.kakao?.id}</span>`,
        )}
        <h2>${appName}에 제공할 정보</h2>
        <ul class="scopes">
          <li>${SCOPE_LABELS.profile_nickname} <span class="muted">(필수)</span></li>
          <li>${SCOPE_LABELS.profile_image} <span class="muted">(선택)</span></li>
          <li>
            ${SCOPE_LABELS.account_email}
            <span class="muted">(선택 — 사용자에 따라 동의하지 않을 수 있음)</span>
          </li>
          ${
            input.app.ciConsentItem === true
              ? html`<li>
                  ${SCOPE_LABELS.account_ci}
                  <span class="muted"
                    >(선택 — 본인인증한 카카오계정만, 사용자에 따라 동의하지 않을 수 있음)</span
                  >
                </li>`
              : ''
          }
          ${extra.map((s) => html`<li>${SCOPE_LABELS[s] ?? s}</li>`)}
        </ul>
        <div class="actions">
          <button type="submit" name="action" value="consent" class="primary">동의하고 계속하기</button>
          <button type="submit" name="action" value="cancel" class="secondary" formnovalidate>취소</button>
        </div>
      </form>`,
  );
}
