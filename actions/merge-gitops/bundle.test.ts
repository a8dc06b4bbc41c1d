// End to end: the committed merge-gitops bundle run as the runner runs it (Node 24, INPUT_*) against a
// GitOps repository served over smart HTTP with a token, as gitops-gate.yml runs it on a push of a
// promotion branch: a verified promotion is merged into main and its branch deleted; a branch that writes
// another service's folder fails the step, leaves main alone, and the token shows up nowhere.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import {
  promotionMessage,
  pushBranch,
  renderedFiles,
  under,
  writeGatePlatform
} from '../../shared/src/gitops/testing/broker-fixture.js'
import {
  createBareRepo,
  git,
  readTree,
  tempFolder,
  tipOf
} from '../../shared/src/gitops/testing/git-fixtures.js'
import { startHttpGitServerProcess } from '../../shared/src/gitops/testing/http-git-server.js'
import type { BundleRun } from '../../test/run-bundle.js'
import { haveNode24, runBundle } from '../../test/run-bundle.js'

const token = 'ghs_mergeGateToken0123456789ABCDEFGH'
const tmp = tempFolder('merge-gitops-bundle')
const bare = join(tmp.path, 'srv', 'acme', 'gitops.git')
const workspace = join(tmp.path, 'ws')
let server: { url: string; stop(): Promise<void> }

beforeAll(async () => {
  const payments = renderedFiles({ service: 'payments', environment: 'dev' })
  createBareRepo(bare, {
    files: { 'README.md': '# gitops\n', ...under('envs/dev/payments', payments.files) }
  })
  server = await startHttpGitServerProcess(join(tmp.path, 'srv'), token)
  mkdirSync(join(workspace, '.idp-platform'), { recursive: true })
  writeGatePlatform(join(workspace, '.idp-platform/platform.yaml'))
})
afterAll(async () => {
  await server?.stop()
  tmp.remove()
})

const run = (branch: string): BundleRun =>
  runBundle('merge-gitops', {
    workspace,
    inputs: { branch, token, 'platform-config': '.idp-platform/platform.yaml' },
    env: { GITHUB_SERVER_URL: server.url, GITHUB_REPOSITORY: 'acme/gitops' }
  })

function expectNoToken(r: BundleRun) {
  expect(r.stdout).toContain(`::add-mask::${token}`)
  const visible = r.stdout
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n')
  for (const text of [visible, r.stderr, r.summary, JSON.stringify(r.outputs)])
    expect(text).not.toContain(token)
}

describe.each(haveNode24() ? ['bundle'] : [])('merge-gitops %s', () => {
  it('merges a verified promotion branch with the token and deletes the branch', () => {
    const rendered = renderedFiles({ service: 'checkout', environment: 'dev' })
    const verified = pushBranch(bare, 'idp/dev/checkout', {
      from: 'main',
      files: under('envs/dev/checkout', rendered.files),
      message: promotionMessage(rendered.record)
    })
    const r = run('idp/dev/checkout')
    expect(r.stderr).toBe('')
    expect(r.exitCode).toBe(0)
    expect(r.outputs).toMatchObject({
      merged: 'true',
      'verified-sha': verified,
      'commit-sha': tipOf(bare, 'main'),
      'branch-deleted': 'true',
      errors: '0'
    })
    expect(Object.keys(readTree(bare, 'main', 'envs/dev/checkout'))).toContain('application.yaml')
    expect(git(bare, 'branch', '--list', 'idp/*').trim()).toBe('')
    expect(r.summary).toContain('✅ verified')
    expectNoToken(r)
  })

  it("refuses a branch that writes another service's folder, with the reason on the file", () => {
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
    const r = run('idp/dev/checkout')
    expect(r.exitCode).toBe(1)
    expect(r.outputs.merged).toBe('false')
    const error = r.annotations.find(a => a.level === 'error' && a.properties.file)
    expect(error?.properties.file).toMatch(/^envs\/dev\/payments\//)
    expect(error?.message).toMatch(/outside its folder envs\/dev\/checkout/)
    expect(r.stdout).not.toMatch(/^\s+at /m)
    expect(tipOf(bare, 'main')).toBe(before)
    expectNoToken(r)
  })

  it('refuses a branch that is not idp/<environment>/<service>', () => {
    const r = run('main')
    expect(r.exitCode).toBe(1)
    expect(r.stdout).toMatch(/::error::'main' is not a promotion branch/)
  })
})
