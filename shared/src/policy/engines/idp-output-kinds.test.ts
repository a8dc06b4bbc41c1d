import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { renderText, repoRoot } from '../../render/render-fixture.js'
import { EXAMPLE_IMAGES } from '../../render/testing.js'
import { parseManifestText } from '../manifest-documents.js'
import { SchemaCatalog } from './schema-catalog.js'

// Schemas ship with idp: every kind idp renders is validated with no `crds` input.

const rendered = renderText(
  readFileSync(join(repoRoot, 'examples/checkout/idp.yaml'), 'utf8')
    .replace('docs: ./docs', '')
    .replace('definition: ./openapi.yaml', 'definition: ./x.yaml'),
  EXAMPLE_IMAGES
)
const manifests = rendered.flatMap(env =>
  [...env.files]
    .filter(([name]) => name.endsWith('.yaml') && name !== 'kustomization.yaml')
    .flatMap(([name, text]) => parseManifestText(text, `${env.environment}/${name}`).manifests)
)

describe('the schema catalog without crds', () => {
  const catalog = new SchemaCatalog()

  it.each(
    manifests
      // Crossplane claims and XRs are the platform's kinds: their schema is its XRD.
      .filter(m => !String(m.object.apiVersion).includes('upbound.io'))
      .map(m => [`${m.file} (${String(m.object.kind)})`, m] as const)
  )('knows and accepts %s', (_name, manifest) => {
    const schema = catalog.lookup(String(manifest.object.apiVersion), String(manifest.object.kind))
    expect(schema).toBeDefined()
    expect(schema!.validate(manifest.object)).toEqual([])
  })

  it.each([
    ['external-secrets.io/v1', 'SecretStore'],
    ['external-secrets.io/v1', 'ClusterSecretStore'],
    ['bitnami.com/v1alpha1', 'SealedSecret'],
    ['core.oam.dev/v1beta1', 'Application'],
    ['external-secrets.io/v1', 'ExternalSecret']
  ])('has a schema for %s %s', (apiVersion, kind) => {
    expect(catalog.lookup(apiVersion, kind)?.origin).toMatch(/^(idp|@kubernetes-models)/)
  })

  it('refuses what the upstream CRDs refuse', () => {
    const application = manifests.find(m => m.object.kind === 'Application')!.object
    const app = catalog.lookup('core.oam.dev/v1beta1', 'Application')!
    const spec = application.spec as Record<string, unknown>
    expect(app.validate({ ...application, spec: { ...spec, component: [] } })).toEqual([
      expect.objectContaining({ pointer: '/spec/component' })
    ])
    const es = manifests.find(m => m.object.kind === 'ExternalSecret')!.object
    const externalSecret = catalog.lookup('external-secrets.io/v1', 'ExternalSecret')!
    const esSpec = es.spec as Record<string, Record<string, unknown>>
    const broken = {
      ...es,
      spec: { ...esSpec, target: { ...esSpec.target, creationPolicy: 'Sometimes' } }
    }
    expect(externalSecret.validate(broken).map(v => v.pointer)).toEqual([
      '/spec/target/creationPolicy'
    ])
    const sealed = catalog.lookup('bitnami.com/v1alpha1', 'SealedSecret')!
    const good = {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 'a', namespace: 'b' },
      spec: { encryptedData: { password: 'AgB=' }, template: { metadata: { name: 'a' } } }
    }
    expect(sealed.validate(good)).toEqual([])
    expect(sealed.validate({ ...good, spec: { encryptedData: ['AgB='] } }).length).toBeGreaterThan(
      0
    )
  })

  it('a CRD given as input replaces the built-in schema of its kind', () => {
    const withInput = new SchemaCatalog()
    const crd = parseManifestText(
      [
        'apiVersion: apiextensions.k8s.io/v1',
        'kind: CustomResourceDefinition',
        'metadata: { name: applications.core.oam.dev }',
        'spec:',
        '  group: core.oam.dev',
        '  names: { kind: Application, plural: applications }',
        '  scope: Namespaced',
        '  versions:',
        '    - name: v1beta1',
        '      served: true',
        '      storage: true',
        '      schema:',
        '        openAPIV3Schema:',
        '          type: object',
        '          properties: { spec: { type: object, required: [onlyInThisCluster] } }',
        ''
      ].join('\n'),
      'cluster-crds/applications.yaml'
    ).manifests[0]
    withInput.add(crd)
    const schema = withInput.lookup('core.oam.dev/v1beta1', 'Application')!
    expect(schema.origin).toBe('cluster-crds/applications.yaml')
    const application = manifests.find(m => m.object.kind === 'Application')!.object
    expect(schema.validate(application).length).toBeGreaterThan(0)
  })
})
