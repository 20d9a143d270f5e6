import { KCB_PAGE_PATH } from './providers/kcb/rules';
import { MOK_SERVICES, type MokServiceId } from './providers/mobile-ok/rules';
import { SSAFY_PAGE_PATH } from './providers/ssafy/rules';

/** The verification methods the verify remote offers. Flows arrive with their own issues. */
export interface VerificationMethod {
  id: 'mok-pass' | 'mok-sms' | 'mok-lms' | 'mok-ars' | 'mok-sms-own' | 'kcb' | 'ssafy' | 'toss';
  provider: string;
  /** Who runs the check, in the words a person knows (shown under the label; never an integration name). */
  by: string;
  label: string;
  description: string;
  /** Where the flow runs, once it exists (a page of this remote; a plain link from any app). */
  href?: string;
}

/** The mobile-ok page, preselecting one service. */
export const mokHref = (service: MokServiceId) => `/verify/mok?service=${service}`;

const mok = (id: VerificationMethod['id'], service: MokServiceId): VerificationMethod => ({
  id,
  provider: 'mobile-ok',
  by: '통신사 본인확인',
  label: MOK_SERVICES[service].label,
  description: MOK_SERVICES[service].description,
  href: mokHref(service),
});

export const VERIFICATION_METHODS: readonly VerificationMethod[] = [
  mok('mok-pass', 'pass'),
  mok('mok-sms', 'sms'),
  mok('mok-lms', 'lms'),
  mok('mok-ars', 'ars'),
  mok('mok-sms-own', 'sms-own'),
  {
    id: 'kcb',
    provider: 'KCB',
    by: 'KCB 본인확인',
    label: 'KCB 휴대폰 본인확인',
    description: 'KCB 인증 창에서 휴대폰 본인확인을 진행해요.',
    href: KCB_PAGE_PATH,
  },
  {
    id: 'ssafy',
    provider: 'SSAFY Verify',
    by: 'SSAFY',
    label: 'SSAFY 교육생 인증',
    description: 'SSAFY 계정으로 교육생 여부를 확인해요.',
    href: SSAFY_PAGE_PATH,
  },
  {
    id: 'toss',
    provider: 'Toss',
    by: '토스',
    label: '토스 로그인',
    description: '토스 앱으로 로그인하고 이름과 휴대폰 번호를 확인해요.',
  },
];
