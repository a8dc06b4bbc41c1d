import { Octokit } from '@octokit/core'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck'
import { replyReason, shortReason, statusText } from '../boundary/remote-replies.js'
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
  /** One attempt's limit, headers and body (default 30 s); a timed-out attempt counts as a 5xx. */
  readonly requestTimeoutMs?: number
  /** Longest rate-limit wait accepted, in retry units (default 90): a later reset is given up. */
  readonly maxRateLimitWait?: number
  /**
   * Least time between two writes (POST/PATCH/PUT/DELETE) of this client, in milliseconds. Unset:
   * the throttling plugin's 1 s, shared by every client in the process, as GitHub asks of one token.
   */
  readonly writeSpacingMs?: number
}

const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
const DEFAULT_MAX_RATE_LIMIT_WAIT = 90

/**
 * A failed GitHub request as idp repeats it: the HTTP status (500 for no answer, as Octokit counts
 * it) and a one-line reason from GitHub's `message` field, never the reply's body.
 */
export class GitHubApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly reason: string | undefined
  ) {
    super(message)
    this.name = 'GitHubApiError'
  }
}

/**
 * Builds the client: server errors are retried with growing waits (plugin-retry), rate limits and
 * secondary limits wait for `retry-after` or the reset time (plugin-throttling), a few times each and
 * never longer than `maxRateLimitWait`; every attempt is aborted after `requestTimeoutMs`. Errors
 * carry status and a short reason only (GitHubApiError). Octokit's own log lines go to the Logger;
 * the token is masked.
 */
export function createGitHubClient(options: GitHubClientOptions): GitHubClient {
  const { logger } = options
  logger.setSecret(options.token)
  const retries = options.retries ?? 3
  const unit = options.retryUnitMs ?? 1000
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
  const maxWait = options.maxRateLimitWait ?? DEFAULT_MAX_RATE_LIMIT_WAIT
  const onLimit =
    (what: string) =>
    (
      retryAfter: number,
      request: { method?: string; url?: string },
      _octokit: unknown,
      count: number
    ) => {
      const again = count < retries && retryAfter <= maxWait
      logger.warning(
        `GitHub ${what} on ${request.method} ${request.url}; ${again ? `retrying in ${retryAfter} s` : retryAfter > maxWait ? `giving up (it resets in ${retryAfter} s)` : 'giving up'}.`
      )
      return again
    }
  const client = new IdpOctokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'idp-promote',
    request: { fetch: fetchWithTimeout(requestTimeoutMs) },
    retry: { retries, retryAfterBaseValue: unit },
    throttle: {
      retryAfterBaseValue: unit,
      fallbackSecondaryRateRetryAfter: 60,
      ...(options.writeSpacingMs === undefined
        ? {}
        : {
            write: new Bottleneck.Group({ maxConcurrent: 1, minTime: options.writeSpacingMs })
          }),
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
  // Registered last, so it sees each request's final outcome, after retries and limit waits.
  client.hook.wrap('request', async (request, endpoint) => {
    try {
      return await request(endpoint)
    } catch (error) {
      throw toGitHubApiError(error, `${endpoint.method} ${String(endpoint.url)}`, requestTimeoutMs)
    }
  })
  return client
}

/** `fetch` with every attempt aborted after `ms` (headers and body alike). */
function fetchWithTimeout(ms: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(ms)
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    return fetch(input, { ...init, signal })
  }
}

/** Octokit's RequestError (whose message can be a raw body) → GitHubApiError. */
function toGitHubApiError(error: unknown, what: string, requestTimeoutMs: number): unknown {
  const status = statusOf(error)
  if (status === undefined || error instanceof GitHubApiError) return error
  const data = (error as { response?: { data?: unknown } }).response?.data
  const timedOut = isTimeout(error)
  const reason = timedOut
    ? `did not answer within ${requestTimeoutMs / 1000} s`
    : (replyReason(data) ?? (data === undefined ? networkReason(error) : undefined))
  const message = timedOut
    ? `GitHub ${what} ${reason}.`
    : `GitHub ${what} failed (${statusText(status, reason)}).`
  return new GitHubApiError(message, status, reason)
}

function isTimeout(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause)
    if ((e as Error).name === 'TimeoutError') return true
  return /TimeoutError|aborted due to timeout/i.test(String((error as Error).message))
}

/** The short reason of a request that got no reply (connection refused, DNS): Octokit's own text. */
function networkReason(error: unknown): string | undefined {
  return shortReason((error as Error).message)
}

/** A one-line reason for any GitHub error, GraphQL's `errors` list included, for warnings. */
export function gitHubErrorReason(error: unknown): string {
  const errors = (error as { errors?: unknown }).errors
  if (Array.isArray(errors) && errors.length > 0) {
    const messages = errors
      .map(e => (e as { message?: unknown }).message)
      .filter((m): m is string => typeof m === 'string')
    const reason = shortReason(messages.join('; '))
    if (reason) return reason
  }
  if (error instanceof GitHubApiError) return error.reason ?? `HTTP ${error.status}`
  return shortReason((error as Error)?.message) ?? 'unknown error'
}

/** The HTTP status of an Octokit error, or undefined for anything else. */
export function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status
  return typeof status === 'number' ? status : undefined
}
