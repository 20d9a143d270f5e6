/** The verification methods the verify remote offers. Flows arrive with their own issues. */
export interface VerificationMethod {
  id: 'mok-pass' | 'mok-sms' | 'mok-ars' | 'kcb' | 'ssafy' | 'toss';
  provider: string;
  label: string;
  description: string;
}

export const VERIFICATION_METHODS: readonly VerificationMethod[] = [
  {
    id: 'mok-pass',
    provider: 'mobile-ok',
    label: 'PASS 앱 인증',
    description: '통신사 PASS 앱으로 본인확인 요청을 승인합니다.',
  },
  {
    id: 'mok-sms',
    provider: 'mobile-ok',
    label: '문자(SMS) 인증',
    description: '휴대폰으로 받은 6자리 인증번호를 입력합니다.',
  },
  {
    id: 'mok-ars',
    provider: 'mobile-ok',
    label: 'ARS 전화 인증',
    description: '걸려 오는 전화에서 화면의 인증번호를 누릅니다.',
  },
  {
    id: 'kcb',
    provider: 'KCB',
    label: 'KCB 휴대폰 본인확인',
    description: 'KCB 인증 창에서 휴대폰 본인확인을 진행합니다.',
  },
  {
    id: 'ssafy',
    provider: 'SSAFY Verify',
    label: 'SSAFY 교육생 인증',
    description: 'SSAFY 계정으로 교육생 여부를 확인합니다.',
  },
  {
    id: 'toss',
    provider: 'Toss',
    label: '토스 로그인',
    description: '토스 앱으로 로그인하고 이름과 휴대폰 번호를 확인합니다.',
  },
];
