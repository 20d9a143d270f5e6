import { CONSENT_ITEMS, consentsFor, type ConsentGiven, type ConsentItemId } from '@mfv/api-contract';

/**
 * The signup form's answers: which items (packages/api-contract consents.ts, the one list of items,
 * their 필수/선택, title, document and version) are checked. Browser-safe (zod-only imports).
 */
export type CheckedConsents = Partial<Record<ConsentItemId, boolean>>;

/** Whether every required item is checked. */
export function requiredConsentsGiven(checked: CheckedConsents): boolean {
  return CONSENT_ITEMS.every((item) => !item.required || checked[item.id] === true);
}

/** What the form sends: each checked item with the version of the document this page showed. */
export function consentsGiven(checked: CheckedConsents): ConsentGiven[] {
  return consentsFor(CONSENT_ITEMS.filter((item) => checked[item.id] === true).map((item) => item.id));
}

/** The optional items (the ones 내 정보 lets a member give or withdraw). */
export const OPTIONAL_CONSENTS = CONSENT_ITEMS.filter((item) => !item.required);
