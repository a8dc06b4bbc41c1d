/** Waits between push attempts: 1 s × 1.5 per attempt, ±50 % jitter, at most 30 s per wait. */
export interface BackoffPolicy {
  readonly initialMs: number
  readonly multiplier: number
  readonly maxMs: number
  /** 0.5 spreads each wait uniformly over [50 %, 150 %] of its nominal value. */
  readonly jitter: number
}

export const DEFAULT_BACKOFF: BackoffPolicy = {
  initialMs: 1000,
  multiplier: 1.5,
  maxMs: 30000,
  jitter: 0.5
}

/** The wait before attempt `attempt + 1`, after `attempt` (1-based) lost its race. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random
): number {
  const nominal = policy.initialMs * Math.pow(policy.multiplier, Math.max(0, attempt - 1))
  // Jitter keeps many pipelines that lost the same race from coming back in lockstep.
  const spread = 1 - policy.jitter + 2 * policy.jitter * random()
  return Math.round(Math.min(policy.maxMs, nominal * spread))
}

export function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
