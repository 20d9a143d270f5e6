/** Whom a verification started on a page would belong to (decided on the server). */
export type OwnerKind = 'member' | 'signup' | 'none' | 'unavailable';
