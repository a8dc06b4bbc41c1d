import { describe, expect, it } from '@jest/globals'
import { parseManifestText } from '../manifest-documents.js'
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

describe('SchemaCatalog with a malformed CRD or XRD', () => {
  const xrd = (spec: string) =>
    `apiVersion: apiextensions.crossplane.io/v1\nkind: CompositeResourceDefinition\nmetadata: { name: xwidgets.acme.io }\nspec: ${spec}\n`
  const crdSpec = (spec: string) =>
    `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: { name: widgets.acme.io }\nspec: ${spec}\n`
  it.each([
    ['an XRD whose spec is a number', xrd('5')],
    ['an XRD whose versions are a number', xrd('{ group: acme.io, names: 5, versions: 5 }')],
    [
      'an XRD with null and number versions',
      xrd(
        '{ group: acme.io, names: { kind: XWidget }, claimNames: 5, versions: [null, 5, { name: v1, schema: 5 }] }'
      )
    ],
    [
      'a CRD whose versions are a number',
      crdSpec('{ group: acme.io, names: { kind: Widget }, versions: 5 }')
    ],
    [
      'a CRD with null and number versions',
      crdSpec(
        '{ group: acme.io, names: { kind: Widget }, versions: [null, 5, { name: v1, schema: 5 }] }'
      )
    ]
  ])('reads %s without failing', (_name, text) => {
    const catalog = new SchemaCatalog({ core: false })
    const { manifests } = parseManifestText(text, 'crds/broken.yaml')
    expect(() => catalog.add(manifests[0])).not.toThrow()
    for (const kind of ['XWidget', 'Widget']) {
      const schema = catalog.lookup('acme.io/v1', kind)
      if (schema) expect(() => schema.validate(WIDGET)).not.toThrow()
    }
  })

  it('fails the manifests of a CRD version whose schema is not a mapping', () => {
    const catalog = new SchemaCatalog({ core: false })
    const text = crdSpec(
      '{ group: acme.io, names: { kind: Widget }, versions: [{ name: v1, served: true, schema: { openAPIV3Schema: 5 } }] }'
    )
    catalog.add(parseManifestText(text, 'crds/broken.yaml').manifests[0])
    expect(catalog.lookup('acme.io/v1', 'Widget')!.validate(WIDGET)[0].message).toContain(
      'cannot be checked'
    )
  })
})
