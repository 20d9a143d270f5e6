import { Article } from '../components/Article';
import { withRemoteSlots } from '../federation/with-remote-slots';
import { consentItem } from '@mfv/api-contract';
import { formatKstDate } from '@mfv/ui/format';
import { BUSINESS_INFO } from '@mfv/ui/site';

export default function TermsPage() {
  return (
    <Article
      title="이용약관"
      description="MFV 간편 로그인과 본인확인 서비스의 이용 조건을 안내해요."
      // The version members agree to at signup (packages/api-contract consents.ts): one date for both.
      updated={formatKstDate(consentItem('terms').version)}
    >
      <h2>제1조 목적</h2>
      <p>
        이 약관은 {BUSINESS_INFO.company}
        {BUSINESS_INFO.exampleNote}(이하 &lsquo;회사&rsquo;)가 제공하는 MFV 서비스(간편 로그인, 본인확인,
        알림)를 이용하는 조건과 절차, 회사와 회원의 권리·의무를 정해요.
      </p>
      <h2>제2조 회원 가입</h2>
      <ol>
        <li>카카오 또는 토스 계정으로 로그인한 뒤 닉네임을 정하고 필수 약관에 동의하면 가입돼요.</li>
        <li>만 14세 미만은 가입할 수 없어요.</li>
        <li>다른 사람의 계정이나 정보로 가입하면 이용이 제한될 수 있어요.</li>
      </ol>
      <h2>제3조 본인확인 서비스</h2>
      <p>
        본인확인은 휴대폰 본인확인(모바일오케이), KCB 휴대폰 본인확인, SSAFY 인증으로 할 수 있어요. 회사는
        본인확인 기관이 확인한 결과만 받아 보관하며, 인증 과정에서 입력한 통신사 인증번호는 보관하지 않아요.
      </p>
      <h2>제4조 회원의 의무</h2>
      <ul>
        <li>다른 사람의 명의로 본인확인을 시도하면 안 돼요.</li>
        <li>서비스를 방해하거나 비정상적인 방법으로 접근하면 안 돼요.</li>
      </ul>
      <h2>제5조 서비스 변경과 중단</h2>
      <p>
        점검이나 장애로 서비스를 잠시 멈춰야 할 때는 미리 알림과 공지사항으로 알려 드려요. 긴급한 장애는
        해결한 뒤 알려 드릴 수 있어요.
      </p>
      <h2>제6조 탈퇴</h2>
      <p>
        회원은 언제든지 고객센터를 통해 탈퇴를 요청할 수 있어요. 탈퇴하면 개인정보처리방침에 따라 정보를
        지워요.
      </p>
    </Article>
  );
}

export const getServerSideProps = withRemoteSlots([]);
