import type { ReactElement } from 'react';
import { ErrorPage } from '../components/ErrorPage';
import { Layout } from '../components/Layout';
import type { PageWithLayout } from './_app';

/**
 * Built once, served for every unknown path: there is no request to render remote slots for, so
 * the header carries no account or bell slot (never a "일시 중단" fallback on a page that merely
 * does not exist).
 */
const NotFound: PageWithLayout = () => <ErrorPage kind="not-found" />;
NotFound.getLayout = (page: ReactElement) => <Layout actions={null}>{page}</Layout>;
export default NotFound;
