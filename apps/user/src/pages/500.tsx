import { ErrorCard } from '../components/ErrorCard';

export default function ServerError() {
  return <ErrorCard kind="server-error" />;
}
