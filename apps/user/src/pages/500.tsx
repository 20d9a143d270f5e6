import { ErrorContent, errorCopy } from '@mfv/ui/page';
import { Card } from '../components/Card';

const { title, body } = errorCopy('server-error');

export default function ServerError() {
  return (
    <Card title={title} description={body}>
      <ErrorContent kind="server-error" heading={false} />
    </Card>
  );
}
