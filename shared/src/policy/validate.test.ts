import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { RecordingLogger, silentLogger } from '../runtime/logger.js'
import type { ValidateSettings } from './validate.js'
import { validateManifests } from './validate.js'

const PLATFORM = {
  apiVersion: 'idp.dev/v1alpha1',
  kind: 'Platform',
  metadata: { name: 'acme' },
  spec: {
    environments: [
      {
        name: 'dev',
        namespace: '{service}-dev',
        secretStores: { vault: { name: 'vault-dev', kind: 'ClusterSecretStore' } }
      },
      { name: 'staging', namespace: '{service}-staging', secretStores: {} }
    ],
    registries: ['ghcr.io/acme/']
  }
}

const configMap = (name: string, namespace: string) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace, labels: { 'idp.dev/owner': 'team' } }
})

let root: string
const base = (extra: Partial<ValidateSettings> = {}): ValidateSettings => ({
  workspace: root,
  manifests: ['rendered'],
  policies: [],
  crds: [],
  builtinPolicies: true,
  failOn: 'error',
  annotate: true,
  ...extra
})

function writeService(service: string, objects: unknown[]): void {
  const dir = join(root, 'rendered', service, 'dev')
  mkdirSync(join(dir, '.idp'), { recursive: true })
  writeFileSync(join(dir, 'resources.yaml'), objects.map(o => stringify(o)).join('---\n'))
  writeFileSync(
    join(dir, '.idp/render.json'),
    JSON.stringify({ service, environment: 'dev', namespace: `${service}-dev`, sourceMap: [] })
  )
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'idp-validate-'))
  writeFileSync(join(root, 'platform.yaml'), stringify(PLATFORM))
  writeService('a', [configMap('a', 'a-dev')])
  writeService('b', [configMap('b', 'b-dev')])
  mkdirSync(join(root, 'loose'))
  writeFileSync(
    join(root, 'loose/secret.yaml'),
    stringify({ ...configMap('s', 'x'), kind: 'Secret' })
  )
  mkdirSync(join(root, 'policies'))
  writeFileSync(
    join(root, 'policies/no-latest.yaml'),
    stringify({
      apiVersion: 'kyverno.io/v1',
      kind: 'ClusterPolicy',
      metadata: { name: 'require-team-label' },
      spec: {
        validationFailureAction: 'Enforce',
        rules: [
          {
            name: 'team',
            match: { any: [{ resources: { kinds: ['ConfigMap'] } }] },
            validate: {
              message: 'ConfigMaps carry a team label.',
              pattern: { metadata: { labels: { team: '?*' } } }
            }
          }
        ]
      }
    })
  )
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('validateManifests', () => {
  it("checks each rendered service against its own environment's namespace", async () => {
    const outcome = await validateManifests(base({ platformConfig: 'platform.yaml' }), silentLogger)
    expect(outcome.results.errors).toBe(0)
    expect(outcome.environments).toEqual(['dev'])
    const namespaceResults = outcome.results.findings.filter(f => f.rule === 'namespace')
    expect(namespaceResults.map(f => [f.resource?.name, f.result])).toEqual([
      ['a', 'pass'],
      ['b', 'pass']
    ])
  })

  it('checks rendered folders as the environment the input names, and says so', async () => {
    const logger = new RecordingLogger()
    const outcome = await validateManifests(
      base({ platformConfig: 'platform.yaml', environment: 'staging' }),
      logger
    )
    expect(logger.text()).toContain(
      "Input 'environment' is 'staging', but rendered/a/dev/resources.yaml was rendered for 'dev'"
    )
    expect(outcome.results.problems.map(f => [f.rule, f.message])).toEqual([
      ['namespace', "Namespace 'a-dev' is not the environment's namespace 'a-staging'."],
      ['namespace', "Namespace 'b-dev' is not the environment's namespace 'b-staging'."]
    ])
    await expect(
      validateManifests(base({ platformConfig: 'platform.yaml', environment: 'prod' }), logger)
    ).rejects.toThrow("Environment 'prod' is not defined in the platform config.")
  })

  it('keeps the guardrails on when a platform config is given, whatever builtin-policies says', async () => {
    const logger = new RecordingLogger()
    const off = await validateManifests(
      base({ manifests: ['loose'], builtinPolicies: false }),
      logger
    )
    expect(off.results.findings.filter(f => f.source === 'guardrail')).toEqual([])
    const platform = await validateManifests(
      base({
        manifests: ['loose'],
        builtinPolicies: false,
        platformConfig: 'platform.yaml',
        environment: 'dev'
      }),
      logger
    )
    // Namespace 'x' is no namespace the platform's pattern '{service}-dev' gives.
    expect(platform.results.problems.map(f => `${f.policy}/${f.rule}`)).toEqual([
      'guardrails/no-plain-secret',
      'guardrails/namespace'
    ])
    expect(logger.text()).toContain('builtin-policies: false is ignored')
  })

  it('applies Kyverno policies from the input and writes the reports it is asked for', async () => {
    const outcome = await validateManifests(
      base({ policies: ['policies'], reportFile: 'out/report.json', sarifFile: 'out/idp.sarif' }),
      silentLogger
    )
    expect(outcome.results.problems.map(f => [f.source, f.policy, f.resource?.name])).toEqual([
      ['kyverno', 'require-team-label', 'a'],
      ['kyverno', 'require-team-label', 'b']
    ])
    expect(outcome.reportFile).toBe('out/report.json')
    const report = JSON.parse(readFileSync(join(root, 'out/report.json'), 'utf8'))
    expect(report.summary.fail).toBe(2)
    expect(report.results.length).toBe(outcome.results.findings.length)
    const sarif = JSON.parse(readFileSync(join(root, 'out/idp.sarif'), 'utf8'))
    expect(sarif.runs[0].results).toHaveLength(2)
  })

  it("names the platform config's line when its spec.policies points nowhere", async () => {
    writeFileSync(
      join(root, 'platform-bad.yaml'),
      stringify({ ...PLATFORM, spec: { ...PLATFORM.spec, policies: ['nope/'] } })
    )
    await expect(
      validateManifests(base({ platformConfig: 'platform-bad.yaml' }), silentLogger)
    ).rejects.toThrow(
      /^platform-bad\.yaml:\d+:\d+: The platform config's spec\.policies names 'nope\/', which matches no file\./
    )
  })

  it('validates custom kinds against the CRDs the platform config lists in spec.crds', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.acme.io' },
      spec: {
        group: 'acme.io',
        scope: 'Namespaced',
        names: { kind: 'Widget', plural: 'widgets' },
        versions: [
          {
            name: 'v1',
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: 'object',
                properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } }
              }
            }
          }
        ]
      }
    }
    mkdirSync(join(root, 'platform-crds/crds'), { recursive: true })
    writeFileSync(join(root, 'platform-crds/crds/widget.yaml'), stringify(crd))
    writeFileSync(
      join(root, 'platform-crds/platform.yaml'),
      stringify({ ...PLATFORM, spec: { ...PLATFORM.spec, crds: ['crds/'] } })
    )
    mkdirSync(join(root, 'widgets'))
    const widget = {
      apiVersion: 'acme.io/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'a-dev' }
    }
    writeFileSync(join(root, 'widgets/w.yaml'), stringify({ ...widget, spec: { size: 'big' } }))
    const withCrds = await validateManifests(
      base({
        manifests: ['widgets'],
        environment: 'dev',
        platformConfig: 'platform-crds/platform.yaml'
      }),
      silentLogger
    )
    const schema = withCrds.results.findings.filter(
      f => f.policy === 'crd-schema' && f.result !== 'pass'
    )
    expect(schema.map(f => f.rule)).toEqual(['schema'])
    expect(schema[0].message).toContain('spec.size')
    const without = await validateManifests(
      base({ manifests: ['widgets'], environment: 'dev', platformConfig: 'platform.yaml' }),
      silentLogger
    )
    expect(
      without.results.findings
        .filter(f => f.policy === 'crd-schema' && f.result !== 'pass')
        .map(f => f.rule)
    ).toEqual(['no-schema'])
  })
})
