/** The one clock. Services take it as a parameter so tests (and later "time travel") share one path. */
export interface Clock {
  now(): Date
}

export const systemClock: Clock = { now: () => new Date() }
