import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createBareRepo, fileUrl, readTree, tempFolder } from './testing/git-fixtures.js'
import { runPromote, writePlatformConfig } from './testing/promote-fixture.js'
import { writeRenderedFolder } from './testing/render-fixture.js'

// promote with `repository` given works offline although the platform names a GitHub repository;
// the other environments are read for the summary on a best-effort basis (only `requires` gates must
// be read); and without a platform config a GitHub repository takes an explicit --no-platform.

const warningsOf = (run: Awaited<ReturnType<typeof runPromote>>) =>
  run.logger.lines
    .filter(l => l.level === 'warning')
    .map(l => l.message)
    .join('\n')

// Nothing listens here: any attempt to reach "GitHub" fails at once.
const OFFLINE = { GITHUB_SERVER_URL: 'http://127.0.0.1:9' }

describe('promote offline', () => {
  let tmp: ReturnType<typeof tempFolder>
  let bare: string
  let platform: string
  beforeEach(() => {
    tmp = tempFolder(expect.getState().currentTestName ?? 'promote-offline')
    bare = createBareRepo(join(tmp.path, 'gitops.git'))
    platform = join(tmp.path, 'platform.yaml')
    writePlatformConfig(platform, 'acme/gitops')
  })
  afterEach(() => tmp.remove())

  const render = (environment: string) => {
    const folder = join(tmp.path, 'rendered', environment)
    writeRenderedFolder(folder, { service: 'checkout', environment, commit: 'c'.repeat(40) })
    return folder
  }
  const promote = (inputs: Record<string, string>) =>
    runPromote({ 'platform-config': platform, ...inputs }, { workspace: tmp.path, env: OFFLINE })

  it('a repository input stands in for the platform repository of every environment kept there', async () => {
    const run = await promote({ manifests: render('dev'), repository: fileUrl(bare) })
    expect(run.error).toBeUndefined()
    expect(run.result?.outputs.changed).toBe('true')
    expect(Object.keys(readTree(bare, 'main', 'envs/dev/checkout'))).toContain('application.yaml')
    expect(run.logger.lines.filter(l => l.level === 'warning')).toEqual([])
  })

  it('an environment in another, unreachable repository is a warning for the summary, not a failure', async () => {
    writeFileSync(
      platform,
      `${readFileSync(platform)}`.replace(
        "    - name: staging\n      namespace: '{service}-staging'\n",
        "    - name: staging\n      namespace: '{service}-staging'\n      gitops: { repository: acme/gitops-staging }\n"
      )
    )
    const run = await promote({ manifests: render('dev'), repository: fileUrl(bare) })
    expect(run.error).toBeUndefined()
    expect(run.result?.outputs.changed).toBe('true')
    expect(warningsOf(run)).toContain(
      'Could not read what staging holds in acme/gitops-staging for the summary (not a gate of dev)'
    )
    expect(run.summary).toContain('staging<br/>not read')
  })

  it('a required environment in an unreachable repository still fails the gate', async () => {
    writeFileSync(
      platform,
      `${readFileSync(platform)}`.replace(
        "    - name: staging\n      namespace: '{service}-staging'\n",
        "    - name: staging\n      namespace: '{service}-staging'\n      gitops: { repository: acme/gitops-staging }\n"
      )
    )
    const run = await promote({ manifests: render('prod'), repository: fileUrl(bare) })
    expect(run.error?.message).toMatch(/acme\/gitops-staging/)
    expect(run.result).toBeUndefined()
  })
})

describe('promote without a platform config', () => {
  let tmp: ReturnType<typeof tempFolder>
  beforeEach(() => {
    tmp = tempFolder(expect.getState().currentTestName ?? 'promote-no-platform')
  })
  afterEach(() => tmp.remove())

  it('refuses a GitHub repository unless no-platform is set', async () => {
    const manifests = join(tmp.path, 'rendered', 'dev')
    writeRenderedFolder(manifests, {
      service: 'checkout',
      environment: 'dev',
      commit: 'c'.repeat(40)
    })
    const refused = await runPromote(
      { manifests, repository: 'acme/gitops', 'dry-run': 'true' },
      { workspace: tmp.path, env: OFFLINE }
    )
    expect(refused.error?.message).toContain(
      "No input 'platform-config' was given, so promote to acme/gitops would skip"
    )
    const allowed = await runPromote(
      { manifests, repository: 'acme/gitops', 'dry-run': 'true', 'no-platform': 'true' },
      { workspace: tmp.path, env: OFFLINE }
    )
    // Past the refusal: it now tries to reach the (unreachable) repository.
    expect(allowed.error?.message ?? '').not.toContain('platform-config')
  })
})
