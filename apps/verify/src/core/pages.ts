/**
 * What the KCB and SSAFY pages' getServerSideProps share: no caching, no Referer out of a URL that
 * may hold a one-time ticket or a provider's code, and whom a verification would belong to.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defaultAuth } from '@mfv/auth';
import type { OwnerKind } from './owner';
import { ownerOf } from './handoff';

export function privatePage(res: ServerResponse): void {
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
}

export async function ownerKindOf(req: IncomingMessage, res: ServerResponse): Promise<OwnerKind> {
  const owner = await ownerOf(defaultAuth(), req, res);
  if (owner === 'none' || owner === 'unavailable') return owner;
  return 'userId' in owner ? 'member' : 'signup';
}
