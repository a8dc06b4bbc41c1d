// The promote command with transport auto/api against the fake GitHub: the same trailers, gates,
// stale-render guard, ownership (first writer) and pull-request mode as the git path, without a clone.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { isUserError } from '../runtime/errors.js'
import type { FakeGitHub } from './testing/fake-github.js'
import { startFakeGitHub } from './testing/fake-github.js'
import { tempFolder } from './testing/git-fixtures.js'
import { runPromote, writePlatformConfig } from './testing/promote-fixture.js'
import { writeRenderedFolder } from './testing/render-fixture.js'

const token = 'ghs_apiTransportToken0123456789ab'

describe('promote through the GitHub API (transport auto on a GitHub repository)', () => {
  let tmp: ReturnType<typeof tempFolder>
  let github: FakeGitHub
  let platform: string

  beforeEach(async () => {
    tmp = tempFolder(expect.getState().currentTestName ?? 'promote-api')
    github = await startFakeGitHub(token)
    github.git.seed('main', { 'README.md': 'gitops\n' })
    platform = join(tmp.path, 'platform.yaml')
    writePlatformConfig(platform, 'acme/gitops', { prodMode: 'pull-request' })
  })
  afterEach(async () => {
    await github.close()
    tmp.remove()
  })

  const promote = (inputs: Record<string, string>, env: NodeJS.ProcessEnv = {}) =>
    runPromote(
      { 'platform-config': platform, token, ...inputs },
      {
        workspace: tmp.path,
        // The server and its API are one host, as github.com/api.github.com or a GHES are.
        env: {
          GITHUB_SERVER_URL: github.url,
          GITHUB_API_URL: github.url,
          GITHUB_REPOSITORY: 'acme/checkout',
          ...env
        },
        tweak: s => ({ ...s, githubRetryUnitMs: 2, githubWriteSpacingMs: 0 })
      }
    )
  let renders = 0
  const render = (options: Parameters<typeof writeRenderedFolder>[1]) => {
    const folder = join(tmp.path, 'rendered', `r${++renders}`)
    writeRenderedFolder(folder, { repository: 'acme/checkout', ...options })
    return folder
  }
  const gitCalls = () => github.calls.filter(c => c.path.includes('/git/'))

  it('commits with trailers, makes no commit for the same release, and refuses an older render', async () => {
    const run = await promote({
      manifests: render({ service: 'checkout', environment: 'dev', runNumber: 5 })
    })
    expect(run.error).toBeUndefined()
    expect(run.result?.outputs.changed).toBe('true')
    const sha = run.result!.outputs['commit-sha']
    expect(github.git.refs.get('heads/main')).toBe(sha)
    const commit = github.git.commits.get(sha)!
    expect(commit.message).toMatch(/^promote checkout to dev/)
    expect(commit.message).toMatch(/Idp-Service: checkout/)
    expect(commit.author).toMatchObject({ name: 'idp-test-bot' })
    expect(Object.keys(github.git.files('main'))).toEqual(
      expect.arrayContaining([
        'README.md',
        'envs/dev/checkout/application.yaml',
        'envs/dev/checkout/.idp/render.json'
      ])
    )
    expect(run.logger.lines.map(l => l.message).join('\n')).toMatch(/through the GitHub API/)

    const same = await promote({
      manifests: render({ service: 'checkout', environment: 'dev', runNumber: 6 })
    })
    expect(same.result?.outputs.changed).toBe('false')
    expect(github.git.refs.get('heads/main')).toBe(sha)

    const older = await promote({
      manifests: render({
        service: 'checkout',
        environment: 'dev',
        runNumber: 1,
        commitTime: '2000-01-01T00:00:00Z',
        images: { api: 'ghcr.io/acme/checkout:0.9.0' }
      })
    })
    expect(isUserError(older.error)).toBe(true)
    expect(older.error?.message).toMatch(/holds a newer render of checkout in dev/)
    expect(github.git.refs.get('heads/main')).toBe(sha)
  })

  it('keeps the requires gate, then opens the pull request from idp/<env>/<service>', async () => {
    const release = { service: 'checkout', commit: 'e'.repeat(40) }
    const early = await promote({ manifests: render({ ...release, environment: 'prod' }) })
    expect(isUserError(early.error)).toBe(true)
    expect(early.error?.message).toMatch(/staging/)
    expect(
      (await promote({ manifests: render({ ...release, environment: 'staging' }) })).error
    ).toBeUndefined()
    const run = await promote({ manifests: render({ ...release, environment: 'prod' }) })
    expect(run.error).toBeUndefined()
    expect(run.result?.outputs['pull-request-number']).toBe('1')
    expect(github.pulls[0]).toMatchObject({
      head: { ref: 'idp/prod/checkout' },
      base: { ref: 'main' }
    })
    expect(Object.keys(github.git.files('idp/prod/checkout'))).toContain(
      'envs/prod/checkout/application.yaml'
    )
    expect(Object.keys(github.git.files('main'))).not.toContain(
      'envs/prod/checkout/application.yaml'
    )
  })

  it('the first writer owns the folder: another repository is refused and nothing is written', async () => {
    expect(
      (await promote({ manifests: render({ service: 'checkout', environment: 'dev' }) })).error
    ).toBeUndefined()
    const tip = github.git.refs.get('heads/main')
    const takeover = await promote(
      {
        manifests: render({
          service: 'checkout',
          environment: 'dev',
          repository: 'acme/evil',
          runNumber: 99
        })
      },
      { GITHUB_REPOSITORY: 'acme/evil' }
    )
    expect(takeover.error?.message).toContain('belongs to acme/checkout')
    expect(github.git.refs.get('heads/main')).toBe(tip)
  })

  it('transport git never calls the Git Data API; api is refused for a repository elsewhere', async () => {
    const run = await promote({
      manifests: render({ service: 'checkout', environment: 'dev' }),
      transport: 'git'
    })
    // The fake serves no git protocol: the git path fails to reach it, and made no API write.
    expect(isUserError(run.error)).toBe(true)
    expect(gitCalls()).toEqual([])
    const elsewhere = await promote({
      manifests: render({ service: 'checkout', environment: 'dev' }),
      repository: 'https://gitlab.example/acme/gitops.git',
      transport: 'api'
    })
    expect(elsewhere.error?.message).toMatch(
      /transport.*api.*not a repository on the GitHub server/
    )
  })
})
