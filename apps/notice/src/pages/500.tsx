import { ErrorContent, errorCopy } from '@mfv/ui/page';
import { Frame } from '../components/Frame';

const { title, body } = errorCopy('server-error');

export default function ServerError() {
  return (
    <Frame title={title} description={body}>
      <ErrorContent kind="server-error" links={[{ href: '/notice', label: '알림 목록' }]} />
    </Frame>
  );
}
