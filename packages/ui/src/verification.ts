import { formatKstDate } from './format.js';

/**
 * How a member's lasting verification status reads, the same in every app (the user menu, 내 정보,
 * /verification): "본인확인 완료 · 이*연 · 2026.12.03". Words name the kind of verification, never
 * the provider. The shape is GET /verifications/me's (`@mfv/api-contract`), repeated structurally
 * so this package stays dependency-free: an app passing a status of a kind missing here fails to
 * typecheck.
 */
export const VERIFICATION_KIND_COPY = {
  'phone-identity': {
    /** The kind, as a method: what the member did. */
    label: '휴대폰 본인확인',
    done: '본인확인 완료',
    next: '본인확인을 마쳐서 다시 인증하지 않아도 돼요. 이름이나 휴대폰 번호가 바뀌었다면 다시 인증해 주세요.',
  },
  'phone-possession': {
    label: '휴대폰 번호 인증',
    done: '휴대폰 번호 인증 완료',
    next: '휴대폰 번호만 확인했어요. 이름까지 확인해야 하는 서비스를 쓰려면 휴대폰 본인확인을 해 주세요.',
  },
  ssafy: {
    label: 'SSAFY 인증',
    done: 'SSAFY 인증 완료',
    next: 'SSAFY 교육생 인증을 마쳐서 다시 인증하지 않아도 돼요. 휴대폰 본인확인이 필요하면 아래에서 골라 주세요.',
  },
} as const;

export type VerificationKindName = keyof typeof VERIFICATION_KIND_COPY;

/** A member's status as the api gives it (GET /verifications/me). */
export type VerificationStatusView =
  | { verified: false }
  | { verified: true; kind: VerificationKindName; maskedName?: string | undefined; verifiedAt: string };

/** A verified status. */
export type VerifiedStatusView = Extract<VerificationStatusView, { verified: true }>;

/** "본인확인 완료 · 이*연 · 2026.12.03" (the name only when the verification has one; the date in Korea). */
export function verificationSummary(status: VerifiedStatusView): string {
  return [VERIFICATION_KIND_COPY[status.kind].done, status.maskedName, formatKstDate(status.verifiedAt)]
    .filter((part) => part !== undefined && part !== '')
    .join(' · ');
}

/** "휴대폰 본인확인" — the kind of verification, without the provider. */
export function verificationLabel(status: VerifiedStatusView): string {
  return VERIFICATION_KIND_COPY[status.kind].label;
}

/** What the member can do next, on /verification. */
export function verificationNextStep(status: VerifiedStatusView): string {
  return VERIFICATION_KIND_COPY[status.kind].next;
}

/** Whether a verification leaves nothing to do (a possession check still leaves 본인확인). */
export function needsNoFurtherVerification(status: VerifiedStatusView): boolean {
  return status.kind !== 'phone-possession';
}

/** What 내 정보 tells a member who never verified (signed out, nothing is shown). */
export const NOT_VERIFIED_COPY = '아직 본인확인을 하지 않았어요.';
