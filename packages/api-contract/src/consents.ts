/**
 * Signup consents (/users, /users/me/consents): the items a new member is asked, one each, and what
 * the api records of every answer. 개인정보 보호법 §22 ① and ③: consents are asked item by item,
 * the required ones told apart from the optional ones, and refusing an optional one costs nothing.
 * The one place that defines the items — the signup form, 내 정보 and the api all read this list.
 */
import { z } from 'zod';

export const CONSENT_ITEM_IDS = ['terms', 'privacy', 'age14', 'marketing'] as const;
export const consentItemSchema = z.enum(CONSENT_ITEM_IDS, { message: 'unknown consent item' });
export type ConsentItemId = z.infer<typeof consentItemSchema>;

export interface ConsentItem {
  id: ConsentItemId;
  required: boolean;
  /** The item's name: 내 정보's heading, the 보기 link's spoken name. */
  name: string;
  /** What the form says next to the checkbox (without the [필수]/[선택] tag). */
  title: string;
  /** The site path of the document 보기 opens. */
  href: string;
  /**
   * The version of that document: the date it took effect, which its page shows as 시행일 (the
   * shell's 이용약관 and 개인정보처리방침 read it from here). A signup answered for another version
   * is refused (CONSENT_OUTDATED); existing members are not asked again after a change.
   */
  version: string;
  /** Why the api refuses a signup without it (required items only). */
  missing?: string;
}

export const CONSENT_ITEMS: readonly ConsentItem[] = [
  {
    id: 'terms',
    name: '이용약관',
    required: true,
    title: '이용약관에 동의해요',
    href: '/terms',
    version: '2026-01-01',
    missing: '이용약관에 동의해 주세요.',
  },
  {
    id: 'privacy',
    name: '개인정보 수집·이용',
    required: true,
    title: '개인정보 수집·이용에 동의해요',
    href: '/privacy',
    version: '2026-01-01',
    missing: '개인정보 수집·이용에 동의해 주세요.',
  },
  {
    // 이용약관 제2조 ②: 만 14세 미만은 가입할 수 없어요 (개인정보 보호법 §22-2: under 14 needs a parent).
    id: 'age14',
    name: '만 14세 이상',
    required: true,
    title: '만 14세 이상이에요',
    href: '/terms',
    version: '2026-01-01',
    missing: '만 14세 이상만 가입할 수 있어요.',
  },
  {
    id: 'marketing',
    name: '마케팅 정보 수신',
    required: false,
    title: '마케팅 정보 수신에 동의해요',
    href: '/user/consents/marketing',
    version: '2026-12-06',
  },
];

export const consentItem = (id: ConsentItemId): ConsentItem =>
  CONSENT_ITEMS.find((item) => item.id === id) as ConsentItem;

/** One answer: the item and the version of its document the person was shown. */
export const consentGivenSchema = z.object({
  item: consentItemSchema,
  version: z
    .string({ message: 'version must be a string' })
    .regex(/^\d{4}-\d\d-\d\d$/, { message: 'version must be a date (YYYY-MM-DD)' }),
});
export type ConsentGiven = z.infer<typeof consentGivenSchema>;

/** The items a person agreed to (each once); the ones not listed were not agreed to. */
export const consentsGivenSchema = z
  .array(consentGivenSchema, { message: 'consents must be a list' })
  .max(CONSENT_ITEM_IDS.length, { message: 'too many consents' })
  .refine((list) => new Set(list.map((c) => c.item)).size === list.length, {
    message: 'each consent item at most once',
  });

/** Agreement to the current version of `ids` (every required item unless told otherwise). */
export function consentsFor(
  ids: readonly ConsentItemId[] = CONSENT_ITEMS.filter((i) => i.required).map((i) => i.id),
): ConsentGiven[] {
  return ids.map((id) => ({ item: id, version: consentItem(id).version }));
}

/**
 * What is wrong with a signup's consents, in the person's words, or null: a required item missing,
 * or an answer to a version that is not the current one (the page was older than the document).
 */
export function consentProblem(
  given: readonly ConsentGiven[],
): { code: 'CONSENT_REQUIRED' | 'CONSENT_OUTDATED'; message: string } | null {
  for (const item of CONSENT_ITEMS) {
    if (item.required && !given.some((c) => c.item === item.id)) {
      return { code: 'CONSENT_REQUIRED', message: item.missing ?? '필수 항목에 동의해 주세요.' };
    }
  }
  for (const c of given) {
    if (c.version !== consentItem(c.item).version) {
      return {
        code: 'CONSENT_OUTDATED',
        message: '약관 내용이 바뀌었어요. 페이지를 새로 고친 뒤 다시 동의해 주세요.',
      };
    }
  }
  return null;
}

/** One item's state for the member: the latest answer, or none yet. */
export const consentStateSchema = z.object({
  item: consentItemSchema,
  required: z.boolean(),
  agreed: z.boolean(),
  /** The document version of the latest answer (absent when never answered). */
  version: z.string().optional(),
  /** ISO 8601 time of the latest answer (absent when never answered). */
  recordedAt: z.string().optional(),
});
export type ConsentState = z.infer<typeof consentStateSchema>;

/** GET /users/me/consents (Bearer AT): every item, in CONSENT_ITEMS order. */
export const myConsentsResponseSchema = z.object({ items: z.array(consentStateSchema) });
export type MyConsentsResponse = z.infer<typeof myConsentsResponseSchema>;

/** PUT /users/me/consents/:item (Bearer AT): give or withdraw an optional item. */
export const changeConsentRequestSchema = z.object({
  agreed: z.boolean({ message: 'agreed must be true or false' }),
  version: consentGivenSchema.shape.version,
});
export type ChangeConsentRequest = z.infer<typeof changeConsentRequestSchema>;
export const changeConsentParamsSchema = z.object({ item: consentItemSchema });
export const changeConsentResponseSchema = consentStateSchema;
