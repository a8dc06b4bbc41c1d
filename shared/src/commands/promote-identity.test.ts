// Promote and the broker's merge with real git and a loopback OIDC issuer, the platform requiring an
// identity (spec.gitops.identity): the service's own run promotes, its token in the commit, and the
// merge lands; a pipeline of another service, holding the same push credential, pushes a
// self-consistent render of checkout with its own (valid) token — refused, main unchanged.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { loadPlatformConfig } from '../descriptor/platform.js'
import { brokerMerge } from '../gitops/broker-merge.js'
import { identityAudience } from '../gitops/promote-message.js'
import { resolveRemote } from '../gitops/remote.js'
import {
  promotionMessage,
  pushBranch,
  renderedFiles,
  under,
  writeGatePlatform
} from '../gitops/testing/broker-fixture.js'
import type { FakeIssuer } from '../gitops/testing/fake-oidc-issuer.js'
import { startFakeIssuer } from '../gitops/testing/fake-oidc-issuer.js'
import { createBareRepo, git, tempFolder, tipOf } from '../gitops/testing/git-fixtures.js'
import { runPromote } from '../gitops/testing/promote-fixture.js'
import type { Finding } from '../policy/finding.js'
import { levelOf } from '../policy/result-set.js'
import { RecordingLogger } from '../runtime/logger.js'

const FAST = { initialMs: 5, multiplier: 1.5, maxMs: 50, jitter: 0.5 }
const SHA = 'a'.repeat(40)
const problems = (findings: readonly Finding[]) => findings.filter(f => levelOf(f) !== 'none')

describe('promote and merge with a required identity', () => {
  let issuer: FakeIssuer
  let tmp: ReturnType<typeof tempFolder>
  let bare: string
  let platformFile: string
  beforeAll(async () => {
    issuer = await startFakeIssuer()
  })
  afterAll(() => issuer.close())
  beforeEach(() => {
    tmp = tempFolder(expect.getState().currentTestName ?? 'identity')
    bare = createBareRepo(join(tmp.path, 'gitops.git'), { files: { 'README.md': '# gitops\n' } })
    platformFile = join(tmp.path, 'platform.yaml')
    writePlatform(true)
    issuer.runClaims = { repository: 'acme/checkout', sha: SHA }
  })
  afterEach(() => tmp.remove())

  const writePlatform = (required: boolean) => {
    writeGatePlatform(platformFile)
    const text = readFileSync(platformFile, 'utf8').replace(
      '  gitops:\n',
      `  gitops:\n    mode: pull-request\n    identity: { required: ${required}, issuer: '${issuer.issuer}', jwksUrl: '${issuer.jwksUrl}' }\n`
    )
    writeFileSync(platformFile, text)
  }
  const writeRendered = () => {
    const { files, record } = renderedFiles({ service: 'checkout', environment: 'dev' })
    for (const [name, content] of Object.entries(files)) {
      const full = join(tmp.path, 'rendered', 'dev', name)
      mkdirSync(dirname(full), { recursive: true })
      writeFileSync(full, content)
    }
    return record
  }
  const promote = (env: NodeJS.ProcessEnv) =>
    runPromote(
      { manifests: 'rendered/dev', repository: bare, 'platform-config': 'platform.yaml' },
      { workspace: tmp.path, env: { GITHUB_REPOSITORY: 'acme/checkout', ...env } }
    )
  const merge = () =>
    brokerMerge({
      remote: resolveRemote(bare, 'https://github.com', tmp.path),
      branch: 'idp/dev/checkout',
      platform: loadPlatformConfig(platformFile),
      platformFile,
      platformAuthors: [],
      author: { name: 'idp-platform[bot]', email: 'platform-bot@example.com' },
      maxAttempts: 30,
      backoff: FAST,
      logger: new RecordingLogger(),
      tempRoot: tmp.path
    })
  const branchMessage = () => git(bare, 'log', '-1', '--format=%B', 'idp/dev/checkout')

  it("merges the service's own promotion, its token bound to the content", async () => {
    const record = writeRendered()
    const run = await promote(issuer.requestEnv)
    expect(run.error).toBeUndefined()
    expect(issuer.requested).toContain(identityAudience('dev', 'checkout', record.digest))
    expect(branchMessage()).toMatch(/^Idp-Identity: [\w-]+\.[\w-]+\.[\w-]+$/m)
    const before = tipOf(bare, 'main')
    const result = await merge()
    expect(problems(result.findings)).toEqual([])
    expect(result.merged).toBe(true)
    expect(tipOf(bare, 'main')).not.toBe(before)
  })

  it('refuses a render of checkout pushed by another service with its own valid token', async () => {
    const { files, record } = renderedFiles({ service: 'checkout', environment: 'dev' })
    // The impersonator's run asks for exactly checkout's audience: the token is valid, but its own.
    issuer.runClaims = { repository: 'acme/shop', sha: SHA }
    const audience = identityAudience('dev', 'checkout', record.digest)
    const token = await issuer.sign({ ...issuer.runClaims, aud: audience })
    pushBranch(bare, 'idp/dev/checkout', {
      from: 'main',
      files: under('envs/dev/checkout', files),
      message: promotionMessage(record).replace(/\n$/, `\nIdp-Identity: ${token}\n`)
    })
    const before = tipOf(bare, 'main')
    const result = await merge()
    expect(result.merged).toBe(false)
    expect(problems(result.findings).map(f => f.rule)).toEqual(['identity'])
    expect(problems(result.findings)[0].message).toContain('was issued to a run of acme/shop')
    expect(tipOf(bare, 'main')).toBe(before)
  })

  it('refuses a promotion without the token (pushed past promote), main unchanged', async () => {
    const { files, record } = renderedFiles({ service: 'checkout', environment: 'dev' })
    pushBranch(bare, 'idp/dev/checkout', {
      from: 'main',
      files: under('envs/dev/checkout', files),
      message: promotionMessage(record)
    })
    const before = tipOf(bare, 'main')
    const result = await merge()
    expect(result.merged).toBe(false)
    expect(problems(result.findings)[0].message).toContain('without an Idp-Identity trailer')
    expect(tipOf(bare, 'main')).toBe(before)
  })

  it('outside Actions, promote refuses with one error saying to add id-token: write, pushing nothing', async () => {
    writeRendered()
    const run = await promote({
      ACTIONS_ID_TOKEN_REQUEST_URL: undefined,
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: undefined
    })
    expect(run.error?.message).toContain('cannot request one')
    expect((run.error as { problems?: { hint?: string }[] }).problems?.[0].hint).toContain(
      'id-token: write'
    )
    expect(() => tipOf(bare, 'idp/dev/checkout')).toThrow()
  })

  it('without the requirement, promote asks for no token and the merge lands as before', async () => {
    writePlatform(false)
    writeRendered()
    const asked = issuer.requested.length
    const run = await promote(issuer.requestEnv)
    expect(run.error).toBeUndefined()
    expect(issuer.requested.length).toBe(asked)
    expect(branchMessage()).not.toContain('Idp-Identity')
    expect((await merge()).merged).toBe(true)
  })
})
