/** Maps the neutral transport failure to the KCB error classes. */
import { HttpFailure } from '../internal/http.js';
import { KcbTransportError, type KcbStep } from './exceptions.js';

const CODES = {
  'connect-timeout': 'KCB_CONNECT_TIMEOUT',
  timeout: 'KCB_TIMEOUT',
  aborted: 'KCB_ABORTED',
  network: 'KCB_NETWORK',
  'too-large': 'KCB_RESPONSE_TOO_LARGE',
} as const;

export async function sendKcb(step: KcbStep, send: () => Promise<Response>): Promise<Response> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof HttpFailure) {
      throw new KcbTransportError(CODES[error.kind], `KCB ${step}: ${error.message}`, {
        step,
        errno: error.errno,
      });
    }
    throw error;
  }
}
