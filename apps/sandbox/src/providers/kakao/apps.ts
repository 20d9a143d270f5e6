/** An app registered with the (emulated) Kakao Developers console. */
export interface KakaoApp {
  /** REST API key, sent as `client_id`. */
  readonly clientId: string;
  /** Client secret; when set, the token endpoint requires it (Kakao KOE010). */
  readonly clientSecret?: string;
  /** Registered redirect URIs; `redirect_uri` must equal one of them exactly. */
  readonly redirectUris: readonly string[];
  /** Shown on the consent page. */
  readonly name?: string;
  /**
   * The app was granted the 연계정보(CI) consent item, `account_ci` (Kakao grants it to
   * 카카오싱크 partners on review, for matching members; developers.kakao.com › 카카오 로그인 ›
   * "제휴가 필요한 사용자 정보"). Without it no CI field appears in /v2/user/me and asking for the
   * scope is KOE205.
   */
  readonly ciConsentItem?: boolean;
}

export function findApp(apps: readonly KakaoApp[], clientId: string | undefined): KakaoApp | undefined {
  if (clientId === undefined) return undefined;
  return apps.find((app) => app.clientId === clientId);
}
