import { ErrorCard } from '../components/ErrorCard';

export default function NotFound() {
  return <ErrorCard kind="not-found" />;
}
