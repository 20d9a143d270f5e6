/**
 * What a provider login leaves for the signup form when the person is not a member yet: the api's
 * single-use signup ticket, where to go afterwards, and a suggested nickname — sealed into a
 * short-lived HttpOnly cookie (AES-256-GCM, purpose-bound), so nothing of it is readable or
 * forgeable in the browser. Shared by the Kakao and Toss logins.
 */
export const SIGNUP_PURPOSE = 'signup';

/** How long a started login may take, and how long the signup form stays valid (provider codes last 10 min). */
export const LOGIN_TTL_MS = 10 * 60_000;

export interface SignupState {
  ticket: string;
  returnTo: string;
  nickname?: string;
  /**
   * The login's provider named a person who already is a member (the api's `existingAccount`):
   * how that member signs in. The link page (/user/link) offers to link this login to them.
   */
  existingAccount?: { providers: ('kakao' | 'toss')[] };
}
