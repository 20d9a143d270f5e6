/**
 * What the person can do after each mobile-ok result code: ONE table, written from the customer
 * message of mobile-ok 본인확인-API 개발 가이드 §8 (quoted beside each code, verbatim) and the rules
 * of §6 (ARS call) and §7 (retryCount). The service (./service.ts) acts on it; nothing else decides.
 *
 * Classes (the guide's words → the class):
 * - `wait` — "인증 후 다시" / "ARS 전화가 현재 진행 중" / "결과를 찾을 수 없습니다": not yet; the
 *   transaction is kept and the person confirms again (PASS 6702, 6703 with detail 6202/6207 —
 *   §8 6202 "간편본인확인 요청 처리 완료 전 간편본인확인 결과 확인 요청"; ARS 4500, 4501).
 * - `retry-same-step` — "인증번호를 확인" / "(인증번호) 확인 후 다시" (the code typed in) and
 *   "잠시 후 다시" (a passing failure): the same step may be asked again on the same transaction,
 *   while the guide's counters allow (§7 retryCount; §8 4301 "검증요청 제한 횟수인 3회"). At
 *   auth/request (4008, 4012, 6752 …) the transaction is kept and the same form goes out again on
 *   a fresh provider transaction (steps/request.ts `keepForRetry`), at most 3 requests.
 * - `fix-input-and-resend` — "입력하신 정보가 올바르지 않습니다" / "(이름|생년월일|통신사정보…)
 *   확인 후 다시" / "통신사를 알뜰폰으로 선택하여" / "문자 (SMS) 인증으로 다시" / "가입 후 다시":
 *   the request data (or the method) must change. At auth/request the transaction is kept and the
 *   corrected form goes out on a fresh provider transaction (steps/request.ts `keepForRetry`: §5.2's
 *   re-request carries no data, §4 forbids reusing the token), at most 3 requests; the words
 *   "…인증으로 다시" name another method, which this form cannot switch to: those end it.
 * - `restart` — "처음부터 다시" and "이미 완료 되었거나 허용시간을 초과": the transaction is over.
 *   §6 lets an ARS call that did not connect (4612 안 받음, 4641 통화중, 4642 전원 꺼짐) be
 *   requested again once (`arsRecall`) before that.
 * - `final` — "관리자에게 문의", "이미 처리 완료", "이미 진행하셨습니다", and request-format errors
 *   only the site can fix: starting again does not help.
 * A code the guide does not list ("기타코드") is `restart`.
 */
import type { MokStep } from '@mfv/verification/mobile-ok/codes';

export type MokRetryClass = 'wait' | 'retry-same-step' | 'fix-input-and-resend' | 'restart' | 'final';

export interface MokRetryRow {
  code: string;
  /** Only for 2910, listed twice in §8: the step of the row. */
  step?: MokStep;
  class: MokRetryClass;
  /** §6: an ARS call that did not connect may be requested again. */
  arsRecall?: true;
  /** The guide's customer message (§8), verbatim. */
  words: string;
}

// prettier-ignore
export const MOK_RETRY_TABLE: readonly MokRetryRow[] = [
  { code: '2910', step: 'auth', class: 'fix-input-and-resend', words: "입력하신 정보가 올바르지 않습니다. 확인 후 다시 시도해주세요" },
  { code: '2910', step: 'confirm', class: 'retry-same-step', words: "입력하신 정보가 올바르지 않습니다. 인증번호를 확인해주세요." },
  { code: '3001', class: 'restart', words: "입력값 오류가 발생했습니다. (필수 입력값 오류) 처음부터 다시 시도해 주세요." },
  { code: '4000', class: 'restart', words: "이미 완료 되었거나 허용시간을 초과 한 인증 요청입니다. 확인 후 다시 시도해 주세요." },
  { code: '4001', class: 'restart', words: "인증 진행사항을 확인할 수 없습니다. 처음부터 다시 시도해 주세요." },
  { code: '4003', class: 'restart', words: "이미 완료 되었거나 허용시간을 초과 한 인증 요청입니다. 확인 후 다시 시도해 주세요. (상세코드)" },
  { code: '4007', class: 'restart', words: "이미 진행중인 인증 요청입니다. 처음부터 다시 시도해 주세요." },
  { code: '4013', class: 'retry-same-step', words: "인증 요청 정보가 올바르지 않습니다(인증번호) 확인 후 다시 시도해 주세요." },
  { code: '4016', class: 'fix-input-and-resend', words: "통신사에 요청된 정보가 올바르지 않습니다. 확인 후 다시 시도해주세요." },
  { code: '4018', class: 'restart', words: "이미 완료 되었거나 허용시간을 초과 한 인증 요청입니다. 확인 후 다시 시도해 주세요." },
  { code: '4022', class: 'fix-input-and-resend', words: "인증 요청에 실패하였습니다. KT법인명의 본인확인을 위해 수신한 SMS 안내에 따라 추가 인증을 진행해주세요." },
  { code: '4023', class: 'fix-input-and-resend', words: "부가서비스 인증 완료되지 않았습니다. 부가서비스 인증을 하신 후 다시 진행해 주세요." },
  { code: '4101', class: 'final', words: "인증 요청 정보가 올바르지 않습니다. 확인 후 다시 시도해 주세요." },
  { code: '4150', class: 'final', words: "이미 처리 완료된 인증 요청입니다." },
  { code: '4301', class: 'restart', words: "검증요청 제한 횟수를 초과하였습니다. 처음부터 다시 시도해 주세요." },
  { code: '4302', class: 'restart', words: "인증요청 제한 횟수를 초과하였습니다. 처음부터 다시 시도해 주세요." },
  { code: '4500', class: 'wait', words: "ARS인증 결과를 찾을 수 없습니다. 확인 후 다시 시도해 주세요." },
  { code: '4501', class: 'wait', words: "ARS 전화가 현재 진행 중입니다. 반복적으로 해당 메시지가 수신된 경우, 처음부터 다시 시도해 주세요" },
  { code: '4502', class: 'final', words: "ARS 인증을 이미 진행하셨습니다." },
  { code: '4602', class: 'retry-same-step', words: "인증 요청 정보가 올바르지 않습니다(인증번호) 확인 후 다시 시도해 주세요." },
  { code: '4604', class: 'restart', words: "인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요." },
  { code: '4610', class: 'fix-input-and-resend', words: "인증 요청 정보가 올바르지 않습니다(잘못된 휴대폰번호) 확인 후 다시 시도해 주세요." },
  { code: '4611', class: 'fix-input-and-resend', words: "인증 요청 정보가 올바르지 않습니다(수신거부) 확인 후 다시 시도해 주세요." },
  { code: '4612', class: 'restart', arsRecall: true, words: "인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요." },
  { code: '4613', class: 'restart', words: "인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요." },
  { code: '4620', class: 'restart', words: "인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요." },
  { code: '4624', class: 'restart', words: "인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요." },
  { code: '4641', class: 'restart', arsRecall: true, words: "인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요." },
  { code: '4642', class: 'restart', arsRecall: true, words: "인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요." },
  { code: '4698', class: 'final', words: "ARS서비스에 오류가 발생하였습니니다(ARS사업자오류) 관리자에게 문의 해 주세요." },
  { code: '4699', class: 'final', words: "ARS서비스에 오류가 발생하였습니니다(ARS사업자오류) 관리자에게 문의 해 주세요." },
  { code: '6701', class: 'fix-input-and-resend', words: "PASS 서비스 미가입자입니다. 가입 후 다시 시도해주세요.(상세코드)" },
  { code: '6702', class: 'wait', words: "PASS 인증이 완료되지 않았습니다. 인증 후 다시 시도해 주세요.(상세코드)" },
  { code: '6703', class: 'wait', words: "PASS 인증이 완료되지 않았습니다. 인증 후 다시 시도해 주세요.(상세코드)" },
  { code: '6704', class: 'fix-input-and-resend', words: "PASS 앱이 설치되지 않았습니다. 앱 설치 후 다시 시도해 주세요.(상세코드)" },
  { code: '6705', class: 'restart', words: "PASS 인증 요청이 취소되었습니다. 처음부터 다시 시도해 주세요.(상세코드)" },
  { code: '6706', class: 'restart', words: "유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요.(상세코드)" },
  { code: '6707', class: 'fix-input-and-resend', words: "PASS 인증을 사용할 수 없습니다. 문자 (SMS) 인증으로 다시 시도해 주세요. (상세코드)" },
  { code: '6751', class: 'fix-input-and-resend', words: "PASS 인증은 만 15세 이상부터 이용가능합니다. 문자 (SMS) 인증으로 다시 시도해 주세요." },
  { code: '6752', class: 'retry-same-step', words: "PUSH 발송에 실패하였습니다. 잠시 후 다시 시도해 주세요." },
  { code: '6753', class: 'fix-input-and-resend', words: "PASS 인증 중 오류가 발생하였습니다. PASS 인증 앱 재설치 후 다시 시도해주세요." },
  { code: '6754', class: 'fix-input-and-resend', words: "LGU+ 알뜰폰 가입자입니다. 통신사를 알뜰폰으로 선택하여 다시 시도해 주세요." },
  { code: '6755', class: 'fix-input-and-resend', words: "본인확인서비스 이용이 차단되어 있습니다. 차단 해지 후 다시 시도해 주세요." },
  { code: '6756', class: 'fix-input-and-resend', words: "메시지 발송이 차단되어 있습니다. 차단 해지 후 다시 이용해 주세요. (설정-> 메시지-> 차단된 연락처->해지할 연락처 선택)." },
  { code: '6757', class: 'fix-input-and-resend', words: "SKT 휴대폰인증보호 서비스 앱이 설치되지 않았습니다. 앱 설치 후 다시 시도해 주세요." },
  { code: '9998', class: 'final', words: "인증 요청 정보가 올바르지 않습니다. 확인 후 다시 시도해 주세요." },
  { code: '9999', class: 'retry-same-step', words: "원인을 알 수 없는 오류가 발생했습니다. 잠시 후 다시 시도해 주세요" },
  { code: '4005', class: 'final', words: "ARS서비스에 오류가 발생하였습니니다(ARS사업자정보) 관리자에게 문의 해 주세요." },
  { code: '4006', class: 'final', words: "인증 요청 정보가 올바르지 않습니다.(인증구분) 확인 후 다시 시도해 주세요." },
  { code: '4008', class: 'retry-same-step', words: "선택하신 본인확인 서비스와 연결에 실패했습니다. 잠시후 다시 시도해 주세요." },
  { code: '4009', class: 'final', words: "ARS서비스에 오류가 발생하였습니니다(ARS코드) 관리자에게 문의 해 주세요." },
  { code: '4010', class: 'fix-input-and-resend', words: "인증 요청 정보가 올바르지 않습니다(통신사정보) 확인 후 다시 시도해 주세요." },
  { code: '4011', class: 'retry-same-step', words: "ARS 서비스 연결 요청에 실패하였습니다. 잠시 후 다시 시도해 주세요." },
  { code: '4012', class: 'retry-same-step', words: "인증요청 메시지 전송에 실패하였습니다. 잠시 후 다시 시도해 주세요." },
  { code: '4014', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(상품정보) 확인 후 다시 시도해 주세요." },
  { code: '4015', class: 'final', words: "재전송을 지원하지 않는 서비스입니다. 확인 후 다시 시도해주세요." },
  { code: '4017', class: 'fix-input-and-resend', words: "인증 요청 정보가 올바르지 않습니다(통신사정보) 확인 후 다시 시도해 주세요." },
  { code: '4020', class: 'restart', words: "인증 요청 정보가 올바르지 않습니다(검증실패) 확인 후 다시 시도해 주세요." },
  { code: '4021', class: 'final', words: "재전송을 지원하지 않는 서비스입니다. 확인 후 다시 시도해주세요." },
  { code: '5003', class: 'fix-input-and-resend', words: "인증 요청 정보가 올바르지 않습니다(이름) 확인 후 다시 시도해 주세요." },
  { code: '5004', class: 'fix-input-and-resend', words: "인증 요청 정보가 올바르지 않습니다(생년월일) 확인 후 다시 시도해 주세요." },
  { code: '5005', class: 'fix-input-and-resend', words: "인증 요청 정보가 올바르지 않습니다(성별) 확인 후 다시 시도해 주세요." },
  { code: '5007', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(인증구분) 관리자에게 문의해 주세요." },
  { code: '5008', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(상품정보) 관리자에게 문의해 주세요." },
  { code: '5009', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(이용기관정보) 관리자에게 문의해 주세요." },
  { code: '5010', class: 'fix-input-and-resend', words: "인증 요청 정보가 올바르지 않습니다(통신사정보) 확인 후 다시 시도해 주세요." },
  { code: '5011', class: 'retry-same-step', words: "인증 요청 정보가 올바르지 않습니다(인증번호) 확인 후 다시 시도해 주세요." },
  { code: '5012', class: 'fix-input-and-resend', words: "인증 요청 정보가 올바르지 않습니다(휴대폰번호) 확인 후 다시 시도해 주세요." },
  { code: '5013', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요." },
  { code: '5014', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(이용기관 거래ID) 관리자에게 문의해 주세요." },
  { code: '5015', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(요청 거래ID) 관리자에게 문의해 주세요." },
  { code: '5016', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(검증 거래ID) 관리자에게 문의해 주세요." },
  { code: '5017', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(이용기관정보) 관리자에게 문의해 주세요." },
  { code: '5018', class: 'fix-input-and-resend', words: "인증 요청 정보가 올바르지 않습니다(생년월일) 확인 후 다시 시도해 주세요." },
  { code: '5019', class: 'final', words: "ARS서비스에 오류가 발생하였습니니다(ARS 거래ID) 관리자에게 문의 해 주세요." },
  { code: '5020', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(통신사정보) 관리자에게 문의해 주세요." },
  { code: '5021', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(통신사정보) 관리자에게 문의해 주세요." },
  { code: '5023', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요." },
  { code: '5024', class: 'restart', words: "인증 요청 정보가 올바르지 않습니다(검증실패) 확인 후 다시 시도해 주세요." },
  { code: '5027', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요." },
  { code: '5028', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요." },
  { code: '5029', class: 'retry-same-step', words: "인증 요청 정보가 올바르지 않습니다(인증번호 향식오류) 확인 후 다시 시도해 주세요." },
  { code: '5030', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(키보드보안 복호화실패) 확인 후 다시 시도해 주세요." },
  { code: '5031', class: 'retry-same-step', words: "원인을 알 수 없는 오류가 발생했습니다. 잠시 후 다시 시도해 주세요" },
  { code: '5032', class: 'retry-same-step', words: "원인을 알 수 없는 오류가 발생했습니다. 잠시 후 다시 시도해 주세요" },
  { code: '5033', class: 'restart', words: "유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요." },
  { code: '5034', class: 'final', words: "등록되지 않은 ARS-CODE입니다. 관리자에게 문의해 주세요" },
  { code: '5037', class: 'final', words: "해당 ARS Code를 사용할 수 없는 Site 입니다. 관리자에게 문의해 주세요" },
  { code: '5101', class: 'final', words: "잘못된 요청이 감지되었습니다. 관리자에게 문의해 주세요." },
  { code: '6021', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6022', class: 'final', words: "등록되지 않은 CPCODE 입니다. 관리자에게 문의해 주세요." },
  { code: '6023', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6024', class: 'retry-same-step', words: "OTP 입력시간을 초과하였습니다. 잠시 후 다시 시도해 주세요." },
  { code: '6025', class: 'final', words: "잘못된 요청입니다. 관리자에게 문의해 주세요." },
  { code: '6026', class: 'final', words: "잘못된 요청입니다. 관리자에게 문의해 주세요." },
  { code: '6027', class: 'final', words: "잘못된 요청입니다. 관리자에게 문의해 주세요." },
  { code: '6028', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6037', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6038', class: 'restart', words: "유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요." },
  { code: '6039', class: 'retry-same-step', words: "PASS 서비스 점검중입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6040', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6041', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6042', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6050', class: 'retry-same-step', words: "SMS 메시지 전송 중 오류가 발생하였습니다. 잠시 후 다시 시도해 주세요." },
  { code: '6052', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6053', class: 'retry-same-step', words: "시스템 오류가 발생했습니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6054', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6081', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6082', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6092', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6093', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6094', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6095', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6096', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6097', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6098', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6100', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6101', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6102', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6118', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6200', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6201', class: 'fix-input-and-resend', words: "PASS인증에 실패하였습니다. 문자 (SMS) 인증으로 다시 시도해 주세요." },
  { code: '6204', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6206', class: 'retry-same-step', words: "일시적인 오류입니다. 잠시 후 다시 시도해 주세요." },
  { code: '6208', class: 'retry-same-step', words: "PASS인증에 실패하였습니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '6083', class: 'final', words: "잘못된 요청입니다. 관리자에게 문의해 주세요." },
  { code: '6084', class: 'final', words: "잘못된 요청입니다. 관리자에게 문의해 주세요." },
  { code: '6085', class: 'final', words: "잘못된 요청입니다. 관리자에게 문의해 주세요." },
  { code: '6086', class: 'final', words: "잘못된 요청입니다. 관리자에게 문의해 주세요." },
  { code: '6087', class: 'final', words: "잘못된 요청입니다. 관리자에게 문의해 주세요." },
  { code: '6088', class: 'final', words: "잘못된 요청입니다. 관리자에게 문의해 주세요." },
  { code: '6089', class: 'final', words: "잘못된 요청입니다. 관리자에게 문의해 주세요." },
  { code: '6090', class: 'final', words: "잘못된 요청입니다. 관리자에게 문의해 주세요." },
  { code: '6091', class: 'final', words: "잘못된 요청입니다. 관리자에게 문의해 주세요." },
  { code: '6099', class: 'restart', words: "유효시간이 만료되었습니다. 처음부터 다시 시도해 주세요." },
  { code: '6999', class: 'retry-same-step', words: "시스템 오류가 발생했습니다. 잠시 후 다시 시도해 주세요. 지속적으로 오류가 발생하는 경우 관리자에게 문의해주세요." },
  { code: '7001', class: 'restart', words: "인증 요청 정보가 올바르지 않습니다(검증실패) 확인 후 다시 시도해 주세요." },
  { code: '8001', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요." },
  { code: '8002', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(return_url) 관리자에게 문의해 주세요." },
  { code: '8003', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(요청정보) 관리자에게 문의해 주세요." },
  { code: '8004', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(상품정보) 관리자에게 문의해 주세요." },
  { code: '8005', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요." },
  { code: '8006', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(이용기관) 관리자에게 문의해 주세요." },
  { code: '8007', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(return_url) 관리자에게 문의해 주세요." },
  { code: '8101', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(요청정보 복호화) 관리자에게 문의해 주세요." },
  { code: '8102', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(요청정보 생성실패) 관리자에게 문의해 주세요." },
  { code: '8201', class: 'final', words: "인증 요청 정보가 올바르지 않습니다(결과값 암호화실패) 관리자에게 문의해 주세요." },
  { code: '9997', class: 'final', words: "재발송을 제공하지 않는 서비스입니다. 확인 후 다시 시도해 주세요." },
];

const BY_CODE = new Map<string, MokRetryRow>();
for (const row of MOK_RETRY_TABLE) BY_CODE.set(row.step ? `${row.code}/${row.step}` : row.code, row);

/** §8 6703's detail codes that mean "not finished yet" (6212 앱미설치/미가입/미구동 does not). */
const PASS_NOT_YET_DETAILS = new Set(['6202', '6207']);

/** The detail code a provider resultMsg ends with, "(6202)". */
export const mokDetailCode = (resultMsg: string | undefined): string | undefined =>
  /\((\d{4})\)\s*$/.exec(resultMsg ?? '')?.[1];

/** The class of a result code returned by `step`; `resultMsg` carries §8's detail code. */
export function mokRetryRow(code: string, step: MokStep, resultMsg?: string): MokRetryRow {
  const row = BY_CODE.get(`${code}/${step}`) ?? BY_CODE.get(code);
  if (row === undefined) return { code, class: 'restart', words: '' };
  if (code === '6703') {
    const detail = mokDetailCode(resultMsg);
    // Without a detail the guide's customer message "인증이 완료되지 않았습니다. 인증 후 다시" stands.
    if (detail !== undefined && !PASS_NOT_YET_DETAILS.has(detail)) return { ...row, class: 'restart' };
  }
  return row;
}
