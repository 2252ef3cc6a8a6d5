import { AppError } from "../../shared/errors.js";

/**
 * Failed sign-ins per client address, in memory: a burst of wrong passwords from one
 * address is refused before it can lock many accounts. Account lockout (in the database)
 * covers the distributed case. Bounded in size so it cannot be used to exhaust memory.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly maxFailures = 20,
    private readonly windowMs = 5 * 60_000,
    private readonly maxKeys = 10_000,
  ) {}

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
  }

  /** Refuses the attempt when the address failed too often lately. */
  check(key: string, now = Date.now()): void {
    if (this.recent(key, now).length >= this.maxFailures) throw new AppError("too_many_requests");
  }

  fail(key: string, now = Date.now()): void {
    const recent = this.recent(key, now);
    recent.push(now);
    if (!this.failures.has(key) && this.failures.size >= this.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
    this.failures.set(key, recent);
  }
}
