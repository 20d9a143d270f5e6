import { releaseHandler } from '@mfv/remote-versions/next';

/** This remote's releases and the one this server was started with (read by the shell, the CLI). */
export default releaseHandler();

// Next's body parser is off: bodies are read by @mfv/auth readJsonBody (JSON errors as {code, message}).
export const config = { api: { bodyParser: false } };
