/**
 * Who is calling: the per-request AuthContext and the types withAuth / withAuthSSR hand out
 * (docs/auth.md).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { decodeJwt } from 'jose';
import type { NextApiRequest, NextApiResponse } from 'next';
import type { z } from 'zod';
import { callApi, type BackendCall } from './backend.js';
import type { AuthConfig } from './env.js';
import type { AccessClaims } from './preflight.js';

/** Who is calling, attached as `req.auth` for API routes and handed to SSR callbacks. */
export interface AuthContext {
  sub: string;
  sid: string;
  scopes: string[];
  nickname?: string;
  accessToken: string;
  requestId: string;
  /** Calls the api as this user (`Authorization: Bearer`, never the browser's cookies). */
  api<S extends z.ZodType | undefined = undefined>(
    path: string,
    call?: Omit<BackendCall<S>, 'accessToken' | 'internal' | 'requestId'>,
  ): Promise<S extends z.ZodType ? z.infer<S> : unknown>;
}

export interface Viewer {
  id: string;
  nickname: string | null;
}

export type ViewerState =
  /** `auth` calls the api as this member (server side only: never put it in page props). */
  | { status: 'signed-in'; viewer: Viewer; auth: AuthContext }
  | { status: 'anonymous' }
  /** Signed in, but the session could not be refreshed right now (Redis or the api away). */
  | { status: 'unavailable' };

export type AuthedApiRequest = NextApiRequest & { auth: AuthContext };
export type AuthedHandler = (req: AuthedApiRequest, res: NextApiResponse) => unknown | Promise<unknown>;

export interface WithAuthOptions {
  /** CSRF (Origin + signed token) on POST/PUT/PATCH/DELETE; on by default. */
  csrf?: boolean;
  /** Scopes the access token must carry. */
  scopes?: string[];
}

export type AuthPageProps<P> =
  (P & { auth: { status: 'ok'; viewer: Viewer } }) | { auth: { status: 'unavailable'; message: string } };

export function requestIdOf(req: IncomingMessage): string {
  const header = req.headers['x-request-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && /^[A-Za-z0-9._-]{1,128}$/.test(value) ? value : randomUUID();
}

export function claimsFromToken(accessToken: string): AccessClaims {
  // Tokens from the api or from our own Redis record, fresh from a refresh: their signature was
  // checked where they were issued; only the claims are needed here.
  const payload = decodeJwt(accessToken) as {
    sub?: string;
    sid?: string;
    scope?: string;
    nickname?: string;
    exp?: number;
  };
  return {
    sub: String(payload.sub),
    sid: String(payload.sid),
    scopes: (payload.scope ?? '').split(' ').filter(Boolean),
    ...(payload.nickname ? { nickname: payload.nickname } : {}),
    exp: Number(payload.exp),
  };
}

/**
 * One request's AuthContext. A class, so that the per-request object carries data only (the
 * methods live on the prototype: no closures allocated per request), and the request id is
 * worked out when something reads it (an api call, a log line) — most requests never need one,
 * and minting a UUID was a visible part of withAuth's cost. Call `api` as `auth.api(…)`.
 */
export class RequestAuth implements AuthContext {
  readonly sub: string;
  readonly sid: string;
  readonly scopes: string[];
  declare readonly nickname?: string;
  readonly accessToken: string;
  #requestId: string | undefined;
  readonly #req: IncomingMessage;
  readonly #config: AuthConfig;

  constructor(
    config: AuthConfig,
    claims: AccessClaims,
    accessToken: string,
    req: IncomingMessage,
    requestId: string | undefined,
  ) {
    this.sub = claims.sub;
    this.sid = claims.sid;
    this.scopes = claims.scopes;
    if (claims.nickname) (this as { nickname?: string }).nickname = claims.nickname;
    this.accessToken = accessToken;
    this.#requestId = requestId;
    this.#req = req;
    this.#config = config;
  }

  get requestId(): string {
    return (this.#requestId ??= requestIdOf(this.#req));
  }

  api<S extends z.ZodType | undefined = undefined>(
    path: string,
    call: Omit<BackendCall<S>, 'accessToken' | 'internal' | 'requestId'> = {},
  ): Promise<S extends z.ZodType ? z.infer<S> : unknown> {
    return callApi(this.#config, path, { ...call, accessToken: this.accessToken, requestId: this.requestId });
  }
}
