// Asks the GitHub Actions runner for an OIDC token of this run (the documented request: GET
// $ACTIONS_ID_TOKEN_REQUEST_URL&audience=<aud> with the request token as bearer, answered with
// `{ "value": "<jwt>" }`). Promote puts it in the promotion commit when the platform requires an
// identity (spec.gitops.identity), so the GitOps gate can tell which repository's run pushed, which
// the branch itself cannot prove. Plain fetch with a timeout: @actions/core's OIDC client pulls in
// an HTTP stack that scripts/build.mjs stubs out of the bundles.
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'

export const OIDC_REQUEST_TIMEOUT_MS = 15_000

const HINT =
  "Give the promoting job `permissions: id-token: write` (and run promote in GitHub Actions): the platform's spec.gitops.identity requires each promotion to carry an OIDC token of the service's own run."

/** The OIDC token of this run for `audience`, registered with the logger as a secret. */
export async function requestIdentityToken(
  env: NodeJS.ProcessEnv,
  audience: string,
  logger: Logger,
  timeoutMs = OIDC_REQUEST_TIMEOUT_MS
): Promise<string> {
  const endpoint = env.ACTIONS_ID_TOKEN_REQUEST_URL
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
  if (!endpoint || !bearer)
    throw new UserError({
      message:
        'The platform requires promotions to carry an OIDC identity token, but this run cannot request one (ACTIONS_ID_TOKEN_REQUEST_URL is not set: not GitHub Actions, or the job lacks id-token: write).',
      hint: HINT
    })
  logger.setSecret(bearer)
  let url: URL
  try {
    url = new URL(endpoint)
  } catch {
    throw new UserError({
      message:
        'ACTIONS_ID_TOKEN_REQUEST_URL is not a URL, so no OIDC identity token can be requested.',
      hint: HINT
    })
  }
  url.searchParams.set('audience', audience)
  const failed = (why: string) =>
    new UserError({
      message: `Requesting the OIDC identity token for this promotion failed: ${why}.`,
      hint: HINT
    })
  let body: unknown
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${bearer}`, accept: 'application/json' },
      signal: AbortSignal.timeout(timeoutMs)
    })
    if (!response.ok) throw failed(`the endpoint answered HTTP ${response.status}`)
    body = await response.json()
  } catch (error) {
    if (error instanceof UserError) throw error
    const name = (error as Error).name
    throw failed(
      name === 'TimeoutError' || name === 'AbortError'
        ? `no answer within ${Math.round(timeoutMs / 1000)} s`
        : name === 'SyntaxError'
          ? 'the answer is not JSON'
          : `${(error as Error).message}`
    )
  }
  const value = (body as { value?: unknown } | null)?.value
  if (typeof value !== 'string' || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(value))
    throw failed('the answer holds no token')
  logger.setSecret(value)
  return value
}
