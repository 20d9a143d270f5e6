/**
 * mobile-ok result codes: every row of the guide's error-code table (본인확인-API 개발 가이드
 * v1.0.7.1, §8 "본인확인-API 오류코드"), with the description and the customer message verbatim
 * (typos included: they are what the provider's own screens say).
 *
 * This module is plain data with no crypto or I/O, so the sandbox may import it
 * (`@mfv/verification/mobile-ok/errors`) to answer with the same codes.
 *
 * Guide facts kept here:
 * - §8 has two tables. Rows of the first carry ● in the column "운영시 주요 에러코드" (the codes
 *   seen most in production); `frequent` records it.
 * - 2910 appears twice: "가입자 명의인증 실패" (the carrier rejected name/birthday/phone at
 *   `auth/request`) and "인증번호 검증 실패" (the OTP was wrong at `confirm/request`). `step` tells
 *   them apart and {@link lookupMokResultCode} picks by the step that returned the code.
 * - Messages ending in "(상세코드)" (4003, 6701–6707) are followed by a detail code from the
 *   description's "상세코드" list in the provider's own `resultMsg`.
 * - The last row, "기타코드", is not a code: it says codes outside the table can occur, and gives
 *   the text used for them ({@link MOK_OTHER_CODES_ROW}).
 * - Codes named only as detail codes inside a description (4002, 4004, 6030, …) are not result
 *   codes of their own and are not rows here.
 */

/** The API step that returned a result code. */
export type MokStep = 'token' | 'auth' | 'resend' | 'call' | 'confirm';

export interface MokResultCodeEntry {
  /** Four digits, as the API sends it in `resultCode`. */
  readonly code: string;
  /** The guide's description (설명), meant for operators and logs. */
  readonly description: string;
  /** The guide's message for the customer (고객 메시지), verbatim. */
  readonly customerMessage: string;
  /** Marked ● "운영시 주요 에러코드" in the guide. */
  readonly frequent: boolean;
  /** Only for codes the guide lists twice: the step this row belongs to. */
  readonly step?: MokStep;
  /** False only for the generic entry returned for a code the guide does not list. */
  readonly known: boolean;
}

/** The success code: "2000일 경우 성공" (guide §4–§7, every response table). */
export const MOK_SUCCESS_CODE = '2000';

type Row = Omit<MokResultCodeEntry, 'known'>;

const ROWS: readonly Row[] = [
  { code: '2000', frequent: true, description: '성공', customerMessage: '성공' },
  {
    code: '2910',
    frequent: true,
    step: 'auth',
    description: '휴대폰 통신사 가입자 명의인증 실패',
    customerMessage: '입력하신 정보가 올바르지 않습니다. 확인 후 다시 시도해주세요',
  },
  {
    code: '2910',
    frequent: true,
    step: 'confirm',
    description: '휴대폰 통신사 사용자(소유자) 인증번호 검증 실패',
    customerMessage: '입력하신 정보가 올바르지 않습니다. 인증번호를 확인해주세요.',
  },
  {
    code: '3001',
    frequent: true,
    description: '인증요청 정보에 이름, 전화번호 등 요청문 필수 항목 필드를 확인할 수 없습니다.',
    customerMessage: '입력값 오류가 발생했습니다. (필수 입력값 오류) 처음부터 다시 시도해 주세요.',
  },
  {
    code: '4000',
    frequent: true,
    description:
      '검증 완료 후 결과확인토큰(KeyToken)으로 검증 결과를 재요청하는 경우 발생합니다. (결과검증 성공시 재요청 불가) 처리 완료 후 10분이 넘어 결과 전달 유효시간이 초과할 경우 발생합니다.',
    customerMessage: '이미 완료 되었거나 허용시간을 초과 한 인증 요청입니다. 확인 후 다시 시도해 주세요.',
  },
  {
    code: '4001',
    frequent: true,
    description:
      '거래ID 및 서비스ID 로 서비스 조회가 안되는 경우 발생합니다. 인증요청 후 세션 유지시간인 7분을 초과하여 조회가 되지 않을때 발생 할 수 있습니다.',
    customerMessage: '인증 진행사항을 확인할 수 없습니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '4003',
    frequent: true,
    description:
      '인증번호 재발송시 거래ID 및 서비스ID를 서비스에서 확인할 수 없습니다. 인증요청을 하지 않았거나 인증요청 후 세션 유지시간인 7분을 초과하여 때 발생 할 수 있습니다. 상세코드 - 4002, 4003 : 요청 시 저장한 제한횟수등 진행사항이 없음 - 4004 : ARS 및 SMS OTP 요청을 찾을 수 없는 경우',
    customerMessage:
      '이미 완료 되었거나 허용시간을 초과 한 인증 요청입니다. 확인 후 다시 시도해 주세요. (상세코드)',
  },
  {
    code: '4007',
    frequent: true,
    description: '이미 서비스내에 이용중인 거래ID가 있습니다. 다시 검증을 위해서는 재시도가 필요합니다.',
    customerMessage: '이미 진행중인 인증 요청입니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '4013',
    frequent: true,
    description: '이용자가 입력한 SMS 점유인증 및 ARS 입력 인증번호가 올바르지 않은 경우 발생합니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(인증번호) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '4016',
    frequent: true,
    description: '인증요청 정보중 필수 항목 데이터가 없는 경우에 발생합니다.',
    customerMessage: '통신사에 요청된 정보가 올바르지 않습니다. 확인 후 다시 시도해주세요.',
  },
  {
    code: '4018',
    frequent: true,
    description:
      'SMS 인증번호 검증시 요청된 서비스ID로 인증요청 정보를 찾을 수 없을경우 발생합니다. 인증요청이 요청되지 않았거나 검증완료 후 검증이 재요청된 경우, 인증 요청 후 10분이 넘어 세션타임이 초과하여 발생합니다.',
    customerMessage: '이미 완료 되었거나 허용시간을 초과 한 인증 요청입니다. 확인 후 다시 시도해 주세요.',
  },
  {
    code: '4022',
    frequent: true,
    description:
      'KT 법인 사용자가 본인확인 인증시 SMS로 전송된 WEB LINK 인증을 진행하지 않은 경우에 발생합니다.',
    customerMessage:
      '인증 요청에 실패하였습니다. KT법인명의 본인확인을 위해 수신한 SMS 안내에 따라 추가 인증을 진행해주세요.',
  },
  {
    code: '4023',
    frequent: true,
    description:
      '사용자가 SKT 부가서비스(휴대폰번호보호서비스, 인증보호서비스 등) 가입자고 부가서비스 2차 인증 미완료시 발생합니다.',
    customerMessage: '부가서비스 인증 완료되지 않았습니다. 부가서비스 인증을 하신 후 다시 진행해 주세요.',
  },
  {
    code: '4101',
    frequent: true,
    description:
      '이용기관의 토큰 요청정보가 올바르지 않습니다. 토큰 발급 시 필요한 필수값 및 설정이 맞는지 확인이 필요합니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다. 확인 후 다시 시도해 주세요.',
  },
  {
    code: '4150',
    frequent: true,
    description:
      '요청된 거래ID로 검증완료 후 개인정보결과가 리턴되어 검증요청을 재전송할 수 없는 경우 발생합니다.',
    customerMessage: '이미 처리 완료된 인증 요청입니다.',
  },
  {
    code: '4301',
    frequent: true,
    description: '본인확인 검증요청 제한 횟수인 3회를 초과하여 발생합니다.',
    customerMessage: '검증요청 제한 횟수를 초과하였습니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '4302',
    frequent: true,
    description: '인증번호 SMS 재전송 횟수인 3회를 초과하여 발생합니다.',
    customerMessage: '인증요청 제한 횟수를 초과하였습니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '4500',
    frequent: true,
    description:
      'ARS 인증결과를 확인 할 수 없습니다. ARS 통화가 완료되지 않거나 ARS 응답이 수신되지 않아 발생할 수 있습니다.',
    customerMessage: 'ARS인증 결과를 찾을 수 없습니다. 확인 후 다시 시도해 주세요.',
  },
  {
    code: '4501',
    frequent: true,
    description:
      '사용자 ARS 전화요청이 성공한 직후, 전화걸기 재 요청 시 처음 ARS 결과가 아직 수신되지 않아 해당 문구가 안내됩니다.',
    customerMessage:
      'ARS 전화가 현재 진행 중입니다. 반복적으로 해당 메시지가 수신된 경우, 처음부터 다시 시도해 주세요',
  },
  {
    code: '4502',
    frequent: true,
    description:
      '사용자 ARS 전화를 수신 받아 전화연결이 정상적으로 완료된 이후, 다시 전화걸기를 시도하신 경우 해당 문구가 안내됩니다.',
    customerMessage: 'ARS 인증을 이미 진행하셨습니다.',
  },
  {
    code: '4602',
    frequent: true,
    description: '사용자 ARS 전화요청시 인증번호가 불일치 한 경우 발생합니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(인증번호) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '4604',
    frequent: true,
    description:
      '사용자 ARS 전화요청시 인증번호를 검증하지 않고 취소 (사용자가 ARS 전화를 받고, “#” 버튼을 눌러 도중에 취소한 경우)하여 인증 요청이 종료된 경우 발생합니다.',
    customerMessage: '인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '4610',
    frequent: true,
    description: '사용자 ARS 전화요청시 없는 번호인 경우 발생합니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(잘못된 휴대폰번호) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '4611',
    frequent: true,
    description: '사용자 ARS 전화요청시 사용자가 수신 거부 한 경우 발생합니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(수신거부) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '4612',
    frequent: true,
    description: '사용자 ARS 전화요청시 ARS 전화를 안 받은 경우 발생합니다.',
    customerMessage: '인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '4613',
    frequent: true,
    description: '사용자 ARS 전화요청시 착신 전환된 사용자의 경우 발생합니다.',
    customerMessage: '인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '4620',
    frequent: true,
    description: '사용자 ARS 전화요청시 ARS 전화를 받고, 고객이 전화를 끊은 경우 발생합니다.',
    customerMessage: '인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '4624',
    frequent: true,
    description: '사용자 ARS 전화요청시 사용자가 ARS 전화를 받고, 아무 입력이 없어 종료된 경우 발생합니다.',
    customerMessage: '인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '4641',
    frequent: true,
    description: '사용자 ARS 전화요청시 사용자가 통화중인 경우 발생합니다.',
    customerMessage: '인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '4642',
    frequent: true,
    description: '사용자 ARS 전화요청시 사용자 휴대폰 전원이 꺼져서 ARS 진행을 못한 경우 발생합니다.',
    customerMessage: '인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '4698',
    frequent: true,
    description:
      '사용자 ARS 전화요청시 OTP검증번호 입력 후 통신사와의 검증요청시 오류결과를 받을 경우 발생합니다.',
    customerMessage: 'ARS서비스에 오류가 발생하였습니니다(ARS사업자오류) 관리자에게 문의 해 주세요.',
  },
  {
    code: '4699',
    frequent: true,
    description: '사용자 ARS 전화요청시 ARS전화요청 서버가 오류가 발생한 경우입니다.',
    customerMessage: 'ARS서비스에 오류가 발생하였습니니다(ARS사업자오류) 관리자에게 문의 해 주세요.',
  },
  {
    code: '6701',
    frequent: true,
    description:
      'PASS 미가입 사용자일 경우 발생합니다. 상세코드 참고 - 6030: T 인증 미가입 - 6210: PASS 인증실패(미등록 인증서비스코드) - 6116: FIDO 미등록 서비스코드',
    customerMessage: 'PASS 서비스 미가입자입니다. 가입 후 다시 시도해주세요.(상세코드)',
  },
  {
    code: '6702',
    frequent: true,
    description:
      'PASS 인증 미진행시 발생합니다. 상세코드 참고 - 6061: 간편본인확인 진행중 - 6032: T 인증 대기중 - 6114 : FIDO 미진행 처리중',
    customerMessage: 'PASS 인증이 완료되지 않았습니다. 인증 후 다시 시도해 주세요.(상세코드)',
  },
  {
    code: '6703',
    frequent: true,
    description:
      'PASS 인증실패 사용자일 경우 발생합니다. 상세코드 참고 - 6207: PASS 인증실패(인증 미진행 / 처리중) - 6202: PASS 인증실패(간편본인확인 요청 처리 완료 전 간편본인확인 결과 확인 요청) - 6212 : PASS 인증실패(앱미설치/미가입/미구동 등)',
    customerMessage: 'PASS 인증이 완료되지 않았습니다. 인증 후 다시 시도해 주세요.(상세코드)',
  },
  {
    code: '6704',
    frequent: true,
    description:
      'PASS앱 미설치 사용자일 경우 발생합니다. 상세코드 참고 - 6113: FIDO App 미설치 - 6209: PASS 인증실패(App미설치 및 AppToken검증실패) - 6041 : PASS 앱 미 설치 에러 - 6060 : 간편본인확인 미가입',
    customerMessage: 'PASS 앱이 설치되지 않았습니다. 앱 설치 후 다시 시도해 주세요.(상세코드)',
  },
  {
    code: '6705',
    frequent: true,
    description:
      'PASS 고객인증 실패시 발생합니다. 상세코드 참고 - 6205: PASS 고객인증 실패(사용자취소,PIN등 불일치 등) - 6110: FIDO 고객인증실패 - 6035 : T 인증 사용자 취소 - 6112 : FIDO 민앤지 인증실패 - 6033 : T 인증 PIN 입력',
    customerMessage: 'PASS 인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요.(상세코드)',
  },
  {
    code: '6706',
    frequent: true,
    description:
      'PASS 인증 유효시간 초과시 발생합니다. 상세코드 참고 - 6034: T 인증 유효시간 초과 - 6203: PASS 인증실패(인증 TIMEOUT) - 6115 : FIDO TIME OUT',
    customerMessage: '유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요.(상세코드)',
  },
  {
    code: '6707',
    frequent: true,
    description:
      'PASS 인증 가능 휴대폰이 아닐경우 발생합니다. 상세코드 참고 - 6036: 스마트폰 아님 - 6063: 스마트폰 아님 - 6211 : PASS 인증실패(미등록 인증장치) - 6117 : FIDO 미등록 인증장치',
    customerMessage: 'PASS 인증을 사용할 수 없습니다. 문자 (SMS) 인증으로 다시 시도해 주세요. (상세코드)',
  },
  {
    code: '6751',
    frequent: true,
    description: 'PASS 사용자휴대폰 14세 미만 사용자일 경우 발생합니다.',
    customerMessage: 'PASS 인증은 만 15세 이상부터 이용가능합니다. 문자 (SMS) 인증으로 다시 시도해 주세요.',
  },
  {
    code: '6752',
    frequent: true,
    description: 'PASS 앱 PUSH발송 실패일 경우 발생합니다.',
    customerMessage: 'PUSH 발송에 실패하였습니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6753',
    frequent: true,
    description: 'PASS T 인증앱 재등록 실패일 경우 발생합니다.',
    customerMessage: 'PASS 인증 중 오류가 발생하였습니다. PASS 인증 앱 재설치 후 다시 시도해주세요.',
  },
  {
    code: '6754',
    frequent: true,
    description: 'PASS LGU+ 알뜰폰 가입자일 경우 발생합니다.',
    customerMessage: 'LGU+ 알뜰폰 가입자입니다. 통신사를 알뜰폰으로 선택하여 다시 시도해 주세요.',
  },
  {
    code: '6755',
    frequent: true,
    description: 'PASS 본인확인 차단고객(App설정)일 경우 발생합니다.',
    customerMessage: '본인확인서비스 이용이 차단되어 있습니다. 차단 해지 후 다시 시도해 주세요.',
  },
  {
    code: '6756',
    frequent: true,
    description: 'PASS 본인확인 메시지 발송 차단 고객(App설정) 경우 발생합니다.',
    customerMessage:
      '메시지 발송이 차단되어 있습니다. 차단 해지 후 다시 이용해 주세요. (설정-> 메시지-> 차단된 연락처->해지할 연락처 선택).',
  },
  {
    code: '6757',
    frequent: true,
    description: 'SKT인증앱 미설치 사용자 휴대폰에서 발생합니다.',
    customerMessage: 'SKT 휴대폰인증보호 서비스 앱이 설치되지 않았습니다. 앱 설치 후 다시 시도해 주세요.',
  },
  {
    code: '9998',
    frequent: true,
    description: '인증요청 정보중 필수 항목 데이터가 없는 경우에 발생합니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다. 확인 후 다시 시도해 주세요.',
  },
  {
    code: '9999',
    frequent: true,
    description:
      '서비스 중 알 수 없는 오류(예외처리 등)가 발생되었으며 자세한 사항은 본인확인서비스 운영담당자에게 문의 바랍니다.',
    customerMessage: '원인을 알 수 없는 오류가 발생했습니다. 잠시 후 다시 시도해 주세요',
  },
  {
    code: '4005',
    frequent: false,
    description: '통신사 SMS 인증외 인증수단(ARS 등의)인증시 알수없는 서비스제공자가 설정된 경우 발생합니다.',
    customerMessage: 'ARS서비스에 오류가 발생하였습니니다(ARS사업자정보) 관리자에게 문의 해 주세요.',
  },
  {
    code: '4006',
    frequent: false,
    description:
      '서비스 본인확인 인증 Type 코드 올바르게 입력되어 요청되지 않았습니다. reqAuthType 의 “SMS”, “PASS” 설정',
    customerMessage: '인증 요청 정보가 올바르지 않습니다.(인증구분) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '4008',
    frequent: false,
    description:
      '통신사 또는 인증사업자와의 연결에 이상이 발생하였습니다. 대부분 재시도시 사용가능 하나 오류가 지속될경우 본인확인서비스 운영담당자에게 문의 바랍니다.',
    customerMessage: '선택하신 본인확인 서비스와 연결에 실패했습니다. 잠시후 다시 시도해 주세요.',
  },
  {
    code: '4009',
    frequent: false,
    description:
      '이용기관 에서 등록한 ARS코드가 서비스에 허용된 ARS가 다릅니다. 설정이 맞는지 본인확인서비스 운영담당자에게 문의 바랍니다.',
    customerMessage: 'ARS서비스에 오류가 발생하였습니니다(ARS코드) 관리자에게 문의 해 주세요.',
  },
  {
    code: '4010',
    frequent: false,
    description: '이용기관에서 요청한 PASS 인증요청 정보 중 통신사 정보가 올바르지 않습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(통신사정보) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '4011',
    frequent: false,
    description:
      'ARS 서비스 연결 요청에 실패하였습니다. 대부분 재시도시 사용가능 하나 오류가 지속될 경우 본인확인서비스 운영담당자에게 문의 바랍니다.',
    customerMessage: 'ARS 서비스 연결 요청에 실패하였습니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '4012',
    frequent: false,
    description:
      '인증번호 SMS 를 사용자 휴대폰 전송하는데 실패하였습니다. 대부분 재시도시 사용가능 하나 오류가 지속될 경우 본인확인서비스 운영담당자에게 문의 바랍니다.',
    customerMessage: '인증요청 메시지 전송에 실패하였습니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '4014',
    frequent: false,
    description:
      '서비스 이용상품 코드가 올바르게 입력되어 요청되지 않았습니다. serviceType 의 “telcoAuth” : 휴대폰본인확인, “telcoAuth-LMS” : 휴대폰본인확인 LMS 설정 등',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(상품정보) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '4015',
    frequent: false,
    description: 'PASS등 인증 및 검증 재발송을 허용하지 않는 서비스 진행시 재발송을 요청한 경우 발생합니다.',
    customerMessage: '재전송을 지원하지 않는 서비스입니다. 확인 후 다시 시도해주세요.',
  },
  {
    code: '4017',
    frequent: false,
    description: '인증요청 정보중 통신사 정보가 없거나 정의되지 않은 통신사 정보가 있는 경우에 발생합니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(통신사정보) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '4020',
    frequent: false,
    description:
      'ARS 인증시 검증결과가 실패인 경우 발생합니다. 예를들어 사용자가 ARS 전화를 받지 않거나 잘못된 정보를 입력한경우가 있습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(검증실패) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '4021',
    frequent: false,
    description: '재전송을 지원하지 않는 서비스에서 재전송을 요청할 경우에 발생합니다.',
    customerMessage: '재전송을 지원하지 않는 서비스입니다. 확인 후 다시 시도해주세요.',
  },
  {
    code: '5003',
    frequent: false,
    description: '본인확인 인증요청 정보중 사용자 이름 정보가 올바르지 않습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(이름) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '5004',
    frequent: false,
    description: '본인확인 인증요청 정보중 사용자 생년월일 정보가 올바르지 않습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(생년월일) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '5005',
    frequent: false,
    description: '본인확인 인증요청 정보중 사용자 성별 정보가 올바르지 않습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(성별) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '5007',
    frequent: false,
    description:
      '본인확인 인증요청 정보중 ReqAuthType이 올바르지 않습니다. reqAuthType 의 “SMS”, “PASS” 설정',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(인증구분) 관리자에게 문의해 주세요.',
  },
  {
    code: '5008',
    frequent: false,
    description:
      '본인확인 인증요청 정보중 ServiceType이 올바르지 않습니다. serviceType 의 “telcoAuth” : 휴대폰본인확인, “telcoAuth-LMS” : 휴대폰본인확인 LMS 설정 등',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(상품정보) 관리자에게 문의해 주세요.',
  },
  {
    code: '5009',
    frequent: false,
    description: '본인확인 인증요청 정보중 등록된 이용기관 ID가 올바르지 않습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(이용기관정보) 관리자에게 문의해 주세요.',
  },
  {
    code: '5010',
    frequent: false,
    description:
      '본인확인 인증요청 정보중 통신사 정보가 없거나 정의되지 않은 통신사 정보가 있는 경우에 발생합니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(통신사정보) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '5011',
    frequent: false,
    description: '본인확인 검증요청 정보중 검증번호(SMS OTP 또는 ARS 입력정보)가 올바르지 않습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(인증번호) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '5012',
    frequent: false,
    description: '본인확인 인증요청 정보중 사용자 휴대폰번호가 올바르지 않습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(휴대폰번호) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '5013',
    frequent: false,
    description: '본인확인 인증요청 정보중 이용기관 ID가 올바르지 않습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요.',
  },
  {
    code: '5014',
    frequent: false,
    description: '본인확인 요청 이용기관 거래ID가 올바르지 않습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(이용기관 거래ID) 관리자에게 문의해 주세요.',
  },
  {
    code: '5015',
    frequent: false,
    description:
      '본인확인 요청 통신사 요청 거래ID가 올바르지 않습니다. 본인확인 요청 응답시 수신한 토큰으로 검증요청을 했는지 확인 바랍니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(요청 거래ID) 관리자에게 문의해 주세요.',
  },
  {
    code: '5016',
    frequent: false,
    description:
      '본인확인 검증 통신사 응답 거래ID가 올바르지 않습니다. 본인확인 요청 응답시 수신한 토큰으로 검증요청을 했는지 확인 바랍니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(검증 거래ID) 관리자에게 문의해 주세요.',
  },
  {
    code: '5017',
    frequent: false,
    description:
      '등록된 이용기관 ID 정보를 찾을 수 없습니다. 설정이 맞는지 본인확인서비스 운영담당자에게 문의 바랍니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(이용기관정보) 관리자에게 문의해 주세요.',
  },
  {
    code: '5018',
    frequent: false,
    description: 'ARS 인증요청 정보중 사용자 생년월일 입력형식이 맞지 않습니다. 예시) 8자리 년월일 20011010',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(생년월일) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '5019',
    frequent: false,
    description:
      'ARS 검증요청 정보중 ARS 거래ID 정보가 없습니다. 본인확인 요청 응답시 수신한 토큰으로 검증요청을 했는지 확인 바랍니다.',
    customerMessage: 'ARS서비스에 오류가 발생하였습니니다(ARS 거래ID) 관리자에게 문의 해 주세요.',
  },
  {
    code: '5020',
    frequent: false,
    description: '본인확인 표준창에서 통신사 정보 및 동의한 약관등 필수정보가 입력되지 않았습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(통신사정보) 관리자에게 문의해 주세요.',
  },
  {
    code: '5021',
    frequent: false,
    description: '모바일웹 본인확인 표준창에서 통신사 정보 및 동의한 약관등 필수정보가 입력되지 않았습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(통신사정보) 관리자에게 문의해 주세요.',
  },
  {
    code: '5023',
    frequent: false,
    description:
      '등록된 이용기관 서비스 ID 정보를 찾을 수 없습니다. 본인확인 담당자에게 받은 키파일이 올바른지 확인 바랍니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요.',
  },
  {
    code: '5024',
    frequent: false,
    description: '검증요청 정보가 올바르지 않거나 검증을 하지 않은 경우 발생합니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(검증실패) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '5027',
    frequent: false,
    description: '이용이 중지된 이용기관 입니다. 본인확인서비스 운영담당자에게 문의 바랍니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요.',
  },
  {
    code: '5028',
    frequent: false,
    description:
      '이용기관에 등록되지 않은 도메인에 결과를 응답요청하였습니다. 등록된 도메인으로 변경하거나 본인확인서비스 운영담당자를 통해 추가 등록 바랍니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요.',
  },
  {
    code: '5029',
    frequent: false,
    description: '본인확인 OTP 검증 시 인증번호의 형식이 올바르지 않음',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(인증번호 향식오류) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '5030',
    frequent: false,
    description: '키보드 보안 복호화 중 문제가 발생했습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(키보드보안 복호화실패) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '5031',
    frequent: false,
    description: '암호화된 개인정보 처리시 오류가 발생했습니다.',
    customerMessage: '원인을 알 수 없는 오류가 발생했습니다. 잠시 후 다시 시도해 주세요',
  },
  {
    code: '5032',
    frequent: false,
    description: '요청한 브라우져의 정보 검증시 오류가 발생했습니다.',
    customerMessage: '원인을 알 수 없는 오류가 발생했습니다. 잠시 후 다시 시도해 주세요',
  },
  {
    code: '5033',
    frequent: false,
    description: '최초 토큰발급 이후 10분이 경과되어 토큰이 만료되어 발생합니다.',
    customerMessage: '유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '5034',
    frequent: false,
    description: '요청한 ARS-CODE가 없거나 이용기관에 사용이 허가된 ARS코드가 아닐경우 발생합니다.',
    customerMessage: '등록되지 않은 ARS-CODE입니다. 관리자에게 문의해 주세요',
  },
  {
    code: '5037',
    frequent: false,
    description: '요청한 ArsCode 기준 사용할 수 있는 SiteId 목록에 없을경우에 발생합니다.',
    customerMessage: '해당 ARS Code를 사용할 수 없는 Site 입니다. 관리자에게 문의해 주세요',
  },
  {
    code: '5101',
    frequent: false,
    description:
      '서비스 이용시 인증요청을 시도한 클라이언트와 검증요청을 시도한 클라이언트의 정보가 변경되어 이상현상이 감지한 경우 발생합니다.',
    customerMessage: '잘못된 요청이 감지되었습니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6021',
    frequent: false,
    description:
      '요청정보 중 통신사 인증용 트랜잭션ID 오류가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage: '일시적인 오류입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6022',
    frequent: false,
    description: '요청정보 중 CPCODE 오류가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage: '등록되지 않은 CPCODE 입니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6023',
    frequent: false,
    description: '요청정보 중 거래ID 중복요청으로 인하여 오류가 발생했습니다.',
    customerMessage: '일시적인 오류입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6024',
    frequent: false,
    description: '요청정보 중 인증번호(OTP) 전송요청 3분 제한시간이 초과하여 오류가 발생했습니다.',
    customerMessage: 'OTP 입력시간을 초과하였습니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6025',
    frequent: false,
    description: '요청정보 중 CP SMS 미사용 설정 오류가 발생했습니다.',
    customerMessage: '잘못된 요청입니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6026',
    frequent: false,
    description: '요청정보 중 Message형식 형식에서 오류가 발생했습니다.',
    customerMessage: '잘못된 요청입니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6027',
    frequent: false,
    description: '요청정보 중 MMS 미사용 / CP사 정보 확인시 오류가 발생했습니다.',
    customerMessage: '잘못된 요청입니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6028',
    frequent: false,
    description:
      '본인확인 처리시 원문 무결성 검증데이터 체크에서 오류가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage:
      '일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6037',
    frequent: false,
    description: 'T인증 통신 실패 오류가 발생했습니다.',
    customerMessage: '일시적인 오류입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6038',
    frequent: false,
    description: 'T인증 통신 유효시간 초과 실패 오류가 발생했습니다.',
    customerMessage: '유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '6039',
    frequent: false,
    description: 'T인증 서버 작업등으로 인한 일시적 오류가 발생했습니다.',
    customerMessage: 'PASS 서비스 점검중입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6040',
    frequent: false,
    description:
      'T인증 트랜잭션ID 요청실패로 인한 오류가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage: '일시적인 오류입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6041',
    frequent: false,
    description: 'T인증 KEY 처리로 인한 오류가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage:
      '일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6042',
    frequent: false,
    description: 'T인증 서버에서 오류가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage: '일시적인 오류입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6050',
    frequent: false,
    description: 'SMS 전송 실패가 발생했습니다.',
    customerMessage: 'SMS 메시지 전송 중 오류가 발생하였습니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6052',
    frequent: false,
    description: '통신사 응답전송실패 실패가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage: '일시적인 오류입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6053',
    frequent: false,
    description: '통신사 시스템 오류가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage:
      '시스템 오류가 발생했습니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6054',
    frequent: false,
    description: '통신사 통신 전문오류가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage:
      '일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6081',
    frequent: false,
    description:
      '통신사 통신시 통합실패 특이케이스가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage:
      '일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6082',
    frequent: false,
    description: '통신사 통신시 중복 전문 요청이 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage: '일시적인 오류입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6092',
    frequent: false,
    description: 'LGU+ APP SMS 발송 실패가 발생했습니다.',
    customerMessage: '일시적인 오류입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6093',
    frequent: false,
    description: 'LGU+ APP SMS 발송 실패가 발생했습니다.',
    customerMessage: '일시적인 오류입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6094',
    frequent: false,
    description:
      '통신사 통신시 전문 요청시 이슈가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage:
      '일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6095',
    frequent: false,
    description:
      '통신사 인증요청 서버 연동시 오류가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage:
      '일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6096',
    frequent: false,
    description:
      '통신사 개인정보 획득시 서버 오류가 발생하였습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage:
      '일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6097',
    frequent: false,
    description: 'SMS/LMS 발송 오류가 발생했습니다.',
    customerMessage:
      '일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6098',
    frequent: false,
    description: '통신사 서버에서 오류가 발생하였습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage:
      '일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6100',
    frequent: false,
    description:
      '통신사 서버에서 신원확인 처리시 오류가 발생하였습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage:
      '일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6101',
    frequent: false,
    description: '통신사 서버에서 오류가 발생하였습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage:
      '일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6102',
    frequent: false,
    description: '통신사 시스템에서 오류가 발생하였습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage:
      '일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6118',
    frequent: false,
    description: '인증실패 오류가 발생하였습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage: '일시적인 오류입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6200',
    frequent: false,
    description: 'PASS 인증실패(유효하지 않은 APP Token) 오류가 발생했습니다.',
    customerMessage: '일시적인 오류입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6201',
    frequent: false,
    description: 'PASS 인증실패(유효하지 않은 Session ID) 오류가 발생했습니다.',
    customerMessage: 'PASS인증에 실패하였습니다. 문자 (SMS) 인증으로 다시 시도해 주세요.',
  },
  {
    code: '6204',
    frequent: false,
    description: 'PASS 인증실패(유효하지 않은 TID) 오류가 발생했습니다.',
    customerMessage: '일시적인 오류입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6206',
    frequent: false,
    description: 'PASS 트랜잭션 생성실패 오류가 발생했습니다.',
    customerMessage: '일시적인 오류입니다. 잠시 후 다시 시도해 주세요.',
  },
  {
    code: '6208',
    frequent: false,
    description: 'PASS 인증실패(민앤지 인증실패) 오류가 발생했습니다.',
    customerMessage:
      'PASS인증에 실패하였습니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '6083',
    frequent: false,
    description: '요청정보 중 서비스코드 형식에서 오류가 발생했습니다.',
    customerMessage: '잘못된 요청입니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6084',
    frequent: false,
    description:
      'LGU+ 대행업체코드에서 오류 입력이 확인되었습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage: '잘못된 요청입니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6085',
    frequent: false,
    description: '요청정보 중 거래번호 입력값에서 오류가 발생했습니다.',
    customerMessage: '잘못된 요청입니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6086',
    frequent: false,
    description: '요청정보 중 전화번호 입력값에서 오류가 발생했습니다.',
    customerMessage: '잘못된 요청입니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6087',
    frequent: false,
    description: '요청정보 중 명의자 주민번호 입력값에서 오류가 발생했습니다.',
    customerMessage: '잘못된 요청입니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6088',
    frequent: false,
    description:
      '요청정보 중 회원사 URL 미입력 오류가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage: '잘못된 요청입니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6089',
    frequent: false,
    description:
      '요청정보 중 인증번호(OTP) 검증구분코드에서 오류가 발생했습니다. 본인확인서비스 운영담당자에게 확인 바랍니다.',
    customerMessage: '잘못된 요청입니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6090',
    frequent: false,
    description: '요청정보 중 인증번호(OTPCode) 에서 오류가 발생했습니다.',
    customerMessage: '잘못된 요청입니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6091',
    frequent: false,
    description: '요청정보 중 간편본인확인 인증 구분 코드에서 오류가 발생했습니다.',
    customerMessage: '잘못된 요청입니다. 관리자에게 문의해 주세요.',
  },
  {
    code: '6099',
    frequent: false,
    description: '인증요청 및 검증요청시 시간초과로 인한 유효시간 만료 오류가 발생하였습니다.',
    customerMessage: '유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요.',
  },
  {
    code: '6999',
    frequent: false,
    description: '통신사 시스템 내부 오류가 발생하였습니다.',
    customerMessage:
      '시스템 오류가 발생했습니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요.',
  },
  {
    code: '7001',
    frequent: false,
    description:
      '본인확인 완료 후 검증토큰(keyToken)에 해당하는 결과정보를 찾을 수 없습니다. 검증토큰이 올바르지 않거나 검증요청 후 세션 유지시간인 7분을 초과하여 조회가 되지 않을때 발생 할 수 있습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(검증실패) 확인 후 다시 시도해 주세요.',
  },
  {
    code: '8001',
    frequent: false,
    description: '인증요청시 필수 요청 값인 이용기관ID(cpid)가 없습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요.',
  },
  {
    code: '8002',
    frequent: false,
    description: '인증요청시 필수 요청 값인 응답결과 수신 URL(rtn_url) 정보가 없습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(return_url) 관리자에게 문의해 주세요.',
  },
  {
    code: '8003',
    frequent: false,
    description: '인증요청시 필수 요청 값인 요청 날짜, 요청번호등 필수 요청값(req_info) 이 없습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(요청정보) 관리자에게 문의해 주세요.',
  },
  {
    code: '8004',
    frequent: false,
    description:
      '본인확인 서비스에 등록되지 않은 이용기관 서비스 ID 입니다. 본인확인 담당자에게 문의하시기 바랍니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(상품정보) 관리자에게 문의해 주세요.',
  },
  {
    code: '8005',
    frequent: false,
    description:
      '본인확인 서비스에 등록되지 않은 이용기관 ID 입니다. 본인확인 담당자에게 문의하시기 바랍니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요.',
  },
  {
    code: '8006',
    frequent: false,
    description:
      '본인확인 서비스에 등록되지 않은 이용기관 도메인 입니다. 본인확인 담당자에게 문의하시기 바랍니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요.',
  },
  {
    code: '8007',
    frequent: false,
    description:
      '본인확인 서비스에 등록되지 않은 이용기관 응답결과 수신 도메인(허가된 응답결과 수신 도메인) 입니다. 본인확인 담당자에게 문의하시기 바랍니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(return_url) 관리자에게 문의해 주세요.',
  },
  {
    code: '8101',
    frequent: false,
    description:
      '본인확인 서비스 요청 응답 결과 복호화에 실패했습니다. 올바른 본인확인 복호화용 키가 설정되어 있는지 확인바랍니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(요청정보 복호화) 관리자에게 문의해 주세요.',
  },
  {
    code: '8102',
    frequent: false,
    description:
      '본인확인 서비스 요청 정보 생성에 실패했습니다. 올바른 본인확인 암호화용 키가 설정되어 있는지 확인바랍니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(요청정보 생성실패) 관리자에게 문의해 주세요.',
  },
  {
    code: '8201',
    frequent: false,
    description:
      '본인확인 서비스 응답결과 생성시 결과값 암호화에 실패했습니다. 본인확인 검증요청시 이름 등 길이제한을 초과하여 입력한 경우 발생할 수 있습니다.',
    customerMessage: '인증 요청 정보가 올바르지 않습니다(결과값 암호화실패) 관리자에게 문의해 주세요.',
  },
  {
    code: '9997',
    frequent: false,
    description: 'PASS등 인증 및 검증 재발송을 허용하지 않는 서비스 진행시 재발송을 요청한 경우 발생합니다.',
    customerMessage: '재발송을 제공하지 않는 서비스입니다. 확인 후 다시 시도해 주세요.',
  },
];

/** Every row of §8 in the guide's order (2910 twice). */
export const MOK_RESULT_CODE_TABLE: readonly MokResultCodeEntry[] = Object.freeze(
  ROWS.map((row) => Object.freeze({ ...row, known: true })),
);

/**
 * Rows with a code in the guide's §8 tables, and distinct codes among them (2910 is listed
 * twice). The closing "기타코드" row is {@link MOK_OTHER_CODES_ROW}.
 */
export const MOK_RESULT_CODE_ROW_COUNT = 149;
export const MOK_RESULT_CODE_COUNT = 148;

/** Every distinct code the guide lists, in the guide's order. */
export const MOK_RESULT_CODES: readonly string[] = Object.freeze([
  ...new Set(MOK_RESULT_CODE_TABLE.map((entry) => entry.code)),
]);

const BY_CODE = new Map<string, MokResultCodeEntry[]>();
for (const entry of MOK_RESULT_CODE_TABLE) {
  const list = BY_CODE.get(entry.code) ?? [];
  list.push(entry);
  BY_CODE.set(entry.code, list);
}

/**
 * The table's last row, "기타코드" (other codes): "에러코드표에 없는 오류코드가 응답될 수 있습니다".
 * Any code not in the table is described with this row.
 */
export const MOK_OTHER_CODES_ROW = Object.freeze({
  label: '기타코드',
  description:
    '서비스 모듈에서 일반적이지 않은 오류가 발생했거나 통신사 응답값에 일반적이지 않은 오류가 발생한 경우 에러코드표에 없는 오류코드가 응답될 수 있습니다. 본인확인 담당자에게 문의하시기 바랍니다.',
  customerMessage: '원인을 알 수 없는 오류가 발생했습니다. 잠시 후 다시 시도해 주세요',
});

/**
 * The catalogue entry for a result code. With the step that returned it, a code the guide lists
 * twice (2910) resolves to that step's row; without, to the first row. A code the guide does
 * not list gets the "기타코드" row's text, with `known: false`.
 */
export function lookupMokResultCode(code: string, step?: MokStep): MokResultCodeEntry {
  const entries = BY_CODE.get(code);
  if (entries === undefined || entries.length === 0) {
    return Object.freeze({
      code,
      description: MOK_OTHER_CODES_ROW.description,
      customerMessage: MOK_OTHER_CODES_ROW.customerMessage,
      frequent: false,
      known: false,
    });
  }
  const first = entries[0] as MokResultCodeEntry;
  if (step === undefined) return first;
  return entries.find((entry) => entry.step === step) ?? first;
}

export function isKnownMokResultCode(code: string): boolean {
  return BY_CODE.has(code);
}
