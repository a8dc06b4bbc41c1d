// Objects hidden inside a List (any apiVersion) or a KubeVela `k8s-objects` component reach the
// cluster like top-level ones: every engine (schemas, guardrails, Kyverno) inspects them, and each
// finding points at the embedded object's own lines.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { silentLogger } from '../runtime/logger.js'
import { validateManifests } from './validate.js'

let root: string
const policy = {
  apiVersion: 'kyverno.io/v1',
  kind: 'ClusterPolicy',
  metadata: { name: 'require-team-label' },
  spec: {
    rules: [
      {
        name: 'team',
        match: { any: [{ resources: { kinds: ['ConfigMap'] } }] },
        validate: {
          failureAction: 'Enforce',
          message: 'ConfigMaps carry a team label.',
          pattern: { metadata: { labels: { team: '?*' } } }
        }
      }
    ]
  }
}
const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'hidden' } }
const badDeployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd' },
  spec: { replicas: 'many', template: { spec: { containers: [] } } }
}
const files: Record<string, string> = {
  'list.yaml': stringify({
    apiVersion: 'example.io/v1',
    kind: 'List',
    items: [configMap, badDeployment]
  }),
  'app.yaml': stringify({
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: { name: 'a' },
    spec: {
      components: [{ name: 'raw', type: 'k8s-objects', properties: { objects: [configMap] } }]
    }
  })
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'idp-embedded-'))
  mkdirSync(join(root, 'm'))
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'm', name), text)
  writeFileSync(join(root, 'policy.yaml'), stringify(policy))
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

const lineOf = (file: string, text: string, nth = 0) =>
  files[file]
    .split('\n')
    .map((l, i) => [l, i + 1] as const)
    .filter(([l]) => l.includes(text))[nth][1]

describe('embedded objects', () => {
  it('are inspected by the schema and Kyverno engines at their own lines', async () => {
    const outcome = await validateManifests(
      {
        workspace: root,
        manifests: ['m'],
        policies: ['policy.yaml'],
        crds: [],
        builtinPolicies: false,
        failOn: 'error',
        annotate: false
      },
      silentLogger
    )
    const problems = outcome.results.problems.map(f => [
      f.source,
      f.resource?.kind,
      `${f.position?.file}:${f.position?.line}`
    ])
    expect(problems).toEqual(
      expect.arrayContaining([
        ['kyverno', 'ConfigMap', `m/list.yaml:${lineOf('list.yaml', 'name: hidden')}`],
        ['kyverno', 'ConfigMap', `m/app.yaml:${lineOf('app.yaml', 'name: hidden')}`],
        ['schema', 'Deployment', `m/list.yaml:${lineOf('list.yaml', 'replicas: many')}`]
      ])
    )
  })
})
