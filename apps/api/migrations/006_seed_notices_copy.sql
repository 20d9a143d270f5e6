-- The seed notices (002) described another product (a schedule-sharing service, Toss identity
-- verification under "내 정보"). They now describe this service — Kakao/Toss login and mobile-ok,
-- KCB and SSAFY verification — in the site's tone (~요). Same ids and dates: read marks are kept.
UPDATE notices SET
  title = '서비스 오픈 안내',
  body = 'MFV가 문을 열었어요. 카카오나 토스 계정으로 로그인하고, 휴대폰(모바일오케이)·KCB·SSAFY 중 편한 방법으로 본인확인을 할 수 있어요.'
WHERE id = '6f1c2a10-0000-4000-8000-000000000001';

UPDATE notices SET
  title = '개인정보처리방침 개정 안내',
  body = '본인확인 기록은 확인한 날부터 1년 동안 보관하도록 바뀌었어요. 자세한 내용은 화면 아래 개인정보처리방침에서 확인해 주세요.'
WHERE id = '6f1c2a10-0000-4000-8000-000000000002';

UPDATE notices SET
  title = '정기 점검 안내 (2월 15일 02:00~04:00)',
  body = '더 안정적인 서비스를 위해 점검을 해요. 점검하는 동안 로그인, 본인확인과 알림을 잠시 쓸 수 없어요.'
WHERE id = '6f1c2a10-0000-4000-8000-000000000003';

UPDATE notices SET
  title = '토스로 로그인할 수 있어요',
  body = '이제 토스 앱으로도 로그인할 수 있어요. 로그인 화면에서 ‘토스로 로그인’을 눌러 주세요.'
WHERE id = '6f1c2a10-0000-4000-8000-000000000004';
