// The gate's identity check against a loopback issuer: only a token of the service's own run, for
// exactly this content, environment and service, signed by the issuer's keys, passes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { PlatformConfig } from '../descriptor/types.js'
import type { CommitInfo } from './git-command-manager.js'
import { identityAudience } from './promote-message.js'
import { promotionMessage, renderedFiles } from './testing/broker-fixture.js'
import type { FakeIssuer } from './testing/fake-oidc-issuer.js'
import { startFakeIssuer } from './testing/fake-oidc-issuer.js'
import { identityFindings, identityProblem } from './verify-identity.js'

const RECORD_FILE = 'envs/dev/payments/.idp/render.json'
const { record } = renderedFiles({ service: 'payments', environment: 'dev' })
const SHA = record.source!.commit!

describe('identityFindings', () => {
  let issuer: FakeIssuer
  let platform: PlatformConfig
  beforeAll(async () => {
    issuer = await startFakeIssuer()
    platform = platformWith({ required: true, issuer: issuer.issuer, jwksUrl: issuer.jwksUrl })
  })
  afterAll(() => issuer.close())

  const commitWith = (token: string | undefined): CommitInfo =>
    ({
      sha: 'c'.repeat(40),
      parents: ['p'.repeat(40)],
      author: { name: 'service-pipeline', email: 'pipeline@example.com' },
      committer: { name: 'service-pipeline', email: 'pipeline@example.com' },
      message: token
        ? promotionMessage(record).replace(/\n$/, `\nIdp-Identity: ${token}\n`)
        : promotionMessage(record)
    }) as CommitInfo
  const good = (claims: Record<string, unknown> = {}, options = {}) =>
    issuer.sign(
      {
        aud: identityAudience('dev', 'payments', record.digest),
        repository: 'acme/payments',
        sha: SHA,
        ...claims
      },
      options
    )
  const check = async (token: string | undefined, on = platform) =>
    (await identityFindings(on, record, RECORD_FILE, commitWith(token))).map(f => f.message)

  it("passes a token of the service's own run for exactly this content", async () => {
    expect(await check(await good())).toEqual([])
  })

  it('judges expiry when the token was issued, so a later merge still verifies it', async () => {
    const issuedAt = Math.floor(Date.now() / 1000) - 7 * 24 * 3600
    expect(await check(await good({}, { issuedAt, lifetimeSeconds: 300 }))).toEqual([])
    expect(await check(await good({}, { issuedAt, lifetimeSeconds: -1 }))).toEqual([
      expect.stringContaining('expired')
    ])
  })

  it.each([
    ['another repository', { repository: 'acme/shop' }, 'was issued to a run of acme/shop'],
    [
      'another digest',
      { aud: identityAudience('dev', 'payments', `sha256:${'0'.repeat(64)}`) },
      'another content'
    ],
    [
      'another environment',
      { aud: identityAudience('prod', 'payments', record.digest) },
      'another content'
    ],
    ['another service', { aud: identityAudience('dev', 'shop', record.digest) }, 'another content'],
    [
      'another source commit',
      { sha: 'b'.repeat(40) },
      `the render record's source commit is ${SHA}`
    ],
    ['another issuer', { iss: 'https://evil.example.com' }, 'was not issued by']
  ])('refuses a token for %s', async (_name, claims, about) => {
    const messages = await check(await good(claims))
    expect(messages).toEqual([expect.stringContaining(about)])
  })

  it('refuses a token signed with a key the issuer does not publish, and text that is no token', async () => {
    expect(await check(await good({}, { otherKey: true }))).toEqual([
      expect.stringContaining('not signed by')
    ])
    expect(await check('not-a-token')).toEqual([expect.stringContaining('not a JSON Web Token')])
  })

  it('refuses a commit without the trailer, on the record file, saying what to do', async () => {
    const findings = await identityFindings(platform, record, RECORD_FILE, commitWith(undefined))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ rule: 'identity', position: { file: RECORD_FILE } })
    expect(findings[0].message).toContain('without an Idp-Identity trailer')
    expect(findings[0].help).toContain('id-token: write')
  })

  it("refuses a token of the record's repository when the registry names another", async () => {
    const registered = {
      ...platform,
      spec: { ...platform.spec, services: [{ name: 'payments', repository: 'acme/payments-v2' }] }
    } as PlatformConfig
    expect(await check(await good(), registered)).toEqual([
      expect.stringContaining('the repository registered for payments is acme/payments-v2')
    ])
  })

  it('fails closed when the key set is unreachable', async () => {
    const closed = createServer()
    await new Promise<void>(r => closed.listen(0, '127.0.0.1', () => r()))
    const closedPort = (closed.address() as AddressInfo).port
    await new Promise(r => closed.close(r))
    const unreachable = platformWith({
      required: true,
      issuer: issuer.issuer,
      jwksUrl: `http://127.0.0.1:${closedPort}/jwks`
    })
    expect(await check(await good(), unreachable)).toEqual([
      expect.stringContaining('cannot be checked')
    ])
  })

  it('fails closed when the key set does not answer in time', async () => {
    const silent = createServer(() => undefined)
    await new Promise<void>(r => silent.listen(0, '127.0.0.1', () => r()))
    try {
      const port = (silent.address() as AddressInfo).port
      const problem = await identityProblem(await good(), {
        issuer: issuer.issuer,
        jwksUrl: `http://127.0.0.1:${port}/jwks`,
        audience: identityAudience('dev', 'payments', record.digest),
        repositories: [{ repository: 'acme/payments', what: 'the record' }],
        timeoutMs: 200
      })
      expect(problem).toContain('did not answer within 0.2 s')
    } finally {
      silent.closeAllConnections()
      await new Promise(r => silent.close(r))
    }
  })

  // Found by the hostile suite's identity area (test/hostile/cases/gate-identity.ts).
  it('refuses more than one identity trailer, whatever the case of the key', async () => {
    const message = promotionMessage(record).replace(
      /\n$/,
      `\nidp-identity: ${await good({ repository: 'acme/evil' })}\nIdp-Identity: ${await good()}\n`
    )
    const findings = await identityFindings(platform, record, RECORD_FILE, {
      ...commitWith(undefined),
      message
    })
    expect(findings.map(f => f.message)).toEqual([
      expect.stringContaining('2 Idp-Identity trailers')
    ])
  })

  it('refuses an audience list, even one that holds this audience', async () => {
    const mine = identityAudience('dev', 'payments', record.digest)
    expect(await check(await good({ aud: [mine, 'idp:dev:shop:x'] as unknown as string }))).toEqual(
      [expect.stringContaining('audience')]
    )
    // GitHub issues one audience as a string; a list, even of one, is not what it signs.
    expect(await check(await good({ aud: [mine] as unknown as string }))).toEqual([
      expect.stringContaining('audience list')
    ])
  })

  it('says which claim is missing, and that a token was not yet valid when issued', async () => {
    expect(await check(await good({ repository: undefined }))).toEqual([
      expect.stringContaining('has no repository claim')
    ])
    expect(await check(await good({ nbf: Math.floor(Date.now() / 1000) + 3600 }))).toEqual([
      expect.stringContaining('not yet valid when it was issued')
    ])
  })

  it('refuses a token issued in the future', async () => {
    const issuedAt = Math.floor(Date.now() / 1000) + 3600
    expect(await check(await good({}, { issuedAt }))).toEqual([
      expect.stringContaining('issued in the future')
    ])
  })

  it('refuses a token longer than GitHub issues, before reading it', async () => {
    expect(await check(await good({ padding: 'x'.repeat(8 * 1024) }))).toEqual([
      expect.stringContaining('KiB')
    ])
  })

  it('refuses a record without a source commit, since the sha claim binds it', async () => {
    const noCommit = { ...record, source: { ...record.source!, commit: undefined } }
    const findings = await identityFindings(
      platform,
      noCommit,
      RECORD_FILE,
      commitWith(await good())
    )
    expect(findings.map(f => f.message)).toEqual([expect.stringContaining('no source commit')])
  })

  it("refuses a record whose commit time is after the token's issue (a replayed release made to look newer)", async () => {
    // shop's older release, promoted long ago with its own token, re-pushed with a later commitTime.
    const issuedAt = Date.parse('2026-09-01T10:00:00Z') / 1000
    const newer = { ...record, source: { ...record.source!, commitTime: '2026-11-20T10:00:00Z' } }
    const findings = await identityFindings(
      platform,
      newer,
      RECORD_FILE,
      commitWith(await good({}, { issuedAt }))
    )
    expect(findings.map(f => f.message)).toEqual([expect.stringContaining('commit time')])
    const noTime = { ...record, source: { ...record.source!, commitTime: undefined } }
    expect(
      (await identityFindings(platform, noTime, RECORD_FILE, commitWith(await good()))).map(
        f => f.message
      )
    ).toEqual([expect.stringContaining('no source commit time')])
  })

  it('asks nothing when the platform does not require an identity', async () => {
    expect(await check(undefined, platformWith(undefined))).toEqual([])
    expect(await check('garbage', platformWith({ required: false }))).toEqual([])
  })
})

function platformWith(identity: Record<string, unknown> | undefined): PlatformConfig {
  return {
    apiVersion: 'idp.dev/v1alpha1',
    kind: 'Platform',
    metadata: { name: 'test' },
    spec: {
      environments: [{ name: 'dev', namespace: '{service}-dev', secretStores: {} }],
      gitops: identity ? { identity } : {}
    }
  } as PlatformConfig
}
