import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isUserError } from '../runtime/errors.js'
import {
  createBareRepo,
  fileUrl,
  git,
  readTree,
  tempFolder,
  tipOf
} from './testing/git-fixtures.js'
import { runPromote, writePlatformConfig } from './testing/promote-fixture.js'
import { writeRenderedFolder } from './testing/render-fixture.js'

describe('promote (push mode, file://)', () => {
  let tmp: ReturnType<typeof tempFolder>
  let bare: string
  let platform: string

  beforeEach(() => {
    tmp = tempFolder(expect.getState().currentTestName ?? 'promote')
    bare = createBareRepo(join(tmp.path, 'gitops.git'))
    platform = join(tmp.path, 'platform.yaml')
    writePlatformConfig(platform, fileUrl(bare))
  })
  afterEach(() => tmp.remove())

  const render = (name: string, options: Parameters<typeof writeRenderedFolder>[1]) => {
    const folder = join(tmp.path, 'rendered', name)
    writeRenderedFolder(folder, options)
    return folder
  }
  const promote = (inputs: Record<string, string>) =>
    runPromote(
      { 'platform-config': platform, ...inputs },
      { workspace: tmp.path, env: { GITHUB_SERVER_URL: 'https://github.example' } }
    )

  it('commits the folder with trailers that git interpret-trailers parses', async () => {
    const manifests = render('dev', {
      service: 'checkout',
      environment: 'dev',
      commit: 'c'.repeat(40)
    })
    const run = await promote({ manifests })
    expect(run.error).toBeUndefined()
    expect(run.result?.outputs.changed).toBe('true')
    expect(run.result?.outputs['commit-sha']).toBe(tipOf(bare, 'main'))
    expect(Object.keys(readTree(bare, 'main', 'envs/dev/checkout')).sort()).toEqual([
      '.idp/render.json',
      'application.yaml'
    ])
    const message = git(bare, 'log', '-1', '--format=%B', 'main')
    const parsed = execFileSync('git', ['interpret-trailers', '--parse'], {
      input: message,
      encoding: 'utf8'
    })
    expect(parsed).toContain(`Idp-Source-Commit: ${'c'.repeat(40)}`)
    expect(parsed).toContain('Idp-Environment: dev')
    expect(parsed).toContain('Idp-Service: checkout')
    expect(parsed).toMatch(/Idp-Content-Digest: sha256:[0-9a-f]{64}/)
    expect(parsed).toContain('Idp-Source-Repository: acme/checkout')
    expect(parsed).toContain('Idp-Run-Url: https://github.com/acme/checkout/actions/runs/1')
    expect(message.split('\n')[0]).toBe('promote checkout to dev: ghcr.io/acme/checkout:1.0.0')
    expect(git(bare, 'log', '-1', '--format=%an <%ae>', 'main').trim()).toBe(
      'idp-test-bot <idp-test-bot@example.com>'
    )
    expect(run.summary).toContain('```mermaid')
    // Same render again: no commit.
    const again = await promote({ manifests })
    expect(again.result?.outputs).toMatchObject({
      changed: 'false',
      'commit-sha': tipOf(bare, 'main')
    })
    // The summary still shows what dev holds.
    const digest = JSON.parse(
      readTree(bare, 'main', 'envs/dev/checkout')['.idp/render.json']
    ).digest
    expect(again.summary).toContain(`env_dev["dev<br/>${digest.slice(0, 19)}…"]`)
  })

  it('makes no commit when the target already runs the same content and images, whatever the provenance', async () => {
    const first = render('first', {
      service: 'checkout',
      environment: 'dev',
      commit: 'c'.repeat(40)
    })
    expect((await promote({ manifests: first })).result?.outputs.changed).toBe('true')
    const tip = tipOf(bare, 'main')
    // A later commit of the service repository that renders the same manifests (e.g. a README edit).
    const later = render('later', {
      service: 'checkout',
      environment: 'dev',
      commit: 'd'.repeat(40),
      commitTime: '2026-11-02T10:00:00Z',
      runNumber: 2
    })
    const run = await promote({ manifests: later })
    expect(run.error).toBeUndefined()
    expect(run.result?.outputs.changed).toBe('false')
    expect(tipOf(bare, 'main')).toBe(tip)
    expect(readTree(bare, 'main', 'envs/dev/checkout')['.idp/render.json']).toContain(
      'c'.repeat(40)
    )
    // Different images are a change even when the files' digest were equal.
    const bumped = render('bumped', {
      service: 'checkout',
      environment: 'dev',
      images: { api: 'ghcr.io/acme/checkout:1.0.1' }
    })
    expect((await promote({ manifests: bumped })).result?.outputs.changed).toBe('true')
  })

  it('refuses an older render over a newer one, unless allow-rollback is true', async () => {
    const newer = render('new', {
      service: 'checkout',
      environment: 'dev',
      commitTime: '2026-11-02T10:00:00Z',
      runNumber: 8,
      images: { api: 'ghcr.io/acme/checkout:2.0.0' }
    })
    const older = render('old', {
      service: 'checkout',
      environment: 'dev',
      commitTime: '2026-11-01T10:00:00Z',
      runNumber: 7,
      images: { api: 'ghcr.io/acme/checkout:1.0.0' }
    })
    expect((await promote({ manifests: newer })).error).toBeUndefined()
    const tip = tipOf(bare, 'main')
    const refused = await promote({ manifests: older })
    expect(isUserError(refused.error)).toBe(true)
    expect(refused.error?.message).toMatch(/Refused: .* holds a newer render of checkout in dev/)
    expect(refused.error?.message).toContain('Deployed: aaaaaaaaaaaa (2026-11-02T10:00:00Z, run #8')
    expect(refused.error?.message).toContain('Refused: aaaaaaaaaaaa (2026-11-01T10:00:00Z, run #7')
    expect(tipOf(bare, 'main')).toBe(tip)
    const rollback = await promote({ manifests: older, 'allow-rollback': 'true' })
    expect(rollback.result?.outputs.changed).toBe('true')
    expect(readTree(bare, 'main', 'envs/dev/checkout')['application.yaml']).toContain(
      'checkout:1.0.0'
    )
    expect(rollback.summary).toContain('Rollback')
  })

  it('gates prod on staging holding the same release, also in dry-run', async () => {
    const release = {
      service: 'checkout',
      commit: 'b'.repeat(40),
      images: { api: 'ghcr.io/acme/checkout@sha256:' + '1'.repeat(64) }
    }
    const prod = render('prod', { ...release, environment: 'prod' })
    // Staging holds an older release.
    await promote({
      manifests: render('staging-old', { service: 'checkout', environment: 'staging' })
    })
    for (const dryRun of ['true', 'false']) {
      const refused = await promote({ manifests: prod, 'dry-run': dryRun })
      expect(isUserError(refused.error)).toBe(true)
      expect(refused.error?.message).toMatch(
        /prod requires staging to run this release first\. staging \(.*:envs\/staging\/checkout\) holds api=ghcr\.io\/acme\/checkout:1\.0\.0/
      )
    }
    expect(readTree(bare, 'main', 'envs/prod/checkout')).toEqual({})
    await promote({ manifests: render('staging', { ...release, environment: 'staging' }) })
    const allowed = await promote({ manifests: prod })
    expect(allowed.error).toBeUndefined()
    expect(allowed.result?.outputs.changed).toBe('true')
    expect(allowed.logger.text()).toContain('Gate passed: staging')
    // The summary draws every environment with the digest it holds after this run.
    const prodRecord = JSON.parse(readTree(bare, 'main', 'envs/prod/checkout')['.idp/render.json'])
    expect(allowed.summary).toContain(`env_prod["prod<br/>${prodRecord.digest.slice(0, 19)}…"]`)
    expect(allowed.summary).toContain('env_dev["dev<br/>nothing yet"]')
    expect(allowed.summary).toContain('env_staging --> env_prod')
  })

  it('reads a required environment kept in another repository', async () => {
    const stagingRepo = createBareRepo(join(tmp.path, 'gitops-staging.git'))
    const store = 'secretStores: { vault: { name: vault, kind: ClusterSecretStore } }'
    writeFileSync(
      platform,
      [
        'apiVersion: idp.dev/v1alpha1',
        'kind: Platform',
        'metadata: { name: test }',
        'spec:',
        `  gitops: { repository: '${fileUrl(bare)}' }`,
        '  environments:',
        `    - { name: staging, namespace: 'x', ${store}, gitops: { repository: '${fileUrl(stagingRepo)}' } }`,
        `    - { name: prod, namespace: 'x', requires: [staging], ${store} }`,
        ''
      ].join('\n')
    )
    const release = { service: 'checkout', commit: 'f'.repeat(40) }
    const prod = render('prod', { ...release, environment: 'prod' })
    const refused = await promote({ manifests: prod })
    expect(refused.error?.message).toContain(
      `staging (${join(tmp.path, 'gitops-staging.git')}:envs/staging/checkout) holds no render`
    )
    expect(
      (await promote({ manifests: render('staging', { ...release, environment: 'staging' }) }))
        .error
    ).toBeUndefined()
    expect(Object.keys(readTree(stagingRepo, 'main', 'envs/staging/checkout'))).toContain(
      'application.yaml'
    )
    const allowed = await promote({ manifests: prod })
    expect(allowed.error).toBeUndefined()
    expect(allowed.logger.text()).toContain('Reading what environments in other repositories hold')
    expect(Object.keys(readTree(bare, 'main', 'envs/prod/checkout'))).toContain('application.yaml')
  })

  it('names a required environment that holds nothing yet', async () => {
    const run = await promote({
      manifests: render('prod', { service: 'checkout', environment: 'prod' })
    })
    expect(run.error?.message).toContain('prod requires staging first, but staging')
    expect(run.error?.message).toContain('holds no render of checkout yet')
  })

  it('dry-run prints the change per resource with secret values redacted and pushes nothing', async () => {
    const secret = (value: string) =>
      [
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: db',
        '  namespace: checkout-dev',
        'stringData:',
        `  password: ${value}`,
        '  user: app',
        ''
      ].join('\n')
    const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n'
    await promote({
      manifests: render('v1', {
        service: 'checkout',
        environment: 'dev',
        files: { 'secret.yaml': secret('hunter2-old'), 'configmap.yaml': cm }
      })
    })
    const tip = tipOf(bare, 'main')
    const run = await promote({
      'dry-run': 'true',
      manifests: render('v2', {
        service: 'checkout',
        environment: 'dev',
        runNumber: 2,
        files: {
          'secret.yaml': secret('hunter2-new'),
          'deploy.yaml': 'kind: Deployment\nmetadata:\n  name: api\n'
        }
      })
    })
    expect(run.error).toBeUndefined()
    expect(tipOf(bare, 'main')).toBe(tip)
    const diff = run.result?.outputs.diff ?? ''
    expect(diff).toContain('+ added Deployment api (deploy.yaml)')
    expect(diff).toContain('~ changed Secret checkout-dev/db (secret.yaml)')
    expect(diff).toContain('- removed ConfigMap settings (configmap.yaml)')
    expect(diff).toContain('-  password: <redacted>\n+  password: "<redacted: changed>"')
    expect(diff).toContain('   user: <redacted>')
    expect(diff).toContain('--- before/Secret_checkout-dev_db.yaml')
    expect(diff).not.toContain('hunter2')
    expect(run.summary).not.toContain('hunter2')
    expect(run.logger.text()).not.toContain('hunter2')
    expect(run.summary).toContain('Dry run: would commit 3 resource change(s)')
  })

  it('pull-request mode against a repository that is not on GitHub pushes the branch only', async () => {
    const run = await promote({
      manifests: render('dev', { service: 'checkout', environment: 'dev' }),
      mode: 'pull-request'
    })
    expect(run.error).toBeUndefined()
    expect(run.result?.outputs).toMatchObject({ changed: 'true', 'pull-request-url': '' })
    expect(tipOf(bare, 'idp/dev/checkout')).toBe(run.result?.outputs['commit-sha'])
    expect(readTree(bare, 'main', 'envs/dev/checkout')).toEqual({})
    expect(run.logger.text()).toContain('is not a GitHub repository, so no pull request was opened')
  })

  it('refuses to loosen the platform mode and rejects bad inputs with one clear message', async () => {
    writePlatformConfig(platform, fileUrl(bare), { prodMode: 'pull-request' })
    const staging = render('staging', { service: 'checkout', environment: 'staging' })
    await promote({ manifests: staging })
    const loosen = await promote({
      manifests: render('prod', { service: 'checkout', environment: 'prod' }),
      mode: 'push'
    })
    expect(loosen.error?.message).toContain('never loosen')
    const mismatch = await promote({ manifests: staging, environment: 'prod' })
    expect(mismatch.error?.message).toContain("was rendered for 'staging'")
    const badPath = await promote({ manifests: staging, path: '../outside' })
    expect(badPath.error?.message).toContain("Input 'path' must be a folder inside the repository")
    const notRendered = await promote({ manifests: tmp.path })
    expect(notRendered.error?.message).toContain('holds no .idp/render.json')
    const badTemplate = await promote({ manifests: staging, 'commit-message': 'x {nope}' })
    expect(badTemplate.error?.message).toContain('{nope}')
    for (const run of [loosen, mismatch, badPath, notRendered, badTemplate])
      expect(isUserError(run.error)).toBe(true)
  })
})
