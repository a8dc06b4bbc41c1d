// The four committed bundles in sequence, exactly as a workflow runs them (Node 24, INPUT_*, outputs
// handed from step to step through GITHUB_OUTPUT), against a local bare GitOps repository.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import {
  createBareRepo,
  fileUrl,
  git,
  readTree,
  tempFolder,
  tipOf
} from '../shared/src/gitops/testing/git-fixtures.js'
import { EXAMPLE_IMAGES } from '../shared/src/render/testing.js'
import { repoRoot, runBundle, type BundleRun } from './run-bundle.js'

const sandbox = tempFolder('pipeline')
const workspace = join(sandbox.path, 'service')
const gitops = join(sandbox.path, 'gitops.git')
const env = {
  GITHUB_REPOSITORY: 'acme/checkout',
  GITHUB_RUN_NUMBER: '12',
  GITHUB_RUN_ID: '1200',
  GITHUB_SERVER_URL: 'https://github.com'
}
const steps: Record<string, BundleRun> = {}

beforeAll(() => {
  cpSync(join(repoRoot, 'examples'), join(workspace, 'examples'), { recursive: true })
  const platform = join(workspace, 'examples/platform/platform.yaml')
  createBareRepo(gitops)
  writeFileSync(
    platform,
    readFileSync(platform, 'utf8').replace(
      'repository: acme/gitops',
      `repository: ${fileUrl(gitops)}`
    )
  )
  git(workspace, 'init', '--quiet', '--initial-branch=main')
  git(workspace, 'add', '--all')
  git(
    workspace,
    '-c',
    'user.name=dev',
    '-c',
    'user.email=dev@example.com',
    'commit',
    '--quiet',
    '-m',
    'checkout service'
  )
})
afterAll(() => sandbox.remove())

function step(name: string, action: string, inputs: Record<string, string>): BundleRun {
  const run = runBundle(action, {
    workspace,
    inputs,
    env: { ...env, GITHUB_SHA: git(workspace, 'rev-parse', 'HEAD').trim() }
  })
  steps[name] = run
  if (run.exitCode !== 0)
    throw new Error(`${name} failed (${run.exitCode}):\n${run.stdout}\n${run.stderr}`)
  return run
}

describe('render → validate → promote → register-catalog, as committed bundles', () => {
  it('renders every environment', () => {
    const render = step('render', 'render-manifests', {
      descriptor: 'examples/checkout/idp.yaml',
      'platform-config': 'examples/platform/platform.yaml',
      image: EXAMPLE_IMAGES
    })
    expect(JSON.parse(render.outputs.environments)).toEqual(['dev', 'staging', 'prod'])
    expect(render.summary).toContain('### Rendered checkout')
  })

  it('validates the first environment with the platform policies and writes SARIF and a PolicyReport', () => {
    const dev = `${steps.render.outputs['output-dir']}/dev`
    const validate = step('validate', 'validate-policy', {
      manifests: dev,
      'platform-config': 'examples/platform/platform.yaml',
      'sarif-file': 'reports/dev.sarif',
      'report-file': 'reports/dev-report.yaml'
    })
    expect(validate.outputs).toMatchObject({
      errors: '0',
      passed: 'true',
      'report-file': 'reports/dev-report.yaml'
    })
    expect(validate.summary).toContain('Policy validation passed')
    const sarif = JSON.parse(readFileSync(join(workspace, 'reports/dev.sarif'), 'utf8'))
    expect(sarif.version).toBe('2.1.0')
    const report = parse(readFileSync(join(workspace, 'reports/dev-report.yaml'), 'utf8'))
    expect(report.kind).toBe('PolicyReport')
    expect(report.results.some((r: { policy: string }) => r.policy === 'require-owner-label')).toBe(
      true
    )
  })

  it('promotes it as one commit whose folder is exactly the rendered set', () => {
    const folder = `${steps.render.outputs['output-dir']}/dev`
    const promote = step('promote', 'promote', {
      manifests: folder,
      environment: 'dev',
      'platform-config': 'examples/platform/platform.yaml'
    })
    expect(promote.outputs.changed).toBe('true')
    expect(promote.outputs['commit-sha']).toBe(tipOf(gitops, 'main'))
    const tree = readTree(gitops, 'main', 'envs/dev/checkout')
    const rendered = JSON.parse(readFileSync(join(workspace, folder, '.idp/render.json'), 'utf8'))
    expect(Object.keys(tree).sort()).toEqual([...rendered.files, '.idp/render.json'].sort())
    expect(tree['application.yaml']).toBe(
      readFileSync(join(workspace, folder, 'application.yaml'), 'utf8')
    )
    const trailers = git(gitops, 'log', '-1', '--format=%(trailers:only,unfold)', 'main')
    expect(trailers).toContain(`Idp-Content-Digest: ${rendered.digest}`)
  })

  it('registers the catalog entities with what now runs in dev', () => {
    const catalog = step('catalog', 'register-catalog', {
      descriptor: 'examples/checkout/idp.yaml',
      'platform-config': 'examples/platform/platform.yaml',
      mode: 'file',
      output: 'catalog/catalog-info.yaml',
      environment: 'dev',
      version: EXAMPLE_IMAGES.split('\n')[0].split('=')[1],
      manifests: `${steps.render.outputs['output-dir']}/dev`,
      'gitops-commit': steps.promote.outputs['commit-sha']
    })
    expect(JSON.parse(catalog.outputs.entities)).toContain('component:default/checkout')
    const text = readFileSync(join(workspace, 'catalog/catalog-info.yaml'), 'utf8')
    expect(text).toContain(steps.promote.outputs['commit-sha'])
    expect(catalog.summary).toContain('mermaid')
  })

  it('a second promotion of the same render changes nothing', () => {
    const again = step('again', 'promote', {
      manifests: `${steps.render.outputs['output-dir']}/dev`,
      environment: 'dev',
      'platform-config': 'examples/platform/platform.yaml'
    })
    expect(again.outputs.changed).toBe('false')
    expect(tipOf(gitops, 'main')).toBe(steps.promote.outputs['commit-sha'])
  })
})
