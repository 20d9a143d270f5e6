/** The one source of "now" for tokens, tickets and the database rows about them (tests inject one). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const toEpochSeconds = (d: Date): number => Math.floor(d.getTime() / 1000);
