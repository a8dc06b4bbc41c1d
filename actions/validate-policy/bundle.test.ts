// End to end: the example rendered with a planted violation in idp.yaml, validated by the committed
// bundle run as the runner runs it (Node 24, INPUT_*), and the annotation found on the idp.yaml line.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { renderManifests } from '../../shared/src/render/index.js'
import { silentLogger } from '../../shared/src/runtime/logger.js'
import { haveNode24, repoRoot, runBundle } from '../../test/run-bundle.js'

const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4)
const IMAGES = [
  `checkout=ghcr.io/acme/checkout@${DIGEST}`,
  `checkout-worker=ghcr.io/acme/checkout-worker@${DIGEST}`,
  `nightly-report=ghcr.io/acme/checkout-report@${DIGEST}`
].join('\n')

// A platform policy the Kyverno engine applies from the platform config's spec.policies.
const POLICY = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: require-part-of
  annotations:
    policies.kyverno.io/title: Require part-of
spec:
  validationFailureAction: Enforce
  rules:
    - name: part-of-label
      match:
        any:
          - resources:
              kinds: [Application]
      validate:
        message: Applications name their system in app.kubernetes.io/part-of.
        pattern:
          metadata:
            labels:
              app.kubernetes.io/part-of: '?*'
`

let workspace: string

beforeAll(async () => {
  workspace = mkdtempSync(join(tmpdir(), 'idp-validate-policy-'))
  cpSync(join(repoRoot, 'examples/checkout'), join(workspace, 'checkout'), { recursive: true })
  const platform = parse(readFileSync(join(repoRoot, 'examples/platform/platform.yaml'), 'utf8'))
  platform.spec.policies = ['policies/']
  mkdirSync(join(workspace, 'platform/policies'), { recursive: true })
  writeFileSync(join(workspace, 'platform/platform.yaml'), stringify(platform))
  writeFileSync(join(workspace, 'platform/policies/require-part-of.yaml'), POLICY)
})
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

/** The example descriptor with one line replaced; returns its path and the 1-based line changed. */
function plant(name: string, find: string, replace: string): { file: string; line: number } {
  const text = readFileSync(join(workspace, 'checkout/idp.yaml'), 'utf8')
  expect(text).toContain(find)
  const changed = text.replace(find, replace)
  writeFileSync(join(workspace, `checkout/${name}.yaml`), changed)
  return {
    file: `checkout/${name}.yaml`,
    line: changed.split('\n').findIndex(l => l.includes(replace.trim())) + 1
  }
}

async function render(descriptor: string, outputDir: string, environment = 'dev', image = IMAGES) {
  await renderManifests(
    {
      descriptor,
      platformConfig: 'platform/platform.yaml',
      environment,
      image,
      outputDir,
      workspace,
      source: { repository: 'acme/checkout', commit: 'a'.repeat(40) } as never
    },
    silentLogger
  )
}

describe.each(haveNode24() ? ['validate-policy'] : [])('%s bundle', action => {
  it('passes the example as rendered, with every output and a PolicyReport of every result', async () => {
    await render('checkout/idp.yaml', 'rendered', 'all')
    const run = runBundle(action, {
      inputs: {
        manifests: 'rendered',
        'platform-config': 'platform/platform.yaml',
        'report-file': 'out/report.yaml',
        'sarif-file': 'out/idp.sarif'
      },
      workspace
    })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(run.outputs).toMatchObject({
      errors: '0',
      passed: 'true',
      'report-file': 'out/report.yaml',
      'sarif-file': 'out/idp.sarif'
    })
    // Without `crds`, idp's own kinds (Application, ExternalSecret) are validated with the schemas idp
    // ships; only the platform's Crossplane kinds (SQLInstance, its XRD) are not, and say so: 2 per
    // environment.
    expect(run.outputs.warnings).toBe('6')
    const warnings = run.annotations.filter(a => a.level === 'warning')
    expect(new Set(warnings.map(a => a.properties.title))).toEqual(
      new Set(['crd-schema/no-schema'])
    )
    expect(warnings.every(a => a.message.includes('SQLInstance'))).toBe(true)
    expect(warnings).toHaveLength(6)
    expect(run.annotations.filter(a => a.level === 'notice')).toEqual([])
    expect(run.annotations.filter(a => a.level === 'error')).toEqual([])
    const report = parse(readFileSync(join(workspace, 'out/report.yaml'), 'utf8'))
    expect(report.kind).toBe('PolicyReport')
    expect(report.summary.pass).toBeGreaterThan(50)
    expect(report.results).toHaveLength(
      Object.values(report.summary as Record<string, number>).reduce((a, b) => a + b, 0)
    )
    // The platform's Kyverno policy ran on each environment's Application.
    expect(
      report.results.filter((r: { policy: string }) => r.policy === 'require-part-of')
    ).toHaveLength(3)
    expect(run.summary).toContain('Policy validation passed')
  })

  it('annotates a disallowed registry planted in idp.yaml on that idp.yaml line', async () => {
    const planted = plant(
      'bad-registry',
      'image: ghcr.io/acme/checkout # tag',
      'image: docker.io/acme/checkout:1.2.3 # tag'
    )
    await render(planted.file, 'rendered-bad', 'dev', IMAGES.split('\n').slice(1).join('\n'))
    const run = runBundle(action, {
      inputs: { manifests: 'rendered-bad', 'platform-config': 'platform/platform.yaml' },
      workspace
    })
    expect(run.exitCode).toBe(1)
    expect(run.outputs.passed).toBe('false')
    expect(run.outputs.errors).toBe('1')
    const errors = run.annotations.filter(a => a.level === 'error' && a.properties.file)
    expect(
      errors.map(a => [a.properties.file, a.properties.line, a.properties.col, a.properties.title])
    ).toEqual([[planted.file, String(planted.line), '14', 'guardrails/image-registry']])
    expect(errors[0].message).toContain(
      "Image 'docker.io/acme/checkout:1.2.3' is not from an allowed registry"
    )
    expect(errors[0].message).toContain('rendered rendered-bad/dev/application.yaml:')
    expect(errors[0].message).toContain('(/spec/components/0/properties/image)')
    expect(run.stdout).toContain('::error::Policy validation failed (fail-on: error): 1 error')
  })

  it('annotates a plain Secret in extra manifests on its own line, and fail-on never passes the step', () => {
    mkdirSync(join(workspace, 'extra'), { recursive: true })
    writeFileSync(
      join(workspace, 'extra/secret.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ok, namespace: checkout-dev, labels: { idp.dev/owner: team-payments } }\n---\napiVersion: v1\nkind: Secret\nmetadata: { name: db, namespace: checkout-dev, labels: { idp.dev/owner: team-payments } }\nstringData: { password: hunter2 }\n'
    )
    const run = runBundle(action, {
      inputs: {
        manifests: 'extra/*.yaml',
        'platform-config': 'platform/platform.yaml',
        environment: 'dev',
        'fail-on': 'never'
      },
      workspace
    })
    expect(run.exitCode).toBe(0)
    expect(run.outputs.passed).toBe('true')
    const errors = run.annotations.filter(a => a.level === 'error' && a.properties.file)
    expect(errors.map(a => [a.properties.file, a.properties.line, a.properties.title])).toEqual([
      ['extra/secret.yaml', '6', 'guardrails/no-plain-secret']
    ])
  })

  it('reports bad YAML on its line and a missing input path as one clear message, without a stack trace', () => {
    writeFileSync(
      join(workspace, 'extra/broken.yml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: [x\n'
    )
    const bad = runBundle(action, {
      inputs: { manifests: 'extra/broken.yml', environment: 'dev' },
      workspace
    })
    expect(bad.exitCode).toBe(1)
    expect(bad.annotations.find(a => a.level === 'error')?.properties).toMatchObject({
      file: 'extra/broken.yml',
      line: '4',
      title: 'manifest-syntax/yaml'
    })
    const missing = runBundle(action, { inputs: { manifests: 'nowhere/' }, workspace })
    expect(missing.exitCode).toBe(1)
    expect(missing.stdout).toContain(
      "::error::Input 'manifests' names 'nowhere/', which matches no file."
    )
    expect(missing.stdout + missing.stderr).not.toMatch(/\n\s+at /)
  })
})
