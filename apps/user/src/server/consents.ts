/**
 * What a new member agrees to on the signup form, one item each (개인정보 보호법 §22: consents
 * asked separately, required ones told apart from optional ones). The api records the required
 * consents as one `agreeTerms`; an optional item needs its own field there before it is offered.
 */
export const SIGNUP_CONSENTS = [
  { name: 'ageOver14', label: '만 14세 이상이에요', required: true },
  { name: 'agreeTerms', label: '이용약관에 동의해요', required: true, href: '/terms' },
  {
    name: 'agreePrivacy',
    label: '개인정보 수집·이용에 동의해요',
    required: true,
    href: '/privacy',
  },
] as const;

export type ConsentName = (typeof SIGNUP_CONSENTS)[number]['name'];

/** Whether every required item is checked. */
export function requiredConsentsGiven(checked: Partial<Record<ConsentName, boolean>>): boolean {
  return SIGNUP_CONSENTS.every((item) => !item.required || checked[item.name] === true);
}
