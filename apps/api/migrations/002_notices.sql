CREATE TABLE notices (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  body text NOT NULL,
  published_at timestamptz NOT NULL
);
CREATE INDEX notices_published_at_idx ON notices (published_at DESC, id DESC);

CREATE TABLE notice_reads (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  notice_id uuid NOT NULL REFERENCES notices (id) ON DELETE CASCADE,
  read_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, notice_id)
);

INSERT INTO notices (id, title, body, published_at) VALUES
  ('6f1c2a10-0000-4000-8000-000000000001',
   '서비스 오픈 안내',
   '안녕하세요. 새로운 일정 공유 서비스가 문을 열었습니다. 카카오 계정으로 간편하게 시작해 보세요.',
   '2025-01-06T09:00:00+09:00'),
  ('6f1c2a10-0000-4000-8000-000000000002',
   '개인정보 처리방침 개정 안내',
   '본인확인 기록 보관 기간이 변경되었습니다. 자세한 내용은 개인정보 처리방침을 확인해 주세요.',
   '2025-02-03T10:00:00+09:00'),
  ('6f1c2a10-0000-4000-8000-000000000003',
   '정기 점검 안내 (2월 15일 02:00~04:00)',
   '더 안정적인 서비스를 위해 정기 점검을 진행합니다. 점검 시간 동안 로그인과 알림이 잠시 중단됩니다.',
   '2025-02-10T14:00:00+09:00'),
  ('6f1c2a10-0000-4000-8000-000000000004',
   '토스 본인인증 추가',
   '이제 토스 앱으로도 본인인증을 할 수 있습니다. 내 정보 > 본인인증 메뉴에서 이용해 주세요.',
   '2025-03-01T09:00:00+09:00');
