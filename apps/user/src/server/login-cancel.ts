import { safeReturnTo } from '@mfv/auth';

/**
 * Where a cancelled login goes: back to the login page, quietly, keeping the page the person came
 * from. Kakao answers a cancel on its consent screen with `error=access_denied` (Kakao Login REST
 * API, "인가 코드 받기" — 사용자가 동의 화면에서 [취소]를 누른 경우). (Toss login never leaves
 * the login page: a cancelled appLogin() just leaves it as it was.) Nothing was granted, so no error is shown. `returnTo` is the one sealed at
 * the start when the state matches, else the home page; it is checked again (same-origin path only).
 */
export function loginPageAfterCancel(loginPath: string, returnTo: string | undefined): string {
  return `${loginPath}?returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`;
}
