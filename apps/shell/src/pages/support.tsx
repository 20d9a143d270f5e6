import Link from 'next/link';
import { Article } from '../components/Article';
import { withRemoteSlots } from '../federation/with-remote-slots';
import { BUSINESS_INFO } from '@mfv/ui/site';

export default function SupportPage() {
  return (
    <Article title="고객센터" description="MFV 로그인과 본인확인에 대해 자주 묻는 질문과 문의 방법이에요.">
      <h2>문의하기</h2>
      <ul>
        <li>
          전화: {BUSINESS_INFO.phone} (평일 10:00~18:00) {BUSINESS_INFO.exampleNote}
        </li>
        <li>
          이메일: {BUSINESS_INFO.email} {BUSINESS_INFO.exampleNote}
        </li>
      </ul>
      <h2>자주 묻는 질문</h2>
      <h3>로그인 중에 취소했어요.</h3>
      <p>
        카카오나 토스 화면에서 취소하면 로그인 화면으로 돌아와요. <Link href="/user/login">로그인</Link>에서
        다시 시작해 주세요.
      </p>
      <h3>본인확인 문자가 오지 않아요.</h3>
      <p>
        통신사 스팸 차단 설정을 확인하고, 3분이 지나면 인증번호를 다시 받아 주세요. 다른 방법(KCB, SSAFY)으로
        확인할 수도 있어요.
      </p>
      <h3>다른 기기에서 로그인된 것 같아요.</h3>
      <p>
        머리글의 계정 메뉴에서 &lsquo;모든 기기에서 로그아웃&rsquo;을 누르면 다른 기기에서도 바로
        로그아웃돼요.
      </p>
    </Article>
  );
}

export const getServerSideProps = withRemoteSlots([]);
