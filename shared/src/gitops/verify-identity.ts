// The GitOps gate's identity check (opt-in: spec.gitops.identity.required). Everything else the gate
// knows about a promotion branch — its service, its source repository — comes from what the branch
// holds, and every service pipeline pushes with one shared credential; so without this a pipeline can
// push a self-consistent render of another service claiming that service's repository. The promoting
// run's GitHub Actions OIDC token (the `Idp-Identity` trailer) is what it cannot forge: signed by the
// issuer, naming the repository the run belongs to, and asked for with an audience that names the
// exact content (`idp:<environment>:<service>:<digest>`).
//
// Expiry is judged at the token's own `iat`, not now: OIDC tokens live minutes and the gate may run
// much later (a queued merge, a re-run). Replay is harmless: the audience binds the exact content, so
// a replayed token can only merge the render its own pipeline made, of its own service and
// environment — which that pipeline could promote anyway. Older renders are refused separately, by
// the record's source commit time; that time is not under the signature, so it is held to the token:
// a run cannot be issued its token before the commit it builds was made (allowing for clock skew).
// Without that, any pipeline could replay an old release of another service from the GitOps history
// (its token included) with a record claiming a newer commit time, and roll that service back.
import type { JWTPayload } from 'jose'
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify } from 'jose'
import { registrationFor, repositoryId } from '../boundary/identity.js'
import { requiredIdentity } from '../descriptor/platform.js'
import type { PlatformConfig } from '../descriptor/types.js'
import type { Finding } from '../policy/finding.js'
import type { RenderRecord } from '../render/record.js'
import type { CommitInfo } from './git-command-manager.js'
import { TRAILER_KEYS, identityAudience } from './promote-message.js'
import { parseTrailers } from './trailers.js'
import { gateFinding } from './verify-checks.js'

/** How long the gate waits for the issuer's keys before refusing (fail closed). */
export const JWKS_TIMEOUT_MS = 10_000
/** GitHub's tokens are 1–2 KiB; anything far longer is refused before it is parsed. */
export const MAX_IDENTITY_TOKEN_CHARS = 8 * 1024
/** How far the clocks of the issuer, the gate and the developer's commit may disagree. */
export const CLOCK_SKEW_SECONDS = 10 * 60

// One key set per URL for the life of the process: jose caches the keys and refetches on an unknown kid.
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>()
function keySetOf(jwksUrl: string, timeoutMs: number): ReturnType<typeof createRemoteJWKSet> {
  let set = keySets.get(`${timeoutMs} ${jwksUrl}`)
  if (!set) {
    set = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: timeoutMs })
    keySets.set(`${timeoutMs} ${jwksUrl}`, set)
  }
  return set
}

export interface IdentityExpectation {
  readonly issuer: string
  readonly jwksUrl: string
  readonly audience: string
  /** Repositories (owner/name, lower case) the token's `repository` claim must equal, each with why. */
  readonly repositories: readonly {
    readonly repository: string | undefined
    readonly what: string
  }[]
  /** The record's source commit, which the token's `sha` claim must equal; undefined: not checked. */
  readonly sha?: string
  /** The record's source commit time (ISO 8601), which must not be after the token was issued. */
  readonly commitTime?: string
  /** Default JWKS_TIMEOUT_MS. */
  readonly timeoutMs?: number
}

/** Why a token does not prove the expectation, or undefined when it does. */
export async function identityProblem(
  token: string,
  expected: IdentityExpectation
): Promise<string | undefined> {
  if (token.length > MAX_IDENTITY_TOKEN_CHARS)
    return `is ${Math.ceil(token.length / 1024)} KiB long, more than the ${MAX_IDENTITY_TOKEN_CHARS / 1024} KiB an issuer's token takes`
  let unverified: JWTPayload
  try {
    unverified = decodeJwt(token)
  } catch {
    return 'is not a JSON Web Token'
  }
  if (typeof unverified.iat !== 'number') return 'has no iat (issued-at) claim'
  let payload: JWTPayload
  try {
    ;({ payload } = await jwtVerify(token, keySetOf(expected.jwksUrl, timeoutOf(expected)), {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: ['RS256'],
      requiredClaims: ['iat', 'exp', 'repository'],
      // Judged when it was issued (see the header): iat is under the signature, so it cannot be moved.
      currentDate: new Date(unverified.iat * 1000)
    }))
  } catch (error) {
    return describeVerifyError(error, expected)
  }
  // jose accepts a list holding the audience; the audience names one content, and GitHub issues one.
  if (typeof payload.aud !== 'string')
    return `has an audience list (${JSON.stringify(payload.aud).slice(0, 200)}), not the one audience ${expected.audience}`
  const issuedAt = payload.iat!
  if (issuedAt > Date.now() / 1000 + CLOCK_SKEW_SECONDS)
    return `was issued in the future (iat ${new Date(issuedAt * 1000).toISOString()})`
  const claimed = repositoryId(typeof payload.repository === 'string' ? payload.repository : '')
  for (const want of expected.repositories)
    if (!want.repository || claimed !== want.repository)
      return `was issued to a run of ${claimed ?? '(no repository)'}, but ${want.what} is ${want.repository ?? '(none)'}`
  if (expected.sha !== undefined && payload.sha !== expected.sha)
    return `was issued to a run of commit ${String(payload.sha ?? '(none)')}, but the render record's source commit is ${expected.sha}`
  if (expected.commitTime !== undefined) {
    const committed = Date.parse(expected.commitTime)
    if (Number.isNaN(committed) || committed / 1000 > issuedAt + CLOCK_SKEW_SECONDS)
      return `was issued at ${new Date(issuedAt * 1000).toISOString()}, before the render record's source commit time ${expected.commitTime}; a run's token is issued after its commit, so the record claims a newer commit than the run built`
  }
  return undefined
}

const timeoutOf = (expected: IdentityExpectation) => expected.timeoutMs ?? JWKS_TIMEOUT_MS

function describeVerifyError(error: unknown, expected: IdentityExpectation): string {
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud')
      return `was issued for another content, environment or service (its audience is not ${expected.audience})`
    if (error.claim === 'iss') return `was not issued by ${expected.issuer}`
    if (error.reason === 'missing') return `has no ${error.claim} claim`
    if (error.claim === 'nbf')
      return 'was not yet valid when it was issued (its nbf is after its iat)'
    return `fails its ${error.claim} claim (${error.reason})`
  }
  if (error instanceof joseErrors.JWTExpired) return 'had expired when it was issued'
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return `is not signed by ${expected.issuer}'s keys`
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return `is signed with a key ${expected.issuer} does not publish`
  if (error instanceof joseErrors.JWKSTimeout)
    return `cannot be checked: ${expected.jwksUrl} did not answer within ${timeoutOf(expected) / 1000} s`
  if (error instanceof joseErrors.JOSEError) return `cannot be verified (${error.message})`
  // Anything else (the key set unreachable, refused, not JSON) is a refusal too: fail closed.
  return `cannot be checked: the issuer's keys at ${expected.jwksUrl} could not be read (${(error as Error).message})`
}

/**
 * The finding on a changed service folder whose latest promotion commit does not carry a valid
 * identity token, when the platform requires one; [] when it does not.
 */
export async function identityFindings(
  platform: PlatformConfig,
  record: RenderRecord,
  recordFile: string,
  commit: CommitInfo | undefined
): Promise<Finding[]> {
  const required = requiredIdentity(platform)
  if (!required) return []
  const hint =
    "The platform requires promotions to carry an OIDC token of the service's own run (spec.gitops.identity): promote with idp promote from the service repository's workflow, with `permissions: id-token: write`."
  const token = commit ? parseTrailers(commit.message)[TRAILER_KEYS.identity] : undefined
  const where = commit ? `Commit ${commit.sha.slice(0, 12)}` : 'The change'
  const refuse = (what: string) => [
    gateFinding(
      'identity',
      recordFile,
      `${where} promotes ${record.service} to ${record.environment} ${what}.`,
      hint
    )
  ]
  // Git reads trailer keys case-insensitively and keeps every copy: which one counts is ambiguous.
  const copies = commit ? identityTrailerCount(commit.message) : 0
  if (copies > 1)
    return refuse(
      `with ${copies} ${TRAILER_KEYS.identity} trailers; a promotion carries its run's one token`
    )
  if (!token)
    return [
      gateFinding(
        'identity',
        recordFile,
        `${where} promotes ${record.service} to ${record.environment} without an ${TRAILER_KEYS.identity} trailer, so nothing proves which repository's run pushed it.`,
        hint
      )
    ]
  // The token's sha claim and its issue time bind these; a record without them would escape both.
  if (!record.source?.commit)
    return refuse(
      `with a render record that names no source commit, so the token cannot be tied to the commit its run built`
    )
  if (!record.source.commitTime)
    return refuse(
      `with a render record that names no source commit time, so idp cannot tell it from an older release replayed with its token`
    )
  const registration = platform.spec.services
    ? registrationFor(platform.spec.services, record.service)
    : undefined
  const registered = registration
    ? repositoryId(registration.entry.repository.replace(/\{service\}/g, record.service))
    : undefined
  const problem = await identityProblem(token, {
    ...required,
    audience: identityAudience(record.environment, record.service, record.digest),
    repositories: [
      {
        repository: repositoryId(record.source?.repository),
        what: "the render record's source repository"
      },
      ...(platform.spec.services
        ? [{ repository: registered, what: `the repository registered for ${record.service}` }]
        : [])
    ],
    sha: record.source?.commit,
    commitTime: record.source?.commitTime
  })
  return problem
    ? [
        gateFinding(
          'identity',
          recordFile,
          `${where} promotes ${record.service} to ${record.environment} with an ${TRAILER_KEYS.identity} token that ${problem}.`,
          hint
        )
      ]
    : []
}

/** How many `Idp-Identity` trailers (any case of the key) the message's trailer block holds. */
function identityTrailerCount(message: string): number {
  const paragraphs = message.trim().split(/\n\s*\n/)
  if (paragraphs.length < 2) return 0
  const key = TRAILER_KEYS.identity.toLowerCase()
  return paragraphs[paragraphs.length - 1]
    .split('\n')
    .filter(line => line.toLowerCase().startsWith(`${key}:`)).length
}
