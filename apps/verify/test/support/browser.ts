/**
 * A browser, as far as the verify API can tell: a cookie jar, the site's Origin on every request,
 * and the CSRF token fetched from /verify/api/auth/csrf for POSTs (what `createAppClient` does).
 * Signed in (a real session of the real api) or signing up (the user remote's sealed ticket).
 */
import { cookieName, seal, type Auth } from '@mfv/auth';
import type { TestApi } from '@mfv/testkit-api';
import { TEST_API_INTERNAL_TOKEN } from '@mfv/testkit-api';
import { PUBLIC_ORIGIN } from './harness';

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
  ms: number;
}

let kakaoIds = 8_000_000_000 + Math.floor(Math.random() * 1_000_000_000);

export class TestBrowser {
  readonly cookies = new Map<string, string>();
  private csrf: string | undefined;
  /** Every URL this browser requested. */
  readonly urls: string[] = [];
  /** Sent with every request (e.g. the X-Forwarded-For our public proxy adds). */
  readonly headers: Record<string, string> = {};

  constructor(private readonly base: string) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }

  /** Applies Set-Cookie headers as a browser would (Max-Age=0 or an empty value deletes). */
  acceptCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = decodeURIComponent(pair!.slice(index + 1).trim());
      const maxAge = attributes.map((a) => a.trim()).find((a) => /^max-age=/i.test(a));
      if (value === '' || (maxAge !== undefined && Number(maxAge.split('=')[1]) <= 0))
        this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  async get<T = Record<string, unknown>>(path: string): Promise<Answer<T>> {
    return this.send<T>('GET', path, undefined);
  }

  /**
   * A top-level navigation (a provider sending the browser back): GET with the cookies, no
   * Origin, redirects not followed. Answers the status and the Location.
   */
  async navigate(path: string): Promise<{ status: number; location: string | null; headers: Headers }> {
    const url = `${this.base}${path}`;
    this.urls.push(url);
    const res = await fetch(url, {
      redirect: 'manual',
      headers: this.cookies.size ? { cookie: this.cookieHeader() } : {},
    });
    this.acceptCookies(res.headers);
    await res.arrayBuffer();
    return { status: res.status, location: res.headers.get('location'), headers: res.headers };
  }

  /** POST JSON with Origin and the CSRF token, like the page's client. */
  async post<T = Record<string, unknown>>(path: string, body: unknown = {}): Promise<Answer<T>> {
    if (this.csrf === undefined) {
      const csrf = await this.get<{ token: string }>('/verify/api/auth/csrf');
      this.csrf = csrf.body.token;
    }
    return this.send<T>('POST', path, body, { 'x-csrf-token': this.csrf, origin: PUBLIC_ORIGIN });
  }

  async send<T>(
    method: string,
    path: string,
    body: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer<T>> {
    const url = `${this.base}${path}`;
    this.urls.push(url);
    const started = performance.now();
    const res = await fetch(url, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.cookies.size ? { cookie: this.cookieHeader() } : {}),
        ...this.headers,
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    this.acceptCookies(res.headers);
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as T, headers: res.headers, ms: performance.now() - started };
  }

  /** Forget the CSRF token (a new session binds a new one). */
  resetCsrf(): void {
    this.csrf = undefined;
  }
}

/** A browser with a member's session: signed up at the real api, session stored by @mfv/auth. */
export async function signedInBrowser(
  base: string,
  api: TestApi,
  auth: Auth,
  nickname = '테스터',
): Promise<{ browser: TestBrowser; userId: string }> {
  const tokens = await api.signUp(nickname);
  const browser = new TestBrowser(base);
  const set: string[] = [];
  await auth.startSession(
    {
      getHeader: () => set,
      setHeader: (_name: string, value: string[]) => set.splice(0, set.length, ...value),
    } as never,
    tokens,
  );
  const headers = new Headers();
  for (const cookie of set) headers.append('set-cookie', cookie);
  browser.acceptCookies(headers);
  return { browser, userId: tokens.user.id };
}

/** A signed-out browser in the middle of a signup: the user remote's sealed `signup` cookie. */
export async function signingUpBrowser(
  base: string,
  api: TestApi,
  auth: Auth,
  kakaoId = String(kakaoIds++),
): Promise<{ browser: TestBrowser; signupTicket: string; kakaoId: string }> {
  const res = await fetch(`${api.url}/auth/login/kakao`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_API_INTERNAL_TOKEN}` },
    body: JSON.stringify({ kakaoId }),
  });
  const login = (await res.json()) as { status: string; signupTicket: string };
  if (login.status !== 'needsSignup') throw new Error(`expected needsSignup, got ${login.status}`);
  const browser = new TestBrowser(base);
  browser.cookies.set(
    cookieName(auth.config.cookie, 'signup'),
    seal(auth.config.keys.seal, 'signup', { ticket: login.signupTicket, returnTo: '/' }, 10 * 60_000),
  );
  return { browser, signupTicket: login.signupTicket, kakaoId };
}
