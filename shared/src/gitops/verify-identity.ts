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
// environment — which that pipeline could promote anyway (older renders are refused separately).
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
  /** Default JWKS_TIMEOUT_MS. */
  readonly timeoutMs?: number
}

/** Why a token does not prove the expectation, or undefined when it does. */
export async function identityProblem(
  token: string,
  expected: IdentityExpectation
): Promise<string | undefined> {
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
  const claimed = repositoryId(typeof payload.repository === 'string' ? payload.repository : '')
  for (const want of expected.repositories)
    if (!want.repository || claimed !== want.repository)
      return `was issued to a run of ${claimed ?? '(no repository)'}, but ${want.what} is ${want.repository ?? '(none)'}`
  if (expected.sha !== undefined && payload.sha !== expected.sha)
    return `was issued to a run of commit ${String(payload.sha ?? '(none)')}, but the render record's source commit is ${expected.sha}`
  return undefined
}

const timeoutOf = (expected: IdentityExpectation) => expected.timeoutMs ?? JWKS_TIMEOUT_MS

function describeVerifyError(error: unknown, expected: IdentityExpectation): string {
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'aud')
      return `was issued for another content, environment or service (its audience is not ${expected.audience})`
    if (error.claim === 'iss') return `was not issued by ${expected.issuer}`
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
  if (!token)
    return [
      gateFinding(
        'identity',
        recordFile,
        `${where} promotes ${record.service} to ${record.environment} without an ${TRAILER_KEYS.identity} trailer, so nothing proves which repository's run pushed it.`,
        hint
      )
    ]
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
    sha: record.source?.commit
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
