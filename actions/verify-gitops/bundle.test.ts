// End to end: the committed bundle run as the runner runs it (Node 24, INPUT_*) in a checkout of a GitOps
// repository: a promotion as idp promote writes it passes; content edited after render and a file outside
// the service folders fail the step with annotations on the changed files, a job summary and SARIF.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  promotionMessage,
  pushBranch,
  renderedFiles,
  under,
  writeGatePlatform
} from '../../shared/src/gitops/testing/broker-fixture.js'
import { createBareRepo, git, tempFolder } from '../../shared/src/gitops/testing/git-fixtures.js'
import { haveNode24, runBundle } from '../../test/run-bundle.js'

const tmp = tempFolder('verify-gitops-bundle')
const bare = join(tmp.path, 'gitops.git')
let base: string

beforeAll(() => {
  createBareRepo(bare)
  base = git(bare, 'rev-parse', 'main').trim()
})
afterAll(() => tmp.remove())

/** A checkout of `branch` (full history), with the platform config beside it in .idp-platform. */
function checkout(branch: string): string {
  const ws = join(tmp.path, `ws-${branch.replace(/\W+/g, '-')}`)
  git(tmp.path, 'clone', '--quiet', '--branch', branch, bare, ws)
  mkdirSync(join(ws, '.idp-platform'))
  writeGatePlatform(join(ws, '.idp-platform/platform.yaml'))
  return ws
}

const run = (workspace: string) =>
  runBundle('verify-gitops', {
    workspace,
    inputs: {
      base,
      'platform-config': '.idp-platform/platform.yaml',
      'platform-authors': 'idp-platform[bot]',
      'sarif-file': 'gate.sarif'
    }
  })

describe.each(haveNode24() ? ['bundle'] : [])('verify-gitops %s', () => {
  it('passes a promotion as idp promote writes it', () => {
    const rendered = renderedFiles({ service: 'checkout', environment: 'dev' })
    pushBranch(bare, 'idp/dev/checkout', {
      from: 'main',
      files: under('envs/dev/checkout', rendered.files),
      message: promotionMessage(rendered.record)
    })
    const result = run(checkout('idp/dev/checkout'))
    expect(result.stderr).not.toMatch(/Internal error|\bat .+\.js:\d+/)
    expect(result.exitCode).toBe(0)
    expect(result.outputs.passed).toBe('true')
    expect(JSON.parse(result.outputs.folders)).toEqual(['envs/dev/checkout'])
    expect(result.summary).toContain('✅ verified')
  })

  it('fails on content edited after render and on a file outside the service folders', () => {
    const rendered = renderedFiles({ service: 'payments', environment: 'dev' })
    pushBranch(bare, 'tampered', {
      from: 'main',
      files: {
        ...under('envs/dev/payments', {
          ...rendered.files,
          'application.yaml': rendered.files['application.yaml'].replace('1.0.0', '6.6.6')
        }),
        'clusters/dev/admin.yaml': 'kind: ClusterRoleBinding\n'
      },
      message: promotionMessage(rendered.record)
    })
    const ws = checkout('tampered')
    const result = run(ws)
    expect(result.exitCode).toBe(1)
    expect(result.outputs.passed).toBe('false')
    const errors = result.annotations.filter(a => a.level === 'error')
    const byFile = (file: string) => errors.find(a => a.properties.file === file)
    expect(byFile('envs/dev/payments/.idp/render.json')?.message).toMatch(
      /changed after it was rendered/
    )
    expect(byFile('clusters/dev/admin.yaml')?.message).toMatch(/outside every service folder/)
    expect(result.summary).toContain('❌ refused')
    const sarif = JSON.parse(readFileSync(join(ws, 'gate.sarif'), 'utf8'))
    const ids = sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)
    expect(ids).toEqual(
      expect.arrayContaining([
        'idp-gitops-gate/content-digest',
        'idp-gitops-gate/outside-service-folders'
      ])
    )
    expect(result.stderr + result.stdout).not.toMatch(/\bat .+\.js:\d+/)
  })

  it('refuses a base the checkout does not hold, with what to do', () => {
    const result = runBundle('verify-gitops', {
      workspace: checkout('main'),
      inputs: { base: 'f'.repeat(40), 'platform-config': '.idp-platform/platform.yaml' }
    })
    expect(result.exitCode).toBe(1)
    expect(result.stdout).toMatch(/fetch-depth: 0/)
  })
})
