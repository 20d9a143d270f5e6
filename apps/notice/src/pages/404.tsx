import { ErrorFrame } from '../components/ErrorFrame';

export default function NotFound() {
  return <ErrorFrame kind="not-found" />;
}
