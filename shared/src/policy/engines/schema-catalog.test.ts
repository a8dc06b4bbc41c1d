import { describe, expect, it } from '@jest/globals'
import { parseManifestText } from '../manifests.js'
import { SchemaCatalog } from './schema-catalog.js'

// A CRD is input like any manifest: a schema ajv cannot compile (a wrong type, an unresolvable $ref, a
// negative maxLength, a list where a map belongs) means the kind cannot be checked, which is a failed
// check on the manifest naming the CRD file, not an internal error that stops validation.

const crd = (schema: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: { name: widgets.acme.io }
spec:
  group: acme.io
  names: { kind: Widget, plural: widgets }
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: ${schema}
`
const WIDGET = {
  apiVersion: 'acme.io/v1',
  kind: 'Widget',
  metadata: { name: 'w' },
  spec: { size: 3 }
}

function catalogWith(schema: string): SchemaCatalog {
  const catalog = new SchemaCatalog({ core: false })
  const { manifests } = parseManifestText(crd(schema), 'crds/widget.yaml')
  expect(catalog.add(manifests[0])).toBe(true)
  return catalog
}

describe('SchemaCatalog with a broken CRD schema', () => {
  it.each([
    ['a type that is a number', '{ type: object, properties: { spec: { type: 5 } } }'],
    ['an unresolvable $ref', "{ type: object, properties: { spec: { $ref: '#/nope' } } }"],
    [
      'a text minimum',
      "{ type: object, properties: { spec: { type: object, properties: { size: { type: integer, minimum: 'x' } } } } }"
    ],
    [
      'a negative maxLength',
      '{ type: object, properties: { spec: { type: string, maxLength: -1 } } }'
    ],
    [
      'an enum that is not a list',
      '{ type: object, properties: { spec: { type: object, properties: { size: { enum: 5 } } } } }'
    ],
    ['an allOf that is not a list', '{ type: object, properties: { spec: { allOf: 5 } } }']
  ])('reports %s as a violation naming the CRD file', (_name, schema) => {
    const kind = catalogWith(schema).lookup('acme.io/v1', 'Widget')!
    const first = kind.validate(WIDGET)
    expect(first).toEqual([
      { pointer: '', message: expect.stringContaining('cannot be checked') as unknown as string }
    ])
    expect(first[0].message).toContain('crds/widget.yaml')
    // The same answer again (the failure is remembered, not recompiled into another error).
    expect(kind.validate(WIDGET)).toEqual(first)
  })

  it('still validates with a good schema', () => {
    const kind = catalogWith(
      '{ type: object, properties: { spec: { type: object, properties: { size: { type: integer, maximum: 2 } } } } }'
    ).lookup('acme.io/v1', 'Widget')!
    expect(kind.validate(WIDGET).map(v => v.pointer)).toEqual(['/spec/size'])
  })
})
