// The GitOps-side gate on a real checkout: who may change what, and what a promotion must carry.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { loadPlatformConfig } from '../descriptor/platform.js'
import type { PlatformConfig } from '../descriptor/types.js'
import type { Finding } from '../policy/finding.js'
import { levelOf } from '../policy/result-set.js'
import { RecordingLogger } from '../runtime/logger.js'
import { serviceFoldersOf } from './service-folders.js'
import {
  promotionMessage,
  pushBranch,
  renderedFiles,
  under,
  writeGatePlatform
} from './testing/broker-fixture.js'
import { createBareRepo, git, tempFolder } from './testing/git-fixtures.js'
import { verifyCheckout } from './verify-checkout.js'

const PLATFORM_BOT = { name: 'idp-platform[bot]', email: 'platform-bot@example.com' }
const rules = (findings: readonly Finding[]) =>
  findings.filter(f => levelOf(f) !== 'none').map(f => f.rule)

describe('verifyCheckout', () => {
  let tmp: ReturnType<typeof tempFolder>
  let bare: string
  let base: string
  let platformFile: string

  beforeEach(() => {
    tmp = tempFolder(expect.getState().currentTestName ?? 'verify')
    const payments = renderedFiles({ service: 'payments', environment: 'dev' })
    bare = createBareRepo(join(tmp.path, 'gitops.git'), {
      files: { 'README.md': '# gitops\n', ...under('envs/dev/payments', payments.files) }
    })
    base = git(bare, 'rev-parse', 'main').trim()
    platformFile = join(tmp.path, 'platform.yaml')
    writeGatePlatform(platformFile)
  })
  afterEach(() => tmp.remove())

  const verify = async (branch: string, platform?: PlatformConfig) => {
    const ws = join(tmp.path, `ws-${branch.replace(/\W+/g, '-')}`)
    mkdirSync(ws)
    git(ws, 'clone', '--quiet', '--branch', branch, bare, '.')
    return verifyCheckout({
      worktree: ws,
      base,
      platform: platform ?? loadPlatformConfig(platformFile),
      platformFile,
      policies: [],
      crds: [],
      platformAuthors: [PLATFORM_BOT.email],
      serverUrl: 'https://github.com',
      logger: new RecordingLogger()
    })
  }

  it('lets only the platform identity change files outside service folders', async () => {
    pushBranch(bare, 'by-service', {
      from: 'main',
      files: { 'clusters/dev/argocd.yaml': 'kind: AppProject\n' },
      message: 'widen the AppProject'
    })
    const refused = await verify('by-service')
    expect(rules(refused.findings)).toEqual(['outside-service-folders'])
    expect(refused.findings[0].position?.file).toBe('clusters/dev/argocd.yaml')

    pushBranch(bare, 'by-platform', {
      from: 'main',
      files: { 'clusters/dev/argocd.yaml': 'kind: AppProject\n' },
      message: 'bootstrap',
      author: PLATFORM_BOT
    })
    expect(rules((await verify('by-platform')).findings)).toEqual([])
  })

  it('refuses a service folder deleted by anyone but the platform', async () => {
    const deletion = { 'envs/dev/payments': null }
    pushBranch(bare, 'delete', { from: 'main', files: deletion, message: 'remove payments' })
    expect(rules((await verify('delete')).findings)).toEqual(['service-folder-deleted'])
    pushBranch(bare, 'retire', {
      from: 'main',
      files: deletion,
      message: 'retire payments',
      author: PLATFORM_BOT
    })
    const retired = await verify('retire')
    expect(rules(retired.findings)).toEqual([])
    expect(retired.folders).toEqual([
      expect.objectContaining({ path: 'envs/dev/payments', deleted: true, byPlatform: true })
    ])
  })

  it('refuses a hand-made commit without provenance trailers', async () => {
    const rendered = renderedFiles({ service: 'checkout', environment: 'dev' })
    pushBranch(bare, 'manual', {
      from: 'main',
      files: under('envs/dev/checkout', rendered.files),
      message: 'add checkout'
    })
    const outcome = await verify('manual')
    expect(new Set(rules(outcome.findings))).toEqual(new Set(['provenance-trailers']))
    expect(outcome.findings[0].message).toMatch(/no Idp-Source-Repository trailer/)
  })

  it('holds a render to the repository the platform registers for the service', async () => {
    writeGatePlatform(platformFile, {
      services: [
        { name: 'checkout', repository: 'acme/checkout' },
        { name: 'payments', repository: 'acme/payments' }
      ]
    })
    const forged = renderedFiles({
      service: 'checkout',
      environment: 'dev',
      repository: 'evil/fork'
    })
    pushBranch(bare, 'forged', {
      from: 'main',
      files: under('envs/dev/checkout', forged.files),
      message: promotionMessage(forged.record)
    })
    const outcome = await verify('forged')
    expect(rules(outcome.findings)).toEqual(['service-ownership'])
    expect(outcome.findings[0].message).toMatch(/belongs to acme\/checkout/)
  })

  it('takes provenance from the promotion, not from a merge of the deployed branch into it', async () => {
    const rendered = renderedFiles({ service: 'checkout', environment: 'dev' })
    pushBranch(bare, 'merged-main', {
      from: 'main',
      files: under('envs/dev/checkout', rendered.files),
      message: promotionMessage(rendered.record)
    })
    // The deployed branch moves on (another service), and is merged into the pull request's branch.
    const other = renderedFiles({ service: 'orders', environment: 'dev' })
    pushBranch(bare, 'main', {
      from: 'main',
      files: under('envs/dev/orders', other.files),
      message: promotionMessage(other.record)
    })
    const scratch = join(tmp.path, 'merge-scratch')
    git(tmp.path, 'clone', '--quiet', '--branch', 'merged-main', bare, scratch)
    git(
      scratch,
      '-c',
      'user.name=dev',
      '-c',
      'user.email=dev@example.com',
      'merge',
      '--quiet',
      '--no-edit',
      'origin/main'
    )
    git(scratch, 'push', '--quiet', 'origin', 'HEAD:refs/heads/merged-main')
    base = git(bare, 'rev-parse', 'main').trim()
    const outcome = await verify('merged-main')
    expect(rules(outcome.findings)).toEqual([])
    expect(outcome.folders.map(f => f.path)).toEqual(['envs/dev/checkout'])
  })

  it('refuses a symbolic link in a service folder instead of reading through it', async () => {
    const rendered = renderedFiles({ service: 'checkout', environment: 'dev' })
    pushBranch(bare, 'linked', {
      from: 'main',
      files: under('envs/dev/checkout', rendered.files),
      links: { 'envs/dev/checkout/passwd.yaml': '/etc/passwd' },
      message: promotionMessage(rendered.record)
    })
    const outcome = await verify('linked')
    // Refused from the tree entry itself, before anything reads the folder.
    expect(rules(outcome.findings)).toEqual(['tree-entry'])
    expect(outcome.findings[0].message).toMatch(/symbolic link/)
    expect(JSON.stringify(outcome.findings)).not.toMatch(/root:x:0/)
  })

  it('does not assume a kind it cannot place is namespaced', async () => {
    const unknown =
      'apiVersion: example.io/v1\nkind: Widget\nmetadata: { name: w, namespace: checkout-dev }\n'
    const rendered = renderedFiles({
      service: 'checkout',
      environment: 'dev',
      files: { 'widget.yaml': unknown }
    })
    pushBranch(bare, 'unknown-kind', {
      from: 'main',
      files: under('envs/dev/checkout', rendered.files),
      message: promotionMessage(rendered.record)
    })
    const outcome = await verify('unknown-kind')
    const finding = outcome.findings.find(f => f.rule === 'cluster-scoped-kind')
    expect(finding?.message).toMatch(/scope of Widget .* is unknown/)
    expect(finding?.position?.file).toBe('envs/dev/checkout/widget.yaml')
  })

  it('refuses a record that is not the platform folder of its service', async () => {
    const rendered = renderedFiles({ service: 'checkout', environment: 'dev' })
    pushBranch(bare, 'misplaced', {
      from: 'main',
      files: under('envs/prod/checkout', rendered.files),
      message: promotionMessage(rendered.record)
    })
    const outcome = await verify('misplaced')
    expect(rules(outcome.findings)).toContain('service-folder-pattern')
  })
})

describe('serviceFoldersOf', () => {
  const platform = (path: string) =>
    ({
      spec: {
        gitops: { path },
        environments: [
          { name: 'dev', namespace: '{service}-dev', secretStores: {} },
          { name: 'prod', namespace: '{service}-prod', secretStores: {} }
        ]
      }
    }) as unknown as PlatformConfig

  it('reads the environment and service from the platform pattern', () => {
    expect(
      serviceFoldersOf('envs/dev/checkout/app.yaml', platform('envs/{environment}/{service}'))
    ).toEqual([{ environment: 'dev', service: 'checkout', path: 'envs/dev/checkout' }])
    expect(
      serviceFoldersOf(
        'apps/checkout-svc/prod/.idp/render.json',
        platform('apps/{service}-svc/{environment}')
      )
    ).toEqual([{ environment: 'prod', service: 'checkout', path: 'apps/checkout-svc/prod' }])
  })

  it('places no file at a folder level, and no name that is not a DNS label', () => {
    const p = platform('envs/{environment}/{service}')
    expect(serviceFoldersOf('envs/dev/README.md', p)).toEqual([])
    expect(serviceFoldersOf('envs/dev/Check_out/app.yaml', p)).toEqual([])
    expect(serviceFoldersOf('envs/qa/checkout/app.yaml', p)).toEqual([])
  })
})
