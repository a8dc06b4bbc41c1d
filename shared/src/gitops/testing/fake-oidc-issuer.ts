// Test helper: a loopback OIDC issuer in the shape of GitHub Actions'. It serves its signing keys
// (JWKS), signs tokens with whatever claims a test gives, and plays the runner's token request
// endpoint (ACTIONS_ID_TOKEN_REQUEST_URL / _TOKEN) that promote asks for a token of its own run.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { JWTPayload } from 'jose'
import { SignJWT, exportJWK, generateKeyPair } from 'jose'

export interface FakeIssuer {
  /** `http://127.0.0.1:<port>`: the tokens' `iss`. */
  readonly issuer: string
  readonly jwksUrl: string
  /** What a runner with `id-token: write` has in its environment. */
  readonly requestEnv: {
    ACTIONS_ID_TOKEN_REQUEST_URL: string
    ACTIONS_ID_TOKEN_REQUEST_TOKEN: string
  }
  /** The claims the request endpoint's tokens carry besides iss, aud, iat and exp. */
  runClaims: JWTPayload
  /** Audiences the request endpoint was asked for, in order. */
  readonly requested: string[]
  /** Signs a token; `otherKey` signs with a key the JWKS does not hold. */
  sign(
    claims: JWTPayload & { aud?: string },
    options?: { otherKey?: boolean; issuedAt?: number; lifetimeSeconds?: number }
  ): Promise<string>
  close(): Promise<void>
}

const REQUEST_TOKEN = 'runner-request-token'

export async function startFakeIssuer(runClaims: JWTPayload = {}): Promise<FakeIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256')
  const other = await generateKeyPair('RS256')
  const jwk = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }
  const requested: string[] = []
  let issuer = ''
  const sign: FakeIssuer['sign'] = async (claims, options = {}) => {
    const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000)
    return new SignJWT({ iss: issuer, ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'JWT' })
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + (options.lifetimeSeconds ?? 300))
      .sign(options.otherKey ? other.privateKey : privateKey)
  }
  const state: FakeIssuer = {
    issuer: '',
    jwksUrl: '',
    requestEnv: { ACTIONS_ID_TOKEN_REQUEST_URL: '', ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN },
    runClaims,
    requested,
    sign,
    close: () => new Promise(resolve => server.close(() => resolve()))
  }
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer)
    if (url.pathname === '/.well-known/jwks') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ keys: [jwk] }))
      return
    }
    if (url.pathname === '/token') {
      const audience = url.searchParams.get('audience')
      if (req.headers.authorization !== `Bearer ${REQUEST_TOKEN}` || !audience) {
        res.writeHead(401).end('{}')
        return
      }
      requested.push(audience)
      void sign({ ...state.runClaims, aud: audience }).then(value => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ count: 1, value }))
      })
      return
    }
    res.writeHead(404).end()
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()))
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  Object.assign(state, {
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks`,
    requestEnv: {
      ACTIONS_ID_TOKEN_REQUEST_URL: `${issuer}/token?api-version=2.0`,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: REQUEST_TOKEN
    }
  })
  return state
}
