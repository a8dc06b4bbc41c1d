import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'
import { SchemaCatalog } from '../policy/engines/schema-catalog.js'
import { renderBootstrap } from './bootstrap.js'
import { loadTestPlatform, objectsOf, TEST_PLATFORM } from './testing.js'

// The bootstrap output against the real CRDs Argo CD v3.5.1 and Flux kustomize-controller v1.9.4 ship
// (../shared/schemas), through idp's own CRD validator: a field the API server would refuse fails here.

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const schemas = join(root, '../shared/schemas')
const CRDS = [
  'argo-cd/appproject-crd.yaml',
  'argo-cd/applicationset-crd.yaml',
  'argo-cd/application-crd.yaml',
  'flux/kustomize.toolkit.fluxcd.io_kustomizations.yaml'
]

function catalogWithUpstreamCrds(): SchemaCatalog {
  const catalog = new SchemaCatalog()
  for (const file of CRDS)
    for (const doc of parseAllDocuments(readFileSync(join(schemas, file), 'utf8'))) {
      const object = doc.toJS() as Record<string, unknown>
      expect(
        catalog.add({ file, documentIndex: 0, object, positionOf: () => ({ line: 1, column: 1 }) })
      ).toBe(true)
    }
  return catalog
}

describe('platform bootstrap output ↔ upstream Argo CD and Flux CRDs', () => {
  const catalog = catalogWithUpstreamCrds()
  const output = objectsOf(
    renderBootstrap(loadTestPlatform(TEST_PLATFORM), 'https://github.com').files
  )

  it('validates every object against its schema, the Argo CD and Flux kinds included', () => {
    const kinds = new Set<string>()
    for (const { file, object } of output) {
      const schema = catalog.lookup(String(object.apiVersion), String(object.kind))
      expect([file, object.kind, schema ? 'known' : 'no schema']).toEqual([
        file,
        object.kind,
        'known'
      ])
      expect([file, object.kind, schema!.validate(object)]).toEqual([file, object.kind, []])
      kinds.add(String(object.kind))
    }
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining(['AppProject', 'ApplicationSet', 'Kustomization', 'Namespace'])
    )
  })

  it('the ApplicationSet template is a valid Application spec once the generator fills it', () => {
    const set = output.find(o => o.object.kind === 'ApplicationSet')!.object as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
    const filled = JSON.parse(
      JSON.stringify(set.spec.template)
        .replace(/\{\{index \.path\.segments 2\}\}/g, 'checkout')
        .replace('{{.values.project}}', 'team-shop-dev')
        .replace('{{.path.path}}', 'envs/dev/checkout')
    )
    const application = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { ...filled.metadata, namespace: 'argocd' },
      spec: filled.spec
    }
    expect(catalog.lookup('argoproj.io/v1alpha1', 'Application')!.validate(application)).toEqual([])
  })

  it('a wrongly typed or unknown field is refused (the validator is not blind)', () => {
    const project = output.find(o => o.object.kind === 'AppProject')!.object
    const broken = {
      ...project,
      spec: { ...(project.spec as object), clusterResourceWhitelist: 'none' }
    }
    expect(catalog.lookup('argoproj.io/v1alpha1', 'AppProject')!.validate(broken)).not.toEqual([])
    const unknown = { ...project, spec: { ...(project.spec as object), createNamespace: true } }
    expect(catalog.lookup('argoproj.io/v1alpha1', 'AppProject')!.validate(unknown)).not.toEqual([])
  })
})
