import { Octokit } from '@octokit/core'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import type { Logger } from '../runtime/logger.js'

/** The one Octokit build idp uses: REST + GraphQL through `request`/`graphql`, retried and throttled. */
export const IdpOctokit = Octokit.plugin(retry, throttling)
export type GitHubClient = InstanceType<typeof IdpOctokit>

export interface GitHubClientOptions {
  readonly token: string
  /** `GITHUB_API_URL` (e.g. `https://api.github.com` or `https://ghes.example/api/v3`). */
  readonly baseUrl: string
  readonly logger: Logger
  /** Retries of a 5xx, 429 or secondary-limit response before giving up (default 3). */
  readonly retries?: number
  /** Milliseconds that one unit of `retry-after` / backoff stands for (1000; tests shrink it). */
  readonly retryUnitMs?: number
}

/**
 * Builds the client: server errors are retried with growing waits (plugin-retry), rate limits and
 * secondary limits wait for `retry-after` or the reset time (plugin-throttling), a few times each.
 * Octokit's own log lines go to the Logger; the token is masked.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const { logger } = options
  logger.setSecret(options.token)
  const retries = options.retries ?? 3
  const unit = options.retryUnitMs ?? 1000
  const onLimit =
    (what: string) =>
    (
      retryAfter: number,
      request: { method?: string; url?: string },
      _octokit: unknown,
      count: number
    ) => {
      const again = count < retries
      logger.warning(
        `GitHub ${what} on ${request.method} ${request.url}; ${again ? `retrying in ${retryAfter} s` : 'giving up'}.`
      )
      return again
    }
  return new IdpOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'idp-promote',
    retry: { retries, retryAfterBaseValue: unit },
    throttle: {
      retryAfterBaseValue: unit,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit')
    },
    log: {
      debug: (message: string) => logger.debug(message),
      info: (message: string) => logger.debug(message),
      warn: (message: string) => logger.warning(message),
      error: (message: string) => logger.error(message)
    }
  })
}

/** The HTTP status of an Octokit error, or undefined for anything else. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status
  return typeof status === 'number' ? status : undefined
}
