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
}

export function findApp(apps: readonly KakaoApp[], clientId: string | undefined): KakaoApp | undefined {
  if (clientId === undefined) return undefined;
  return apps.find((app) => app.clientId === clientId);
}
