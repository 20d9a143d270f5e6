import type { ReactElement } from 'react';
import { ErrorPage } from '../components/ErrorPage';
import { Layout } from '../components/Layout';
import type { PageWithLayout } from './_app';

/** Built once: shown when a page failed on the server; no remote slots (they may be the cause). */
const ServerError: PageWithLayout = () => <ErrorPage kind="server-error" />;
ServerError.getLayout = (page: ReactElement) => <Layout actions={null}>{page}</Layout>;
export default ServerError;
