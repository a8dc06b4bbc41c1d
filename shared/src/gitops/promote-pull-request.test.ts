import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import type { FakeGitHub } from './testing/fake-github.js'
import { startFakeGitHub } from './testing/fake-github.js'
import { createBareRepo, git, readTree, tempFolder, tipOf } from './testing/git-fixtures.js'
import type { HttpGitServer } from './testing/http-git-server.js'
import { startHttpGitServer } from './testing/http-git-server.js'
import { runPromote, writePlatformConfig } from './testing/promote-fixture.js'
import { writeRenderedFolder } from './testing/render-fixture.js'

const token = 'ghs_pullRequestModeToken1234567890'

describe('promote in pull-request mode (smart HTTP + GitHub API fake)', () => {
  let tmp: ReturnType<typeof tempFolder>
  let server: HttpGitServer
  let github: FakeGitHub
  let bare: string
  let platform: string

  beforeEach(async () => {
    tmp = tempFolder(expect.getState().currentTestName ?? 'promote-pr')
    server = await startHttpGitServer({ projectRoot: join(tmp.path, 'srv'), token })
    github = await startFakeGitHub(token)
    bare = createBareRepo(join(tmp.path, 'srv', 'acme', 'gitops.git'))
    platform = join(tmp.path, 'platform.yaml')
    writePlatformConfig(platform, 'acme/gitops', { prodMode: 'pull-request' })
  })
  afterEach(async () => {
    await server.close()
    await github.close()
    tmp.remove()
  })

  const promote = (inputs: Record<string, string>) =>
    runPromote(
      { 'platform-config': platform, token, ...inputs },
      {
        workspace: tmp.path,
        env: { GITHUB_SERVER_URL: server.url, GITHUB_API_URL: github.url },
        // Retry waits in milliseconds instead of seconds; the retry logic itself is unchanged.
        tweak: s => ({ ...s, githubRetryUnitMs: 5 })
      }
    )
  const render = (name: string, options: Parameters<typeof writeRenderedFolder>[1]) => {
    const folder = join(tmp.path, 'rendered', name)
    writeRenderedFolder(folder, options)
    return folder
  }

  it('pushes idp/<env>/<service>, opens one pull request and updates it in place', async () => {
    // Arrange: staging already runs the release; the API fails twice before answering.
    const release = { service: 'checkout', commit: 'd'.repeat(40) }
    expect(
      (await promote({ manifests: render('staging', { ...release, environment: 'staging' }) }))
        .error
    ).toBeUndefined()
    github.failNext('GET', /\/pulls$/, 502)
    github.failNext('POST', /\/pulls$/, 429)
    github.failNext('POST', /\/labels$/, 503)
    // Act
    const run = await promote({
      manifests: render('prod', { ...release, environment: 'prod' }),
      labels: 'promotion, prod',
      'auto-merge': 'squash'
    })
    // Assert
    expect(run.error).toBeUndefined()
    expect(run.result?.outputs).toMatchObject({
      changed: 'true',
      'pull-request-number': '1',
      'pull-request-url': 'https://github.example/acme/gitops/pull/1'
    })
    expect(tipOf(bare, 'idp/prod/checkout')).toBe(run.result?.outputs['commit-sha'])
    expect(readTree(bare, 'main', 'envs/prod/checkout')).toEqual({})
    expect(Object.keys(readTree(bare, 'idp/prod/checkout', 'envs/prod/checkout'))).toContain(
      'application.yaml'
    )
    const pull = github.pulls[0]
    expect(pull).toMatchObject({
      title: 'promote checkout to prod: ghcr.io/acme/checkout:1.0.0',
      base: { ref: 'main' }
    })
    expect(pull.body).toContain('Promotes **checkout** to **prod**')
    expect(pull.body).toContain(`acme/checkout @ \`${'d'.repeat(40)}\``)
    expect(pull.body).toContain('added | `Application checkout-prod/checkout`')
    expect(pull.labels.map(l => l.name)).toEqual(['promotion', 'prod'])
    expect(pull.auto_merge).toEqual({ merge_method: 'squash' })
    // Each injected failure was answered and then retried successfully.
    for (const status of [502, 429, 503])
      expect(github.calls.some(c => c.status === status)).toBe(true)
    expect(github.calls.every(c => c.authorization === `token ${token}`)).toBe(true)

    // A re-run of the same release changes nothing on the branch and keeps the one pull request.
    const tip = tipOf(bare, 'idp/prod/checkout')
    const same = await promote({ manifests: render('prod', { ...release, environment: 'prod' }) })
    expect(same.result?.outputs['pull-request-number']).toBe('1')
    expect(tipOf(bare, 'idp/prod/checkout')).toBe(tip)

    // A new release (promoted to staging first) updates the same branch and pull request.
    const next = {
      service: 'checkout',
      commit: 'e'.repeat(40),
      commitTime: '2026-11-03T00:00:00Z',
      images: { api: 'ghcr.io/acme/checkout:1.1.0' }
    }
    await promote({ manifests: render('staging2', { ...next, environment: 'staging' }) })
    const updated = await promote({ manifests: render('prod2', { ...next, environment: 'prod' }) })
    expect(updated.error).toBeUndefined()
    expect(github.pulls).toHaveLength(1)
    expect(github.pulls[0].title).toContain('1.1.0')
    expect(tipOf(bare, 'idp/prod/checkout')).not.toBe(tip)
    expect(git(bare, 'show', 'idp/prod/checkout:envs/prod/checkout/application.yaml')).toContain(
      '1.1.0'
    )
    expect(server.requests.every(r => !r.url.includes(token))).toBe(true)
  }, 120_000)

  it('warns and carries on when auto-merge is not allowed', async () => {
    writePlatformConfig(platform, 'acme/gitops', { baseMode: 'pull-request' })
    github.refuseAutoMerge()
    const run = await promote({
      manifests: render('dev', { service: 'checkout', environment: 'dev' }),
      'auto-merge': 'merge'
    })
    expect(run.error).toBeUndefined()
    expect(run.result?.outputs['pull-request-number']).toBe('1')
    expect(run.logger.text()).toContain(
      'Could not enable auto-merge on #1: Pull request Auto merge is not allowed for this repository.'
    )
  })

  it('tightens push to pull-request from the input', async () => {
    const run = await promote({
      manifests: render('dev', { service: 'checkout', environment: 'dev' }),
      mode: 'pull-request'
    })
    expect(run.error).toBeUndefined()
    expect(run.result?.outputs['pull-request-url']).toContain('/pull/1')
    expect(tipOf(bare, 'idp/dev/checkout')).toBe(run.result?.outputs['commit-sha'])
  })

  it('refuses an older render over a newer one waiting in the open pull request', async () => {
    const newer = render('newer', { service: 'checkout', environment: 'dev', runNumber: 9 })
    const older = render('older', { service: 'checkout', environment: 'dev', runNumber: 8 })
    expect((await promote({ manifests: newer, mode: 'pull-request' })).error).toBeUndefined()
    const tip = tipOf(bare, 'idp/dev/checkout')
    const refused = await promote({ manifests: older, mode: 'pull-request' })
    expect(refused.error?.message).toContain(
      "Refused: the open pull request's branch idp/dev/checkout holds a newer render of checkout in dev"
    )
    expect(tipOf(bare, 'idp/dev/checkout')).toBe(tip)
  })

  it('gives up on the API after the retries with the status in the message', async () => {
    writePlatformConfig(platform, 'acme/gitops', { baseMode: 'pull-request' })
    github.failNext('GET', /\/pulls$/, 500, 10)
    const run = await promote({
      manifests: render('dev', { service: 'checkout', environment: 'dev' })
    })
    expect(run.error?.message).toMatch(
      /^The GitHub API answered 500 while opening the pull request for idp\/dev\/checkout in acme\/gitops/
    )
    expect(run.error?.message).toContain('run promote again')
    expect(github.calls.filter(c => c.status === 500)).toHaveLength(4)
  })
})
