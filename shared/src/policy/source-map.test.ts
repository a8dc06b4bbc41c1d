import { describe, expect, it } from '@jest/globals'
import type { RenderRecord } from '../render/record.js'
import { parseManifestText } from './manifest-documents.js'
import { plainFinding } from './finding.js'
import { findingOn, placeFindings, policyFindingOn, sourcePosition } from './source-map.js'

const record = {
  service: 'checkout',
  environment: 'dev',
  namespace: 'checkout-dev',
  sourceMap: [
    {
      file: 'application.yaml',
      pointer: '/spec/components/0',
      source: { file: 'idp.yaml', line: 8, column: 7 }
    },
    {
      file: 'application.yaml',
      pointer: '/spec/components/0/properties/image',
      source: { file: 'idp.yaml', line: 10, column: 14 }
    },
    {
      file: 'application.yaml',
      pointer: '/metadata/annotations/acme.io~1team',
      source: { file: 'idp.yaml', line: 3, column: 3 }
    }
  ]
} as unknown as RenderRecord

describe('sourcePosition', () => {
  it.each([
    ['/spec/components/0/properties/image', 10],
    ['/spec/components/0/properties/image/extra', 10],
    ['/spec/components/0/properties/ports', 8],
    ['/spec/components/0', 8],
    ['/metadata/annotations/acme.io~1team', 3]
  ])('maps %s to idp.yaml line %i (exact or nearest parent)', (pointer, line) => {
    expect(sourcePosition(record, 'application.yaml', pointer)?.line).toBe(line)
  })

  it('maps nothing above every entry or in files without entries', () => {
    expect(sourcePosition(record, 'application.yaml', '/spec/components/1')).toBeUndefined()
    expect(sourcePosition(record, 'application.yaml', '/spec')).toBeUndefined()
    expect(sourcePosition(record, 'externalsecret-db.yaml', '/spec')).toBeUndefined()
  })
})

describe('findingOn', () => {
  const text =
    'apiVersion: core.oam.dev/v1beta1\nkind: Application\nmetadata:\n  name: checkout\nspec:\n  components:\n    - name: checkout\n      properties:\n        image: nginx\n'
  const base = {
    source: 't',
    policy: 'p',
    rule: 'r',
    result: 'fail',
    severity: 'error',
    message: 'm'
  } as const

  it('places a finding on the idp.yaml line, keeping the rendered line in `manifest`', () => {
    const [m] = parseManifestText(text, 'rendered/dev/application.yaml', {
      record,
      fileInRender: 'application.yaml'
    }).manifests
    const f = findingOn(m, { ...base, pointer: '/spec/components/0/properties/image' })
    expect(f.position).toEqual({ file: 'idp.yaml', line: 10, column: 14 })
    expect(f.manifest).toEqual({
      file: 'rendered/dev/application.yaml',
      line: 9,
      column: 16,
      pointer: '/spec/components/0/properties/image'
    })
    expect(f.environment).toBe('dev')
    expect(f.resource).toEqual({
      apiVersion: 'core.oam.dev/v1beta1',
      kind: 'Application',
      name: 'checkout'
    })
  })

  it('falls back to the manifest line without a render record', () => {
    const [m] = parseManifestText(text, 'app.yaml').manifests
    expect(
      findingOn(m, { ...base, pointer: '/spec/components/0/properties/image' }).position
    ).toEqual({
      file: 'app.yaml',
      line: 9,
      column: 16
    })
  })

  it('places findings an engine returned with only the file and pointer', () => {
    const manifests = parseManifestText(text, 'rendered/dev/application.yaml', {
      record,
      fileInRender: 'application.yaml'
    }).manifests
    const [placed] = placeFindings(
      [
        {
          ...base,
          resource: { apiVersion: 'core.oam.dev/v1beta1', kind: 'Application', name: 'checkout' },
          manifest: {
            file: 'rendered/dev/application.yaml',
            pointer: '/spec/components/0/properties/image'
          }
        }
      ],
      manifests
    )
    expect(placed.position).toEqual({ file: 'idp.yaml', line: 10, column: 14 })
    expect(placed.manifest?.line).toBe(9)
    expect(placed.environment).toBe('dev')
  })
})

describe('policyFindingOn', () => {
  const text =
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - image: nginx\n'
  const facts = { source: 'kyverno', policy: 'p', title: 'T', category: 'C', help: 'H' }

  it('reads as the plain finding findingOn makes, and spreads and serialises as one through plainFinding', () => {
    const [m] = parseManifestText(text, 'pod.yaml', {
      record,
      fileInRender: 'pod.yaml'
    }).manifests
    const fields = {
      ...facts,
      rule: 'r',
      result: 'fail',
      severity: 'error',
      message: 'bad'
    } as const
    const plain = findingOn(m, { ...fields, pointer: '/spec/containers/0/image' })
    const shared = policyFindingOn(
      m,
      facts,
      'r',
      'fail',
      'error',
      'bad',
      '/spec/containers/0/image'
    )
    expect(plainFinding(shared)).toStrictEqual(plain)
    expect(JSON.stringify(shared)).toBe(JSON.stringify(plain))
    expect(Object.keys(plainFinding(shared))).toEqual(Object.keys(plain))
    expect(shared.position).toEqual({ file: 'pod.yaml', line: 7, column: 14 })
    // A plain finding is its own plain form.
    expect(plainFinding(plain)).toBe(plain)
  })

  it('passes of one rule share their outcome; failures keep their own messages', () => {
    const [a, b] = parseManifestText(
      `${text}---\n${text.replace('web', 'api')}`,
      'pods.yaml'
    ).manifests
    const passA = policyFindingOn(a, facts, 'r', 'pass', 'info', 'r: pass', undefined)
    const passB = policyFindingOn(b, facts, 'r', 'pass', 'info', 'r: pass', undefined)
    expect([passA.resource?.name, passB.resource?.name]).toEqual(['web', 'api'])
    expect([passA.message, passB.message, passA.rule, passB.title]).toEqual([
      'r: pass',
      'r: pass',
      'r',
      'T'
    ])
    const failA = policyFindingOn(a, facts, 'r', 'fail', 'error', 'web is bad', '/spec')
    const failB = policyFindingOn(b, facts, 'r', 'fail', 'warning', 'api is bad', '/spec')
    expect([failA.message, failA.severity, failB.message, failB.severity]).toEqual([
      'web is bad',
      'error',
      'api is bad',
      'warning'
    ])
    expect([failA.manifest?.line, failA.position?.line]).toEqual([6, 6])
  })

  it('keeps every failure its own message beyond the messages a rule shares', () => {
    const [m] = parseManifestText(text, 'pod.yaml').manifests
    const own = { ...facts, policy: 'many' }
    const found = Array.from({ length: 2500 }, (_, i) =>
      policyFindingOn(m, own, 'r', 'fail', 'error', `message ${i % 1500}`, '/spec')
    )
    expect(found.map(f => f.message)).toEqual(
      Array.from({ length: 2500 }, (_, i) => `message ${i % 1500}`)
    )
    expect(new Set(found.map(f => `${f.result} ${f.severity} ${f.rule} ${f.policy}`))).toEqual(
      new Set(['fail error r many'])
    )
  })
})
