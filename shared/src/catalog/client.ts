import { inputRefStart } from '../runtime/surface.js'
import { replyReason, shortReason, statusText } from '../boundary/remote-replies.js'
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'

/** An entity as the catalog returns it (server fields included). */
export interface StoredEntity {
  readonly apiVersion: string
  readonly kind: string
  readonly metadata: {
    readonly name: string
    readonly namespace?: string
    readonly uid?: string
    readonly etag?: string
    readonly description?: string
    readonly tags?: readonly string[]
    readonly links?: readonly Record<string, unknown>[]
    readonly annotations?: Readonly<Record<string, string>>
  }
  readonly spec?: Readonly<Record<string, unknown>>
  readonly relations?: readonly { readonly type: string; readonly targetRef: string }[]
  readonly status?: {
    readonly items?: readonly {
      readonly type: string
      readonly level: string
      readonly message: string
      readonly error?: { readonly name?: string; readonly message?: string }
    }[]
  }
}

export interface LocationSpec {
  readonly type: 'url'
  readonly target: string
}

export interface DryRunResult {
  readonly exists: boolean
  readonly entities: readonly StoredEntity[]
}

export interface CatalogApiOptions {
  /** The backend's base URL, e.g. `https://backstage.acme.io` (the catalog lives at `/api/catalog`). */
  readonly baseUrl: string
  readonly token: string
  readonly logger: Logger
  /** Attempts for 5xx, 429 and network failures (default 4). */
  readonly attempts?: number
  /** First backoff in ms, doubled per attempt (default 500). */
  readonly backoffMs?: number
  /**
   * The whole budget of this client, from its creation (the `timeout` input): no request, retry or
   * wait goes past it (default 120 s).
   */
  readonly timeoutMs?: number
  /** One attempt's limit, headers and body (default 30 s; never past the budget). */
  readonly requestTimeoutMs?: number
  /** Largest reply read (default 32 MiB); a larger one is refused. */
  readonly maxReplyBytes?: number
  readonly fetchImpl?: typeof fetch
  readonly sleep?: (ms: number) => Promise<void>
  readonly now?: () => number
}

interface ApiResponse {
  readonly status: number
  readonly body: unknown
}

const defaultSleep = (ms: number) => new Promise<void>(done => setTimeout(done, ms))

/**
 * The catalog's error envelope → "Name: message" (validate-entity uses its own `errors` list), each
 * message cut to one short line (boundary/remote-replies). A body that is not a JSON object (a proxy's
 * error page) gives undefined: it is never repeated.
 */
export function catalogErrorText(body: unknown): string | undefined {
  const reason = replyReason(body)
  if (reason) return reason
  if (typeof body !== 'object' || body === null) return undefined
  const errors = (body as Record<string, unknown>).errors as
    { name?: string; message?: string; cause?: { message?: string } }[] | undefined
  if (Array.isArray(errors) && errors.length > 0)
    return errors
      .slice(0, MAX_LISTED_ERRORS)
      .map(e =>
        shortReason(
          e.cause?.message && !e.message?.includes(e.cause.message)
            ? `${e.message} Caused by: ${e.cause.message}`
            : (e.message ?? e.cause?.message ?? e.name ?? 'unknown error')
        )
      )
      .filter(text => text !== undefined)
      .join('; ')
      .concat(
        errors.length > MAX_LISTED_ERRORS ? ` (and ${errors.length - MAX_LISTED_ERRORS} more)` : ''
      )
  return undefined
}

const MAX_LISTED_ERRORS = 5
const DEFAULT_TIMEOUT_MS = 120_000
const DEFAULT_REQUEST_TIMEOUT_MS = 30_000
const DEFAULT_MAX_REPLY_BYTES = 32 * 1024 * 1024

/** A reply cut off: it took longer than allowed or is larger than the cap. */
class ReplyLimitError extends Error {}

/** The body of `response`, at most `maxBytes`, as text. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length'))
  if (Number.isFinite(declared) && declared > maxBytes)
    throw new ReplyLimitError(`a reply larger than ${maxBytes} bytes`)
  if (!response.body) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw new ReplyLimitError(`a reply larger than ${maxBytes} bytes`)
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * A small client for the Backstage catalog REST API with plain `fetch`: bearer token (registered as
 * a secret, sent only in the Authorization header), retries with exponential backoff on 5xx, 429 and
 * network failures, and user-facing errors that quote the catalog's own message.
 */
export class CatalogApi {
  private readonly base: string
  private readonly attempts: number
  private readonly backoffMs: number
  private readonly fetchImpl: typeof fetch
  private readonly sleep: (ms: number) => Promise<void>
  private readonly now: () => number
  private readonly timeoutMs: number
  /** When this client's budget ends (`now()` clock). */
  private readonly deadline: number
  private readonly requestTimeoutMs: number
  private readonly maxReplyBytes: number

  constructor(private readonly options: CatalogApiOptions) {
    let url: URL
    try {
      url = new URL(options.baseUrl)
    } catch {
      throw new UserError({
        message: `${inputRefStart('backstage-url')} is not a URL: '${options.baseUrl}'.`,
        hint: 'Give the Backstage backend base URL, e.g. https://backstage.acme.io.'
      })
    }
    if (url.username || url.password)
      throw new UserError({
        message: `${inputRefStart('backstage-url')} must not carry credentials.`,
        hint: 'Pass the token through backstage-token.'
      })
    options.logger.setSecret(options.token)
    // Accept the catalog API's own URL too (`…/api/catalog`), a common thing to paste.
    const root = url
      .toString()
      .replace(/\/+$/, '')
      .replace(/\/api\/catalog$/, '')
    this.base = `${root}/api/catalog`
    this.attempts = options.attempts ?? 4
    this.backoffMs = options.backoffMs ?? 500
    this.fetchImpl = options.fetchImpl ?? fetch
    this.sleep = options.sleep ?? defaultSleep
    this.now = options.now ?? Date.now
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.deadline = this.now() + this.timeoutMs
    this.requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS
    this.maxReplyBytes = options.maxReplyBytes ?? DEFAULT_MAX_REPLY_BYTES
  }

  /** What is left of the budget, in ms (the registration's wait ends with it). */
  remainingMs(): number {
    return Math.max(0, this.deadline - this.now())
  }

  /** The error for a spent budget: which request was waiting, and what to do. */
  private outOfTime(what: string): UserError {
    return new UserError({
      message: `The Backstage catalog did not answer within ${this.timeoutMs / 1000} s (${what} at ${this.base}).`,
      hint: 'Check that the runner can reach backstage-url and that the backend is healthy, or raise timeout.'
    })
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    what = `${method} ${path.split('?')[0]}`
  ): Promise<ApiResponse> {
    for (let attempt = 1; ; attempt++) {
      const remaining = this.deadline - this.now()
      if (remaining <= 0) throw this.outOfTime(what)
      const attemptMs = Math.min(this.requestTimeoutMs, remaining)
      let status: number
      let retryAfter: number
      let text: string
      try {
        const response = await this.fetchImpl(`${this.base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.options.token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' })
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          // Covers the headers and the body: a backend that stalls mid-reply is cut off too.
          signal: AbortSignal.timeout(attemptMs)
        })
        status = response.status
        retryAfter = Number(response.headers.get('retry-after'))
        text = await readCapped(response, this.maxReplyBytes)
      } catch (error) {
        if (error instanceof ReplyLimitError)
          throw new UserError({
            message: `The Backstage catalog sent ${error.message} for ${what}; idp does not read it.`,
            hint: 'Check that backstage-url points at the Backstage backend itself, not a proxy or another service.'
          })
        const timedOut = (error as Error).name === 'TimeoutError'
        const cause = (error as { cause?: { code?: string; message?: string } }).cause
        const reason = timedOut
          ? `no answer within ${attemptMs / 1000} s`
          : (shortReason(cause?.code ?? cause?.message ?? (error as Error).message) ??
            'network error')
        if (this.deadline - this.now() <= 0) throw this.outOfTime(what)
        if (attempt < this.attempts) {
          await this.backoff(attempt, `${what}: ${reason}`)
          continue
        }
        throw new UserError({
          message: `Could not reach the Backstage backend at ${this.base} (${reason}) after ${attempt} attempts.`,
          hint: 'Check backstage-url and that the runner can reach it.'
        })
      }
      let parsed: unknown = undefined
      try {
        parsed = text ? JSON.parse(text) : undefined
      } catch {
        // Not JSON (a proxy's error page): never repeated, only its status is.
      }
      if ((status >= 500 || status === 429) && attempt < this.attempts) {
        await this.backoff(attempt, `${what}: HTTP ${status}`, retryAfter)
        continue
      }
      if (status === 401 || status === 403) {
        throw new UserError({
          message: `The Backstage catalog refused the request ${what} (${statusText(status, catalogErrorText(parsed))}).`,
          hint:
            status === 401
              ? 'Check backstage-token: it must be a token the backend accepts (e.g. a static external-access token).'
              : 'The token is valid but lacks permission for the catalog.'
        })
      }
      if (status >= 500 || status === 429) {
        throw new UserError({
          message: `The Backstage catalog failed ${what} after ${attempt} attempts (${statusText(status, catalogErrorText(parsed))}).`,
          hint:
            status === 429
              ? 'The backend is rate-limiting this runner; try again later, or raise timeout so idp can wait longer.'
              : 'The Backstage backend is failing; check its health and logs (e.g. its database and the catalog plugin), then run again.'
        })
      }
      return { status, body: parsed }
    }
  }

  private async backoff(attempt: number, reason: string, retryAfterSeconds = NaN): Promise<void> {
    const wanted = Number.isFinite(retryAfterSeconds)
      ? Math.min(retryAfterSeconds * 1000, 30_000)
      : this.backoffMs * 2 ** (attempt - 1)
    // A wait that would end past the budget is not worth starting.
    if (this.now() + wanted >= this.deadline) throw this.outOfTime(reason)
    this.options.logger.info(`Retrying after ${wanted} ms (${reason}).`)
    await this.sleep(wanted)
  }

  private fail(what: string, response: ApiResponse): never {
    throw new UserError({
      message: `The Backstage catalog rejected ${what} (${statusText(response.status, catalogErrorText(response.body))}).`,
      hint:
        response.status === 404
          ? 'Check that backstage-url is the Backstage backend base URL and that its catalog plugin is installed.'
          : "Fix what the catalog's reason names; if it names nothing, check the Backstage backend's logs."
    })
  }

  /** `POST /validate-entity`: the catalog's own verdict on one entity; returns its error text or undefined. */
  async validateEntity(entity: unknown, locationRef: string): Promise<string | undefined> {
    const response = await this.request('POST', '/validate-entity', {
      entity,
      location: locationRef
    })
    if (response.status === 200) return undefined
    if (response.status === 400)
      return catalogErrorText(response.body) ?? 'rejected without details'
    this.fail('validate-entity', response)
  }

  /** `POST /locations?dryRun=true`: what the catalog would read from the location, or its error. */
  async dryRunLocation(location: LocationSpec): Promise<DryRunResult> {
    const response = await this.request('POST', '/locations?dryRun=true', location)
    if (response.status !== 201) this.fail(`the dry run of location ${location.target}`, response)
    const body = response.body as { exists?: boolean; entities?: StoredEntity[] }
    return { exists: body.exists === true, entities: body.entities ?? [] }
  }

  /** Registers the location, or refreshes it when it is already registered. */
  async addLocation(location: LocationSpec): Promise<{ id: string; entityRef?: string }> {
    const response = await this.request('POST', '/locations?onConflict=refresh', location)
    if (response.status !== 201) this.fail(`location ${location.target}`, response)
    return (response.body as { location: { id: string; entityRef?: string } }).location
  }

  /** `POST /refresh`; false when the entity does not exist (yet). */
  async refresh(entityRef: string): Promise<boolean> {
    const response = await this.request('POST', '/refresh', { entityRef })
    if (response.status === 404) return false
    if (response.status >= 300) this.fail(`the refresh of ${entityRef}`, response)
    return true
  }

  /** `POST /entities/by-refs`: one entry per ref, in order, undefined where the catalog has none. */
  async getEntitiesByRefs(refs: readonly string[]): Promise<(StoredEntity | undefined)[]> {
    if (refs.length === 0) return []
    const response = await this.request('POST', '/entities/by-refs', { entityRefs: refs })
    if (response.status !== 200) this.fail('entities/by-refs', response)
    return ((response.body as { items: (StoredEntity | null)[] }).items ?? []).map(
      e => e ?? undefined
    )
  }

  /** `GET /entities/by-name/<kind>/<namespace>/<name>`; undefined on 404. */
  async getEntityByName(
    kind: string,
    namespace: string,
    name: string
  ): Promise<StoredEntity | undefined> {
    const path = `/entities/by-name/${[kind, namespace, name].map(encodeURIComponent).join('/')}`
    const response = await this.request('GET', path)
    if (response.status === 404) return undefined
    if (response.status !== 200) this.fail(`${kind}:${namespace}/${name}`, response)
    return response.body as StoredEntity
  }
}
