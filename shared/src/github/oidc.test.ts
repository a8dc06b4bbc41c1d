// The runner's OIDC token request, against a loopback endpoint in the shape of GitHub Actions'.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { decodeJwt } from 'jose'
import type { FakeIssuer } from '../gitops/testing/fake-oidc-issuer.js'
import { startFakeIssuer } from '../gitops/testing/fake-oidc-issuer.js'
import { isUserError } from '../runtime/errors.js'
import { RecordingLogger } from '../runtime/logger.js'
import { requestIdentityToken } from './oidc.js'

describe('requestIdentityToken', () => {
  let issuer: FakeIssuer
  beforeAll(async () => {
    issuer = await startFakeIssuer({ repository: 'acme/payments' })
  })
  afterAll(() => issuer.close())

  it('asks for the audience with the request token and registers the answer as a secret', async () => {
    const logger = new RecordingLogger()
    const token = await requestIdentityToken(
      issuer.requestEnv,
      'idp:dev:payments:sha256:ab',
      logger
    )
    expect(issuer.requested).toContain('idp:dev:payments:sha256:ab')
    expect(decodeJwt(token)).toMatchObject({
      aud: 'idp:dev:payments:sha256:ab',
      repository: 'acme/payments'
    })
    const secrets = (logger as unknown as { secrets: string[] }).secrets
    expect(secrets).toContain(token)
    expect(secrets).toContain(issuer.requestEnv.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
  })

  it('outside Actions (no request endpoint) is one user error that says to add id-token: write', async () => {
    const error = await requestIdentityToken({}, 'idp:dev:x:y', new RecordingLogger()).catch(e => e)
    expect(isUserError(error)).toBe(true)
    expect(error.problems).toHaveLength(1)
    expect(error.problems[0].hint).toContain('id-token: write')
  })

  it('a refused request (wrong request token) is a user error naming the status', async () => {
    const env = { ...issuer.requestEnv, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'wrong' }
    const error = await requestIdentityToken(env, 'idp:dev:x:y', new RecordingLogger()).catch(
      e => e
    )
    expect(isUserError(error)).toBe(true)
    expect(error.message).toContain('HTTP 401')
    expect(error.message).not.toContain('wrong')
  })

  it('an endpoint that does not answer in time, or answers without a token, is a user error', async () => {
    const silent = createServer(() => undefined)
    const empty = createServer((_req, res) => res.end('{"value": 42}'))
    await new Promise<void>(r => silent.listen(0, '127.0.0.1', () => r()))
    await new Promise<void>(r => empty.listen(0, '127.0.0.1', () => r()))
    try {
      const at = (s: typeof silent) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/t?v=1`
      const slow = await requestIdentityToken(
        { ACTIONS_ID_TOKEN_REQUEST_URL: at(silent), ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' },
        'a',
        new RecordingLogger(),
        200
      ).catch(e => e)
      expect(isUserError(slow)).toBe(true)
      expect(slow.message).toContain('no answer within')
      const none = await requestIdentityToken(
        { ACTIONS_ID_TOKEN_REQUEST_URL: at(empty), ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't' },
        'a',
        new RecordingLogger()
      ).catch(e => e)
      expect(isUserError(none)).toBe(true)
      expect(none.message).toContain('holds no token')
    } finally {
      silent.closeAllConnections()
      await new Promise(r => silent.close(r))
      await new Promise(r => empty.close(r))
    }
  })
})
