import { describe, expect, it } from '@jest/globals'
import { stringify } from 'yaml'
import { silentLogger } from '../../runtime/logger.js'
import type { Manifest } from '../engine.js'
import { parseManifestText } from '../manifest-documents.js'
import { CrdSchemaEngine } from './crd-schema.js'
import { SchemaCatalog } from './schema-catalog.js'

const one = (object: unknown, file = 'm.yaml'): Manifest =>
  parseManifestText(stringify(object), file).manifests[0]

const PARAMETERS = {
  type: 'object',
  properties: {
    spec: {
      type: 'object',
      required: ['parameters'],
      properties: {
        parameters: {
          type: 'object',
          required: ['storageGB'],
          properties: { storageGB: { type: 'integer' }, region: { type: 'string' } }
        }
      }
    }
  }
}
const version = {
  name: 'v1alpha1',
  served: true,
  referenceable: true,
  schema: { openAPIV3Schema: PARAMETERS }
}

const V1_XRD = {
  apiVersion: 'apiextensions.crossplane.io/v1',
  kind: 'CompositeResourceDefinition',
  metadata: { name: 'xsqlinstances.v1.example.io' },
  spec: {
    group: 'v1.example.io',
    names: { kind: 'XSQLInstance', plural: 'xsqlinstances' },
    claimNames: { kind: 'SQLInstance', plural: 'sqlinstances' },
    connectionSecretKeys: ['host'],
    versions: [version]
  }
}
const V2_XRD = {
  apiVersion: 'apiextensions.crossplane.io/v2',
  kind: 'CompositeResourceDefinition',
  metadata: { name: 'sqlinstances.v2.example.io' },
  spec: {
    group: 'v2.example.io',
    names: { kind: 'SQLInstance', plural: 'sqlinstances' },
    scope: 'Namespaced',
    versions: [version]
  }
}

const catalog = new SchemaCatalog()
catalog.add(one(V1_XRD, 'xrds/v1.yaml'))
catalog.add(one(V2_XRD, 'xrds/v2.yaml'))

async function check(object: unknown) {
  const findings = await new CrdSchemaEngine(catalog).evaluate([one(object)], {
    logger: silentLogger
  })
  return findings.map(f => `${f.result} ${f.manifest?.pointer}: ${f.message}`)
}

const claim = (spec: Record<string, unknown>) => ({
  apiVersion: 'v1.example.io/v1alpha1',
  kind: 'SQLInstance',
  metadata: { name: 'db', namespace: 'n' },
  spec: { parameters: { storageGB: 10 }, ...spec }
})
const v2xr = (spec: Record<string, unknown>) => ({
  ...claim(spec),
  apiVersion: 'v2.example.io/v1alpha1'
})

describe('Crossplane XRDs', () => {
  it('gives a v1 claim the XRD schema plus the claim machinery fields', async () => {
    expect(
      await check(
        claim({
          compositionSelector: { matchLabels: { provider: 'aws' } },
          compositionUpdatePolicy: 'Automatic',
          compositeDeletePolicy: 'Foreground',
          writeConnectionSecretToRef: { name: 'db-conn' }
        })
      )
    ).toEqual(['pass : SQLInstance matches its schema (xrds/v1.yaml).'])
  })

  it('rejects claim fields with wrong shapes and parameters the XRD lacks', async () => {
    expect(await check(claim({ compositeDeletePolicy: 'Later', compositionRef: {} }))).toEqual([
      "fail /spec/compositionRef: SQLInstance 'db': `spec.compositionRef` is missing the required field `name`.",
      'fail /spec/compositeDeletePolicy: SQLInstance \'db\': `spec.compositeDeletePolicy` must be one of "Background", "Foreground".'
    ])
    expect(
      await check({ ...claim({}), spec: { parameters: { storageGB: '10', sizeGB: 1 } } })
    ).toEqual([
      "fail /spec/parameters/sizeGB: SQLInstance 'db': `spec.parameters.sizeGB` is not a field of this kind (unknown fields are rejected).",
      "fail /spec/parameters/storageGB: SQLInstance 'db': `spec.parameters.storageGB` must be of type integer."
    ])
  })

  it('gives the cluster-scoped v1 XR claimRef and a namespaced connection secret ref', async () => {
    const xr = {
      ...claim({
        claimRef: {
          apiVersion: 'v1.example.io/v1alpha1',
          kind: 'SQLInstance',
          namespace: 'n',
          name: 'db'
        }
      }),
      kind: 'XSQLInstance',
      metadata: { name: 'db-x' }
    }
    expect(await check(xr)).toEqual(['pass : XSQLInstance matches its schema (xrds/v1.yaml).'])
    expect(catalog.scopeOf('v1.example.io/v1alpha1', 'XSQLInstance')).toBe('Cluster')
    expect(catalog.scopeOf('v1.example.io/v1alpha1', 'SQLInstance')).toBe('Namespaced')
    const bad = { ...xr, spec: { ...xr.spec, writeConnectionSecretToRef: { name: 'x' } } }
    expect(await check(bad)).toEqual([
      "fail /spec/writeConnectionSecretToRef: XSQLInstance 'db-x': `spec.writeConnectionSecretToRef` is missing the required field `namespace`."
    ])
  })

  it('puts v2 XR machinery under spec.crossplane and flags claim-era fields with the reason', async () => {
    expect(await check(v2xr({ crossplane: { compositionRef: { name: 'c' } } }))).toEqual([
      'pass : SQLInstance matches its schema (xrds/v2.yaml).'
    ])
    expect(
      await check(
        v2xr({ writeConnectionSecretToRef: { name: 'x' }, compositionRef: { name: 'c' } })
      )
    ).toEqual([
      "fail /spec/writeConnectionSecretToRef: SQLInstance 'db': `spec.writeConnectionSecretToRef` is not supported on SQLInstance: Crossplane v2 XRs have no connection secrets; the Composition must compose the Secret itself.",
      "fail /spec/compositionRef: SQLInstance 'db': `spec.compositionRef` belongs under `spec.crossplane` on a Crossplane v2 XR."
    ])
    expect(catalog.scopeOf('v2.example.io/v1alpha1', 'SQLInstance')).toBe('Namespaced')
  })

  it('has no claim kind for a v2 XRD', () => {
    expect(catalog.lookup('v2.example.io/v1alpha1', 'SQLInstance')?.origin).toBe('xrds/v2.yaml')
    expect(catalog.lookup('v2.example.io/v1alpha1', 'XSQLInstance')).toBeUndefined()
  })
})
