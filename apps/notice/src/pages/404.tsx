import { ErrorContent, errorCopy } from '@mfv/ui/page';
import { Frame } from '../components/Frame';

const { title, body } = errorCopy('not-found');

export default function NotFound() {
  return (
    <Frame title={title} description={body}>
      <ErrorContent kind="not-found" links={[{ href: '/notice', label: '알림 목록' }]} />
    </Frame>
  );
}
