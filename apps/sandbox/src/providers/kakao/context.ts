import { type FaultInjector, type Fault, parseFault } from '../../faults.js';
import { type KakaoPersona, type Persona } from '../../personas.js';
import { type KakaoApp } from './apps.js';
import { type OidcKeys } from './oidc.js';
import { type KakaoState } from './state.js';

/** A persona that can log in with Kakao, with its fault specs parsed once at startup. */
export interface KakaoPersonaEntry {
  readonly persona: Persona;
  readonly kakao: KakaoPersona;
  readonly faults: { readonly consent?: Fault; readonly token?: Fault; readonly userMe?: Fault };
}

export interface KakaoContext {
  readonly apps: readonly KakaoApp[];
  readonly personas: ReadonlyMap<string, KakaoPersonaEntry>;
  readonly state: KakaoState;
  readonly injector: FaultInjector;
  /** The ID token signing key (OpenID Connect), generated per process. */
  readonly oidc: OidcKeys;
}

/** Builds the persona table; throws (naming the persona) on a duplicate id or a bad fault spec. */
export function kakaoPersonas(personas: readonly Persona[]): Map<string, KakaoPersonaEntry> {
  const entries = new Map<string, KakaoPersonaEntry>();
  const kakaoIds = new Set<number>();
  for (const persona of personas) {
    const kakao = persona.kakao;
    if (kakao === undefined) continue;
    if (entries.has(persona.id)) throw new Error(`persona ${persona.id}: duplicate persona id`);
    if (kakaoIds.has(kakao.id)) throw new Error(`persona ${persona.id}: duplicate Kakao id ${kakao.id}`);
    kakaoIds.add(kakao.id);
    const faults: { consent?: Fault; token?: Fault; userMe?: Fault } = {};
    for (const step of ['consent', 'token', 'userMe'] as const) {
      const spec = kakao.faults?.[step];
      if (spec === undefined) continue;
      try {
        faults[step] = parseFault(spec);
      } catch (err) {
        throw new Error(`persona ${persona.id}: kakao.faults.${step}: ${(err as Error).message}`, {
          cause: err,
        });
      }
    }
    entries.set(persona.id, { persona, kakao, faults });
  }
  return entries;
}

/**
 * 동의항목 this persona grants on the consent screen: the profile and email items every app has,
 * and 연계정보 (`account_ci`) when the app was granted that item and the person agrees to share a CI
 * their Kakao account has.
 */
export function grantedScopes(kakao: KakaoPersona, app?: KakaoApp): string[] {
  const scopes = ['profile_nickname', 'profile_image'];
  if (kakao.email !== undefined && kakao.emailConsent) scopes.push('account_email');
  if (app?.ciConsentItem === true && kakao.ci?.consent === true) scopes.push(CI_SCOPE);
  return scopes;
}

/** The scope id of the 연계정보(CI) consent item. */
export const CI_SCOPE = 'account_ci';
