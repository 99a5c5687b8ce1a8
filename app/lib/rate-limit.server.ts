// Failed-login counting per client address and per account, in process memory. One server
// process serves a municipality; a restart forgets the counts, which only shortens a lockout.
export interface LimitRule { max: number; windowMs: number }

export class AttemptLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly rule: LimitRule, private readonly now: () => number = Date.now) {}

  /** Milliseconds until the key may try again, or 0 when it may try now. */
  retryAfterMs(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.rule.max) return 0;
    return recent[recent.length - this.rule.max] + this.rule.windowMs - this.now();
  }

  fail(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    this.failures.set(key, recent);
    if (this.failures.size > 10_000) this.prune();
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string): number[] {
    const since = this.now() - this.rule.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  // Bounds memory when many addresses or made-up accounts are tried.
  private prune(): void {
    for (const key of [...this.failures.keys()]) {
      const recent = this.recent(key);
      if (recent.length) this.failures.set(key, recent);
      else this.failures.delete(key);
    }
  }
}

/** Per account: a few guesses, then a pause; per address: enough for an office behind one NAT. */
export const LOGIN_LIMITS = {
  account: { max: 5, windowMs: 15 * 60_000 },
  address: { max: 30, windowMs: 15 * 60_000 },
} as const satisfies Record<string, LimitRule>;

// The server bundle may be evaluated more than once in development; keep one set of counters.
const globalKey = Symbol.for("belastning.loginLimiters");
type GlobalWithLimiters = typeof globalThis & { [globalKey]?: { account: AttemptLimiter; address: AttemptLimiter } };

export function loginLimiters(): { account: AttemptLimiter; address: AttemptLimiter } {
  const g = globalThis as GlobalWithLimiters;
  g[globalKey] ??= { account: new AttemptLimiter(LOGIN_LIMITS.account), address: new AttemptLimiter(LOGIN_LIMITS.address) };
  return g[globalKey]!;
}
