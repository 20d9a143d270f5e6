import { consentItem } from '@mfv/api-contract';
import { formatKstDate } from '@mfv/ui/format';
import { Card } from '../../components/Card';

const ITEM = consentItem('marketing');

/**
 * /user/consents/marketing — what the [선택] 마케팅 정보 수신 item asks (the signup form's and 내 정보's
 * 보기). 개인정보 보호법 §22 ①–③ and §15 ②: purpose, items, how long they are kept, and that
 * refusing costs nothing; 정보통신망법 §50: how to withdraw. Its version is the item's in
 * packages/api-contract consents.ts.
 */
export default function MarketingConsent() {
  return (
    <Card
      title="마케팅 정보 수신 동의"
      description="MFV의 새 기능과 이벤트 소식을 받는 선택 동의를 안내해요."
    >
      <p>동의하면 새 기능, 이벤트, 혜택 소식을 사이트의 알림으로 보내 드려요. 동의하지 않아도 돼요.</p>
      <dl>
        <dt>목적</dt>
        <dd>새 기능·이벤트·혜택 안내</dd>
        <dt>항목</dt>
        <dd>닉네임, 동의 여부와 동의하거나 철회한 일시</dd>
        <dt>받는 방법</dt>
        <dd>사이트의 알림</dd>
        <dt>보관 기간</dt>
        <dd>동의를 철회하거나 탈퇴할 때까지</dd>
      </dl>
      <h2>동의하지 않을 권리</h2>
      <p>
        동의하지 않아도 가입하고 모든 서비스를 똑같이 쓸 수 있어요. 동의한 뒤에도 내 정보에서 언제든지 철회할
        수 있어요.
      </p>
      <p className="effective">시행일: {formatKstDate(ITEM.version)}</p>
      <style jsx>{`
        p {
          margin: 0 0 12px;
          line-height: 1.6;
        }
        dl {
          display: grid;
          grid-template-columns: max-content 1fr;
          gap: 8px 16px;
          margin: 0 0 16px;
          padding: 14px 16px;
          border: 1px solid #e5e7eb;
          border-radius: 12px;
          background: #f9fafb;
        }
        dt {
          font-weight: 700;
          color: #374151;
        }
        dd {
          margin: 0;
        }
        h2 {
          margin: 0 0 6px;
          font-size: 16px;
        }
        .effective {
          color: #4b5563;
          font-size: 14px;
        }
      `}</style>
    </Card>
  );
}
