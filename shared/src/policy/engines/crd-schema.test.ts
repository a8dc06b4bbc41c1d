import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { silentLogger } from '../../runtime/logger.js'
import type { Manifest } from '../engine.js'
import { parseManifestText } from '../manifest-documents.js'
import { CrdSchemaEngine, loadSchemaCatalog } from './crd-schema.js'
import { SchemaCatalog } from './schema-catalog.js'

const one = (object: unknown, file = 'm.yaml'): Manifest =>
  parseManifestText(stringify(object), file).manifests[0]

const WIDGET_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.io' },
  spec: {
    group: 'example.io',
    names: { kind: 'Widget', plural: 'widgets' },
    scope: 'Namespaced',
    versions: [
      { name: 'v1alpha1', served: false, storage: false },
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['size'],
                properties: {
                  size: { type: 'integer', minimum: 1 },
                  source: {
                    type: 'object',
                    properties: { value: { type: 'string' }, secretRef: { type: 'string' } },
                    'x-kubernetes-validations': [
                      {
                        rule: 'has(self.value) != has(self.secretRef)',
                        message: 'exactly one of value or secretRef must be set'
                      },
                      { rule: 'self == oldSelf', message: 'Value is immutable' },
                      {
                        rule: "!has(self.value) || !self.value.startsWith('https:') || isURL(self.value)",
                        message: 'value must be a URL when it starts with https:'
                      }
                    ]
                  },
                  port: { 'x-kubernetes-int-or-string': true },
                  note: { type: 'string', nullable: true },
                  mode: { type: 'string', enum: ['a', 'b'] },
                  extra: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  template: {
                    type: 'object',
                    'x-kubernetes-embedded-resource': true,
                    'x-kubernetes-preserve-unknown-fields': true
                  },
                  tags: {
                    type: 'array',
                    items: { type: 'string' },
                    'x-kubernetes-list-type': 'set'
                  },
                  ports: {
                    type: 'array',
                    'x-kubernetes-list-type': 'map',
                    'x-kubernetes-list-map-keys': ['port', 'protocol'],
                    items: {
                      type: 'object',
                      properties: { port: { type: 'integer' }, protocol: { type: 'string' } }
                    }
                  }
                }
              }
            }
          }
        }
      }
    ]
  }
}

const widget = (spec: Record<string, unknown>, apiVersion = 'example.io/v1') =>
  one({ apiVersion, kind: 'Widget', metadata: { name: 'w', namespace: 'n' }, spec })

async function check(catalog: SchemaCatalog, manifest: Manifest) {
  const findings = await new CrdSchemaEngine(catalog).evaluate([manifest], { logger: silentLogger })
  return findings.map(f => `${f.result} ${f.rule} ${f.manifest?.pointer}: ${f.message}`)
}

describe('CRD schemas with the x-kubernetes extensions', () => {
  const catalog = new SchemaCatalog()
  catalog.add(one(WIDGET_CRD, 'crds/widget.yaml'))

  it('passes a valid object, honouring int-or-string, nullable, preserve-unknown and embedded resources', async () => {
    const ok = widget({
      size: 2,
      source: { secretRef: 's' },
      port: 'http',
      note: null,
      extra: { anything: { goes: true } },
      template: { apiVersion: 'v1', kind: 'ConfigMap', whatever: 1 },
      tags: ['a', 'b'],
      ports: [
        { port: 80, protocol: 'TCP' },
        { port: 80, protocol: 'UDP' }
      ]
    })
    expect(await check(catalog, ok)).toEqual([
      'pass schema : Widget matches its schema (crds/widget.yaml).'
    ])
    expect(await check(catalog, widget({ size: 1, port: 8080 }))).toHaveLength(1)
  })

  it.each([
    [{ port: 1 }, '/spec', "Widget 'w': `spec` is missing the required field `size`."],
    [
      { size: 1, source: { value: 'a', secretRef: 'b' } },
      '/spec/source',
      "Widget 'w': `spec.source`: exactly one of value or secretRef must be set."
    ],
    [
      { size: 1, source: {} },
      '/spec/source',
      "Widget 'w': `spec.source`: exactly one of value or secretRef must be set."
    ],
    [{ size: 0 }, '/spec/size', "Widget 'w': `spec.size` must be >= 1."],
    [
      { size: 1, port: true },
      '/spec/port',
      "Widget 'w': `spec.port` must be of type integer or string."
    ],
    [{ size: 1, note: 3 }, '/spec/note', "Widget 'w': `spec.note` must be of type string or null."],
    [{ size: 1, mode: 'c' }, '/spec/mode', 'Widget \'w\': `spec.mode` must be one of "a", "b".'],
    [
      { size: 1, sise: 1 },
      '/spec/sise',
      "Widget 'w': `spec.sise` is not a field of this kind (unknown fields are rejected)."
    ],
    [
      { size: 1, template: { kind: 'X' } },
      '/spec/template',
      "Widget 'w': `spec.template` is missing the required field `apiVersion`."
    ],
    [{ size: 1, tags: ['a', 'a'] }, '/spec/tags', "Widget 'w': `spec.tags` has duplicate entries."],
    [
      {
        size: 1,
        ports: [
          { port: 80, protocol: 'TCP' },
          { port: 80, protocol: 'TCP' }
        ]
      },
      '/spec/ports',
      "Widget 'w': `spec.ports` has duplicate entries."
    ]
  ])('rejects %j at %s', async (spec, pointer, message) => {
    expect(await check(catalog, widget(spec))).toEqual([`fail schema ${pointer}: ${message}`])
  })

  it('runs rules with the Kubernetes CEL libraries', async () => {
    expect(await check(catalog, widget({ size: 1, source: { value: 'https://x.io/a' } }))).toEqual([
      'pass schema : Widget matches its schema (crds/widget.yaml).'
    ])
    expect(await check(catalog, widget({ size: 1, source: { value: 'https:// x' } }))).toEqual([
      "fail schema /spec/source: Widget 'w': `spec.source`: value must be a URL when it starts with https:."
    ])
  })

  it('checks metadata: labels must be strings', async () => {
    const m = one({
      apiVersion: 'example.io/v1',
      kind: 'Widget',
      metadata: { name: 'w', labels: { v: 1 } },
      spec: { size: 1 }
    })
    expect(await check(catalog, m)).toEqual([
      "fail schema /metadata/labels/v: Widget 'w': `metadata.labels.v` must be of type string."
    ])
  })

  it('says when the CRD does not serve the version, and warns when no schema is known', async () => {
    expect(await check(catalog, widget({ size: 1 }, 'example.io/v1alpha1'))).toEqual([
      'fail api-version /apiVersion: Widget is not served as example.io/v1alpha1; crds/widget.yaml serves v1.'
    ])
    const unknown = one({ apiVersion: 'acme.io/v1', kind: 'Gadget', metadata: { name: 'g' } })
    expect(await check(catalog, unknown)).toEqual([
      'warn no-schema /kind: Not validated: no schema for Gadget (acme.io/v1). Add its CRD to the `crds` input.'
    ])
  })
})

describe('core kinds from kubernetes-models', () => {
  const catalog = new SchemaCatalog()
  it('validates a Deployment and reports the failing field', async () => {
    const deployment = (replicas: unknown, port: unknown) =>
      one({
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'd' },
        spec: {
          replicas,
          selector: { matchLabels: { app: 'd' } },
          template: {
            spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: port }] }] }
          }
        }
      })
    expect(await check(catalog, deployment(2, 8080))).toEqual([
      'pass schema : Deployment matches its schema (kubernetes-models).'
    ])
    expect(await check(catalog, deployment('two', 'http'))).toEqual([
      "fail schema /spec/replicas: Deployment 'd': `spec.replicas` must be of type integer.",
      "fail schema /spec/template/spec/containers/0/ports/0/containerPort: Deployment 'd': `spec.template.spec.containers.0.ports.0.containerPort` must be of type integer."
    ])
  })

  it.each(['Service', 'ConfigMap', 'Secret', 'Job', 'CronJob', 'Ingress'])('knows %s', kind => {
    const apiVersion = {
      Service: 'v1',
      ConfigMap: 'v1',
      Secret: 'v1',
      Job: 'batch/v1',
      CronJob: 'batch/v1',
      Ingress: 'networking.k8s.io/v1'
    }[kind]!
    expect(catalog.lookup(apiVersion, kind)?.origin).toBe('kubernetes-models')
  })

  it('knows the scope of core and custom kinds', () => {
    catalog.add(one({ ...WIDGET_CRD, spec: { ...WIDGET_CRD.spec, scope: 'Cluster' } }))
    expect(catalog.scopeOf('v1', 'Namespace')).toBe('Cluster')
    expect(catalog.scopeOf('v1', 'ConfigMap')).toBe('Namespaced')
    expect(catalog.scopeOf('example.io/v1', 'Widget')).toBe('Cluster')
    expect(catalog.scopeOf('acme.io/v1', 'Gadget')).toBeUndefined()
  })
})

/** The widget CRD with other rules on `spec.source`. */
function widgetCrdWithRules(rules: unknown[]) {
  const crd = structuredClone(WIDGET_CRD) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  crd.spec.versions[1].schema.openAPIV3Schema.properties.spec.properties.source[
    'x-kubernetes-validations'
  ] = rules
  return crd
}

describe('x-kubernetes-validations fail closed', () => {
  const withCrd = async (rules: unknown[], spec: Record<string, unknown>) => {
    const dir = mkdtempSync(join(tmpdir(), 'idp-crd-cel-'))
    try {
      writeFileSync(join(dir, 'widget.yaml'), stringify(widgetCrdWithRules(rules)))
      const { catalog, findings } = loadSchemaCatalog(['widget.yaml'], dir, silentLogger)
      return {
        crd: findings.map(
          f =>
            `${f.result} ${f.position?.file}:${f.position?.line} ${f.manifest?.pointer}: ${f.message}`
        ),
        manifest: await check(catalog, widget(spec))
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }

  it.each([
    ['has(self.value) &&', 'Unexpected token'],
    ['self.value.isURL()', "found no matching overload for 'dyn.isURL()'"],
    ['nope(self)', "found no matching overload for 'nope(dyn)'"]
  ])(
    'a rule that does not compile (%s) is a finding on the CRD file, and the kind fails',
    async (rule, reason) => {
      const { crd, manifest } = await withCrd([{ rule }], { size: 1, source: { value: 'a' } })
      const pointer =
        '/spec/versions/1/schema/openAPIV3Schema/properties/spec/properties/source/x-kubernetes-validations/0/rule'
      expect(crd).toHaveLength(1)
      expect(crd[0]).toMatch(new RegExp(`^fail widget\\.yaml:\\d+ ${pointer}: `))
      expect(crd[0]).toContain(`\`${rule}\` does not compile`)
      expect(crd[0]).toContain(reason)
      expect(Number(crd[0].split(':')[1].split(' ')[0])).toBeGreaterThan(20)
      expect(manifest).toHaveLength(1)
      expect(manifest[0]).toMatch(
        /^fail schema : Widget 'w': the object cannot be checked: the schema in widget\.yaml is not valid/
      )
      expect(manifest[0]).toContain(rule)
    }
  )

  it('a rule that cannot be evaluated fails the manifest, as the API server rejects it', async () => {
    const { crd, manifest } = await withCrd([{ rule: "self.value == 'a'" }], {
      size: 1,
      source: { secretRef: 's' }
    })
    expect(crd).toEqual([])
    expect(manifest).toEqual([
      "fail schema /spec/source: Widget 'w': `spec.source`: the rule `self.value == 'a'` cannot be evaluated (No such key: value); the API server rejects the object."
    ])
  })

  it('rules see the schema defaults, applied first as the API server does', async () => {
    const crd = widgetCrdWithRules([])
    const source = crd.spec.versions[1].schema.openAPIV3Schema.properties.spec.properties.source
    source.properties.kind = { type: 'string', default: 'inline' }
    source['x-kubernetes-validations'] = [
      {
        rule: "self.kind == 'inline' || has(self.secretRef)",
        message: 'a reference needs secretRef'
      }
    ]
    const catalog = new SchemaCatalog()
    catalog.add(one(crd, 'crds/widget.yaml'))
    const manifest = widget({ size: 1, source: { value: 'x' } })
    expect(await check(catalog, manifest)).toEqual([
      'pass schema : Widget matches its schema (crds/widget.yaml).'
    ])
    // The manifest itself is left as written.
    expect((manifest.object.spec as { source: object }).source).toEqual({ value: 'x' })
    expect(await check(catalog, widget({ size: 1, source: { kind: 'ref' } }))).toEqual([
      "fail schema /spec/source: Widget 'w': `spec.source`: a reference needs secretRef."
    ])
  })

  it('a rule that does not evaluate to a bool fails the manifest', async () => {
    const { manifest } = await withCrd([{ rule: 'self.value' }], {
      size: 1,
      source: { value: 'x' }
    })
    expect(manifest).toEqual([
      "fail schema /spec/source: Widget 'w': `spec.source`: the rule `self.value` cannot be evaluated (it gave string, not a bool); the API server rejects the object."
    ])
  })

  it('a validation entry without a rule string is a finding on the CRD file', async () => {
    const { crd, manifest } = await withCrd([{ message: 'no rule' }], { size: 1 })
    expect(crd).toHaveLength(1)
    expect(crd[0]).toContain('has no `rule`')
    expect(manifest[0]).toMatch(/^fail schema : /)
  })
})
