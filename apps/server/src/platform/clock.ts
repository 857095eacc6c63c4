/** The time source. Production reads the machine clock; tests inject a fixed or stepping clock. */
export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests and demos that only moves when told. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | string) { this.t = new Date(start).getTime(); }
  now(): Date { return new Date(this.t); }
  set(at: Date | string): void { this.t = new Date(at).getTime(); }
  advance(ms: number): void { this.t += ms; }
}
