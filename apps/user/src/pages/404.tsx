import { ErrorContent, errorCopy } from '@mfv/ui/page';
import { Card } from '../components/Card';

const { title, body } = errorCopy('not-found');

export default function NotFound() {
  return (
    <Card title={title} description={body}>
      <ErrorContent kind="not-found" heading={false} />
    </Card>
  );
}
