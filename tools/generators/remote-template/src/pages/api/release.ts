import { releaseHandler } from '@mfv/remote-versions/next';

/** This remote's releases and the one this server was started with (read by the shell, the CLI). */
export default releaseHandler();

// Bodies are read by our code (@mfv/auth readJsonBody): JSON errors as {code, message} (F7).
export const config = { api: { bodyParser: false } };
