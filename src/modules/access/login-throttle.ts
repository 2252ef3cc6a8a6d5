import { AppError } from "../../shared/errors.js";

/**
 * Login attempts per client address, in memory: a burst from one address is slowed
 * before it can lock many accounts. Account lockout (in the database) covers the
 * distributed case. Bounded in size so it cannot be used to exhaust memory.
 */
export class LoginThrottle {
  private readonly attempts = new Map<string, number[]>();
  constructor(
    private readonly maxAttempts = 20,
    private readonly windowMs = 5 * 60_000,
    private readonly maxKeys = 10_000,
  ) {}

  check(key: string, now = Date.now()): void {
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.maxAttempts) throw new AppError("too_many_requests");
    recent.push(now);
    if (!this.attempts.has(key) && this.attempts.size >= this.maxKeys) {
      const oldest = this.attempts.keys().next().value;
      if (oldest !== undefined) this.attempts.delete(oldest);
    }
    this.attempts.set(key, recent);
  }
}
