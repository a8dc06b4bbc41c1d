// The hostile suite's OIDC issuer for the gate's identity area: one loopback HTTP server serving a
// JWKS in the shape of GitHub Actions' (started in the suite's beforeAll, closed in its afterAll), and
// tokens signed synchronously with node:crypto, since the cases' prepare hooks are synchronous. It
// signs what a hostile case needs: a run's genuine token, the same with one claim changed (what the
// issuer would sign for another run, or a token replayed from another promotion), and what nobody
// but an attacker signs (another key, `alg: none`, HS256 keyed with the public key, an embedded key).
import type { KeyObject } from 'node:crypto'
import { createHmac, generateKeyPairSync, randomUUID, sign } from 'node:crypto'
import type { Server } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { identityAudience } from '../../shared/src/gitops/promote-message.js'

const KID = 'gate-issuer-key'
const issuerKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
const attackerKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
let server: Server | undefined
let url: string | undefined

export async function startGateIssuer(): Promise<void> {
  const jwk = {
    ...issuerKey.publicKey.export({ format: 'jwk' }),
    kid: KID,
    alg: 'RS256',
    use: 'sig'
  }
  const body = JSON.stringify({ keys: [jwk] })
  server = createServer((request, response) => {
    if (request.url === '/.well-known/jwks') {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.end(body)
    } else response.writeHead(404).end()
  })
  await new Promise<void>(resolve => server!.listen(0, '127.0.0.1', resolve))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

export async function stopGateIssuer(): Promise<void> {
  if (!server) return
  server.closeAllConnections()
  await new Promise(resolve => server!.close(resolve))
  server = undefined
}

/** The issuer's URL (the tokens' `iss`); the issuer must be running. */
export function issuerUrl(): string {
  if (!url) throw new Error('the gate issuer is not started (startGateIssuer in beforeAll)')
  return url
}

/** The platform config `text` requiring an identity from this issuer. */
export function requiringIdentity(text: string): string {
  const line = `    identity: { required: true, issuer: '${issuerUrl()}', jwksUrl: '${issuerUrl()}/.well-known/jwks' }\n`
  const out = text.replace(/^( {2}gitops:\n(?: {4}.*\n)*)/m, `$1${line}`)
  if (out === text) throw new Error('the platform template has no spec.gitops block')
  return out
}

/** How a token is signed: the issuer's key (default), or what only an attacker signs with. */
export type Signing = 'issuer' | 'other-key' | 'none' | 'hs256-public-key' | 'embedded-jwk'

const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** A compact JWS of `claims`, signed as `signing` says. */
export function signToken(claims: Record<string, unknown>, signing: Signing = 'issuer'): string {
  if (signing === 'none') return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`
  if (signing === 'hs256-public-key') {
    const input = `${part({ alg: 'HS256', kid: KID, typ: 'JWT' })}.${part(claims)}`
    const secret = issuerKey.publicKey.export({ format: 'pem', type: 'spki' })
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`
  }
  const key: KeyObject = signing === 'issuer' ? issuerKey.privateKey : attackerKey.privateKey
  const header: Record<string, unknown> = { alg: 'RS256', kid: KID, typ: 'JWT' }
  if (signing === 'embedded-jwk') header.jwk = attackerKey.publicKey.export({ format: 'jwk' })
  const input = `${part(header)}.${part(claims)}`
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`
}

/** What a render record says that a run's token names. */
export interface RecordFacts {
  readonly environment: string
  readonly service: string
  readonly digest: string
  readonly source?: { readonly repository?: string; readonly commit?: string; runNumber?: number }
}

/**
 * The claims GitHub Actions puts in the token of the run that promoted `record` (issued `issuedAt`,
 * seconds; default now), with `patch` over them (a key set to undefined is left out).
 */
export function runClaims(
  record: RecordFacts,
  patch: Record<string, unknown> = {},
  issuedAt = Math.floor(Date.now() / 1000)
): Record<string, unknown> {
  const repository = record.source?.repository ?? 'acme/shop'
  const claims: Record<string, unknown> = {
    jti: randomUUID(),
    sub: `repo:${repository}:ref:refs/heads/main`,
    aud: identityAudience(record.environment, record.service, record.digest),
    ref: 'refs/heads/main',
    sha: record.source?.commit,
    repository,
    repository_owner: repository.split('/')[0],
    run_id: '4242',
    run_number: String(record.source?.runNumber ?? 7),
    run_attempt: '1',
    event_name: 'push',
    iss: issuerUrl(),
    nbf: issuedAt - 300,
    exp: issuedAt + 300,
    iat: issuedAt,
    ...patch
  }
  for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k]
  return claims
}
