import { ErrorFrame } from '../components/ErrorFrame';

export default function ServerError() {
  return <ErrorFrame kind="server-error" />;
}
