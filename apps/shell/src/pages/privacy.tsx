import { Article } from '../components/Article';
import { withRemoteSlots } from '../federation/with-remote-slots';
import { consentItem } from '@mfv/api-contract';
import { formatKstDate } from '@mfv/ui/format';
import { BUSINESS_INFO } from '@mfv/ui/site';

export default function PrivacyPage() {
  return (
    <Article
      title="개인정보처리방침"
      description="MFV가 어떤 개인정보를 왜 모으고 얼마나 보관하는지 안내해요."
      // The version members agree to at signup (packages/api-contract consents.ts): one date for both.
      updated={formatKstDate(consentItem('privacy').version)}
    >
      <p>
        {BUSINESS_INFO.company}
        {BUSINESS_INFO.exampleNote}는 서비스에 꼭 필요한 정보만 모으고, 목적이 끝나면 바로 지워요.
      </p>
      <h2>1. 모으는 정보와 목적</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">구분</th>
            <th scope="col">항목</th>
            <th scope="col">목적</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>회원 가입(필수)</td>
            <td>카카오·토스 회원 번호, 닉네임</td>
            <td>로그인, 회원 식별</td>
          </tr>
          <tr>
            <td>본인확인(필수)</td>
            <td>이름, 생년월일, 성별, 내·외국인 구분, 연계정보(CI·DI)</td>
            <td>본인 여부 확인, 중복 가입 방지</td>
          </tr>
          <tr>
            <td>자동 수집</td>
            <td>접속 기록, 기기·브라우저 정보</td>
            <td>부정 이용 방지, 장애 대응</td>
          </tr>
        </tbody>
      </table>
      <h2>2. 보관 기간</h2>
      <ul>
        <li>회원 정보: 탈퇴할 때까지</li>
        <li>본인확인 기록: 확인한 날부터 1년</li>
        <li>접속 기록: 3개월(통신비밀보호법)</li>
      </ul>
      <h2>3. 제3자 제공과 처리 위탁</h2>
      <p>
        회원의 동의나 법령의 근거 없이 개인정보를 다른 곳에 제공하지 않아요. 본인확인은 각 본인확인 기관
        (모바일오케이, 코리아크레딧뷰로, SSAFY)이 직접 처리해요.
      </p>
      <h2>4. 회원의 권리</h2>
      <p>
        언제든지 내 정보를 보거나 고치고, 처리 정지나 삭제를 요청할 수 있어요. 고객센터로 요청하면 10일 안에
        처리해 드려요.
      </p>
      <h2>5. 개인정보 보호책임자</h2>
      <p>
        개인정보 보호책임자: {BUSINESS_INFO.representative} · {BUSINESS_INFO.email}{' '}
        {BUSINESS_INFO.exampleNote}
      </p>
    </Article>
  );
}

export const getServerSideProps = withRemoteSlots([]);
