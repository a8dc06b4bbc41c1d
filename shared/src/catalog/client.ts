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
  readonly fetchImpl?: typeof fetch
  readonly sleep?: (ms: number) => Promise<void>
}

interface ApiResponse {
  readonly status: number
  readonly body: unknown
}

const defaultSleep = (ms: number) => new Promise<void>(done => setTimeout(done, ms))

/** The catalog's error envelope → "Name: message" (validate-entity uses its own `errors` list). */
export function catalogErrorText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return typeof body === 'string' ? body : undefined
  const record = body as Record<string, unknown>
  const error = record.error as { name?: string; message?: string } | undefined
  if (error?.message) return error.name ? `${error.name}: ${error.message}` : error.message
  const errors = record.errors as
    { name?: string; message?: string; cause?: { message?: string } }[] | undefined
  if (Array.isArray(errors) && errors.length > 0)
    return errors
      .map(e =>
        e.cause?.message && !e.message?.includes(e.cause.message)
          ? `${e.message} Caused by: ${e.cause.message}`
          : (e.message ?? e.cause?.message ?? e.name ?? 'unknown error')
      )
      .join('; ')
  return undefined
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

  constructor(private readonly options: CatalogApiOptions) {
    let url: URL
    try {
      url = new URL(options.baseUrl)
    } catch {
      throw new UserError({
        message: `Input 'backstage-url' is not a URL: '${options.baseUrl}'.`,
        hint: 'Give the Backstage backend base URL, e.g. https://backstage.acme.io.'
      })
    }
    if (url.username || url.password)
      throw new UserError({
        message: "Input 'backstage-url' must not carry credentials.",
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
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    what = `${method} ${path.split('?')[0]}`
  ): Promise<ApiResponse> {
    for (let attempt = 1; ; attempt++) {
      let response: Response
      try {
        response = await this.fetchImpl(`${this.base}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.options.token}`,
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' })
          },
          body: body === undefined ? undefined : JSON.stringify(body)
        })
      } catch (error) {
        const cause = (error as { cause?: { code?: string; message?: string } }).cause
        const reason = cause?.code ?? cause?.message ?? (error as Error).message
        if (attempt < this.attempts) {
          await this.backoff(attempt, `${what}: ${reason}`)
          continue
        }
        throw new UserError({
          message: `Could not reach the Backstage backend at ${this.base} (${reason}) after ${attempt} attempts.`,
          hint: 'Check backstage-url and that the runner can reach it.'
        })
      }
      const text = await response.text()
      let parsed: unknown = text
      try {
        parsed = text ? JSON.parse(text) : undefined
      } catch {
        // Not JSON (a proxy's error page); keep the text for the message.
      }
      if ((response.status >= 500 || response.status === 429) && attempt < this.attempts) {
        const retryAfter = Number(response.headers.get('retry-after'))
        await this.backoff(attempt, `${what}: HTTP ${response.status}`, retryAfter)
        continue
      }
      if (response.status === 401 || response.status === 403) {
        throw new UserError({
          message: `The Backstage catalog refused the request ${what} (HTTP ${response.status}: ${catalogErrorText(parsed) ?? 'no details'}).`,
          hint:
            response.status === 401
              ? 'Check backstage-token: it must be a token the backend accepts (e.g. a static external-access token).'
              : 'The token is valid but lacks permission for the catalog.'
        })
      }
      if (response.status >= 500 || response.status === 429) {
        throw new UserError({
          message: `The Backstage catalog failed ${what} with HTTP ${response.status} after ${attempt} attempts: ${catalogErrorText(parsed) ?? 'no details'}.`
        })
      }
      return { status: response.status, body: parsed }
    }
  }

  private async backoff(attempt: number, reason: string, retryAfterSeconds = NaN): Promise<void> {
    const delay = Number.isFinite(retryAfterSeconds)
      ? Math.min(retryAfterSeconds * 1000, 30_000)
      : this.backoffMs * 2 ** (attempt - 1)
    this.options.logger.info(`Retrying after ${delay} ms (${reason}).`)
    await this.sleep(delay)
  }

  private fail(what: string, response: ApiResponse): never {
    throw new UserError({
      message: `The Backstage catalog rejected ${what} (HTTP ${response.status}): ${catalogErrorText(response.body) ?? 'no details'}`
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
