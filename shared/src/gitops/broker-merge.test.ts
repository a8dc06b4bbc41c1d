// The broker's merge with real bare repositories: a promotion branch is applied to the deployed branch
// only after the gate verified it; tampered branches are refused with their reason; several services'
// branches merged at the same time all land (no lost update).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { join } from 'node:path'
import { loadPlatformConfig } from '../descriptor/platform.js'
import type { Finding } from '../policy/finding.js'
import { levelOf } from '../policy/result-set.js'
import { RecordingLogger } from '../runtime/logger.js'
import type { BrokerMergeRequest } from './broker-merge.js'
import { brokerMerge, parsePromotionBranch } from './broker-merge.js'
import { resolveRemote } from './remote.js'
import {
  promotionMessage,
  pushBranch,
  renderedFiles,
  under,
  writeGatePlatform
} from './testing/broker-fixture.js'
import { createBareRepo, git, readTree, tempFolder, tipOf } from './testing/git-fixtures.js'

const FAST = { initialMs: 5, multiplier: 1.5, maxMs: 50, jitter: 0.5 }

/** What the gate reports as a problem (validation passes are findings too). */
const problems = (findings: readonly Finding[]) => findings.filter(f => levelOf(f) !== 'none')
const rules = (findings: readonly Finding[]) => problems(findings).map(f => f.rule)

describe('brokerMerge', () => {
  let tmp: ReturnType<typeof tempFolder>
  let bare: string
  let platformFile: string

  beforeEach(() => {
    tmp = tempFolder(expect.getState().currentTestName ?? 'broker')
    const payments = renderedFiles({ service: 'payments', environment: 'dev' })
    bare = createBareRepo(join(tmp.path, 'gitops.git'), {
      files: { 'README.md': '# gitops\n', ...under('envs/dev/payments', payments.files) }
    })
    platformFile = join(tmp.path, 'platform.yaml')
    writeGatePlatform(platformFile)
  })
  afterEach(() => tmp.remove())

  const merge = (branch: string, extra: Partial<BrokerMergeRequest> = {}) => {
    const logger = new RecordingLogger()
    return brokerMerge({
      remote: resolveRemote(bare, 'https://github.com', tmp.path),
      branch,
      platform: loadPlatformConfig(platformFile),
      platformFile,
      platformAuthors: [],
      author: { name: 'idp-platform[bot]', email: 'platform-bot@example.com' },
      maxAttempts: 30,
      backoff: FAST,
      logger,
      tempRoot: tmp.path,
      ...extra
    })
  }

  const promoteBranch = (service: string, environment = 'dev', files?: Record<string, string>) => {
    const rendered = renderedFiles({ service, environment })
    return pushBranch(bare, `idp/${environment}/${service}`, {
      from: 'main',
      files: under(`envs/${environment}/${service}`, { ...rendered.files, ...files }),
      message: promotionMessage(rendered.record)
    })
  }

  it('merges a verified promotion onto the deployed branch, keeps its trailers, deletes the branch', async () => {
    const verified = promoteBranch('checkout')
    const result = await merge('idp/dev/checkout')
    expect(problems(result.findings)).toEqual([])
    expect(result.merged).toBe(true)
    expect(result.verifiedSha).toBe(verified)
    expect(result.branchDeleted).toBe(true)
    expect(Object.keys(readTree(bare, 'main', 'envs/dev/checkout')).sort()).toEqual([
      '.idp/render.json',
      'application.yaml',
      'kustomization.yaml'
    ])
    // The other service's folder is untouched.
    expect(Object.keys(readTree(bare, 'main', 'envs/dev/payments'))).toContain('application.yaml')
    const message = git(bare, 'log', '-1', '--format=%B', 'main')
    expect(message).toContain('Idp-Source-Repository: acme/checkout')
    expect(message).toContain(`Idp-Promotion-Branch: idp/dev/checkout@${verified}`)
    expect(git(bare, 'log', '-1', '--format=%ae', 'main').trim()).toBe('platform-bot@example.com')
    expect(git(bare, 'branch', '--list', 'idp/dev/checkout').trim()).toBe('')
  })

  it('refuses content edited after render (digest), and leaves the deployed branch and the branch alone', async () => {
    const before = tipOf(bare, 'main')
    promoteBranch('checkout', 'dev', {
      'application.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x, namespace: checkout-dev }\n'
    })
    const result = await merge('idp/dev/checkout')
    expect(result.merged).toBe(false)
    expect(rules(result.findings)).toContain('content-digest')
    expect(result.findings.find(f => f.rule === 'content-digest')?.message).toMatch(
      /changed after it was rendered/
    )
    expect(tipOf(bare, 'main')).toBe(before)
    expect(git(bare, 'branch', '--list', 'idp/dev/checkout').trim()).not.toBe('')
  })

  it("refuses a branch that writes another service's folder", async () => {
    const before = tipOf(bare, 'main')
    const evil = renderedFiles({
      service: 'payments',
      environment: 'dev',
      repository: 'acme/checkout'
    })
    pushBranch(bare, 'idp/dev/checkout', {
      from: 'main',
      files: under('envs/dev/payments', evil.files),
      message: promotionMessage(evil.record)
    })
    const result = await merge('idp/dev/checkout')
    expect(result.merged).toBe(false)
    expect(rules(result.findings)).toContain('outside-promotion-folder')
    expect(tipOf(bare, 'main')).toBe(before)
  })

  it("refuses a service's own branch that takes over a folder another repository owns", async () => {
    const evil = renderedFiles({
      service: 'payments',
      environment: 'dev',
      repository: 'acme/checkout'
    })
    pushBranch(bare, 'idp/dev/payments', {
      from: 'main',
      files: under('envs/dev/payments', evil.files),
      message: promotionMessage(evil.record)
    })
    const result = await merge('idp/dev/payments')
    expect(result.merged).toBe(false)
    const ownership = result.findings.find(f => f.rule === 'service-ownership')
    expect(ownership?.message).toMatch(/belongs to acme\/payments/)
  })

  it('refuses a render of another service carried in the branch of this one', async () => {
    const other = renderedFiles({ service: 'payments', environment: 'dev' })
    pushBranch(bare, 'idp/dev/checkout', {
      from: 'main',
      files: under('envs/dev/checkout', other.files),
      message: promotionMessage(other.record)
    })
    const result = await merge('idp/dev/checkout')
    expect(result.merged).toBe(false)
    expect(rules(result.findings)).toContain('service-folder-pattern')
  })

  it('refuses a cluster-scoped kind, even with a matching digest', async () => {
    const crb = [
      'apiVersion: rbac.authorization.k8s.io/v1',
      'kind: ClusterRoleBinding',
      'metadata: { name: checkout-admin }',
      'roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }',
      'subjects: [{ kind: ServiceAccount, name: default, namespace: checkout-dev }]',
      ''
    ].join('\n')
    const rendered = renderedFiles({
      service: 'checkout',
      environment: 'dev',
      files: { 'crb.yaml': crb }
    })
    pushBranch(bare, 'idp/dev/checkout', {
      from: 'main',
      files: under('envs/dev/checkout', rendered.files),
      message: promotionMessage(rendered.record)
    })
    const result = await merge('idp/dev/checkout')
    expect(result.merged).toBe(false)
    const finding = result.findings.find(f => f.rule === 'cluster-scoped-kind')
    expect(finding?.position?.file).toBe('envs/dev/checkout/crb.yaml')
  })

  it('refuses a folder validation cannot read (an error finding, not only a failed rule)', async () => {
    const before = tipOf(bare, 'main')
    // A document the manifest reader refuses: its finding is an error, not a rule that failed.
    const unreadable = 'a: &a [x, x]\nb: *a\nc: [unclosed\n'
    const rendered = renderedFiles({
      service: 'checkout',
      environment: 'dev',
      files: {
        'broken.yaml': unreadable,
        'kustomization.yaml':
          'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - application.yaml\n  - broken.yaml\n'
      }
    })
    pushBranch(bare, 'idp/dev/checkout', {
      from: 'main',
      files: under('envs/dev/checkout', rendered.files),
      message: promotionMessage(rendered.record)
    })
    const result = await merge('idp/dev/checkout')
    expect(problems(result.findings).some(f => f.result === 'error')).toBe(true)
    expect(result.merged).toBe(false)
    expect(tipOf(bare, 'main')).toBe(before)
  })

  it.each([
    ['terminal escapes', 'promote checkout \u001b[2J\u001b]52;c;b3duZWQ=\u0007'],
    ['a bidirectional override', 'promote checkout \u202egnp.exe'],
    ['a body of 100 KiB', `promote checkout\n\n${'x'.repeat(100 * 1024)}`]
  ])(
    'refuses a promotion commit message with %s (the merge commit carries it)',
    async (_, subject) => {
      const before = tipOf(bare, 'main')
      const rendered = renderedFiles({ service: 'checkout', environment: 'dev' })
      const trailers = promotionMessage(rendered.record).split('\n\n').slice(1).join('\n\n')
      pushBranch(bare, 'idp/dev/checkout', {
        from: 'main',
        files: under('envs/dev/checkout', rendered.files),
        message: `${subject}\n\n${trailers}`
      })
      const result = await merge('idp/dev/checkout')
      expect(rules(result.findings)).toEqual(['commit-message'])
      expect(result.findings[0].message).not.toContain('\u001b')
      expect(result.findings[0].message).not.toContain('\u202e')
      expect(result.merged).toBe(false)
      expect(tipOf(bare, 'main')).toBe(before)
    }
  )

  it('refuses trailers that disagree with the record', async () => {
    const rendered = renderedFiles({ service: 'checkout', environment: 'dev' })
    pushBranch(bare, 'idp/dev/checkout', {
      from: 'main',
      files: under('envs/dev/checkout', rendered.files),
      message: promotionMessage(rendered.record).replace(
        'Idp-Source-Repository: acme/checkout',
        'Idp-Source-Repository: acme/other'
      )
    })
    const result = await merge('idp/dev/checkout')
    expect(result.merged).toBe(false)
    expect(rules(result.findings)).toEqual(['provenance-trailers'])
  })

  it('re-checks the requires gate on the GitOps side: prod before dev runs the release is refused', async () => {
    promoteBranch('checkout', 'prod')
    const refused = await merge('idp/prod/checkout')
    expect(refused.merged).toBe(false)
    expect(rules(refused.findings)).toEqual(['promotion-gate'])
    // Once dev runs the same release, prod may follow.
    promoteBranch('checkout', 'dev')
    expect((await merge('idp/dev/checkout')).merged).toBe(true)
    promoteBranch('checkout', 'prod')
    expect((await merge('idp/prod/checkout')).merged).toBe(true)
  })

  it('holds the gate to what the deployed branch runs now, not to the stale tree of the branch', async () => {
    promoteBranch('checkout', 'dev')
    expect((await merge('idp/dev/checkout')).merged).toBe(true)
    promoteBranch('checkout', 'prod')
    // dev moves on to a newer release after the prod branch was cut.
    const newer = renderedFiles({
      service: 'checkout',
      environment: 'dev',
      image: 'ghcr.io/acme/checkout:2.0.0'
    })
    pushBranch(bare, 'main', {
      from: 'main',
      files: under('envs/dev/checkout', newer.files),
      message: promotionMessage(newer.record)
    })
    const refused = await merge('idp/prod/checkout', { readElsewhere: async () => [] })
    expect(refused.merged).toBe(false)
    expect(rules(refused.findings)).toEqual(['promotion-gate'])
    expect(refused.findings.find(f => f.rule === 'promotion-gate')?.message).toMatch(
      /checkout:2\.0\.0/
    )
  })

  it('merges several services at the same time without losing any update', async () => {
    const services = ['alpha', 'bravo', 'charlie', 'delta', 'echo']
    for (const s of services) promoteBranch(s)
    const results = await Promise.all(services.map(s => merge(`idp/dev/${s}`)))
    expect(results.map(r => problems(r.findings))).toEqual(services.map(() => []))
    expect(results.every(r => r.merged)).toBe(true)
    const folders = git(bare, 'ls-tree', '-d', '--name-only', 'main', 'envs/dev/')
      .split('\n')
      .filter(Boolean)
      .sort()
    expect(folders).toEqual([...services.map(s => `envs/dev/${s}`), 'envs/dev/payments'].sort())
    // One commit per service on top of the first tip: nothing was squashed away or lost.
    expect(Number(git(bare, 'rev-list', '--count', 'main').trim())).toBe(1 + services.length)
  }, 120_000)

  it('does nothing for a branch that no longer exists', async () => {
    const result = await merge('idp/dev/checkout')
    expect(result.merged).toBe(false)
    expect(problems(result.findings)).toEqual([])
  })

  it('takes only idp/<environment>/<service> branches', () => {
    const platform = (writeGatePlatform(platformFile), loadPlatformConfig(platformFile))
    expect(() => parsePromotionBranch('main', platform)).toThrow(/not a promotion branch/)
    expect(() => parsePromotionBranch('idp/qa/checkout', platform)).toThrow(
      /not a promotion branch/
    )
    expect(() => parsePromotionBranch('idp/dev/../x', platform)).toThrow(/not a valid git branch/)
    expect(parsePromotionBranch('idp/dev/checkout', platform).path).toBe('envs/dev/checkout')
  })
})
