import { loadConfig, shellEnvSchema } from '@mfv/config';

export const env = loadConfig('shell', shellEnvSchema);
