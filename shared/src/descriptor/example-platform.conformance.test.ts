import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'
import { loadPlatformConfig } from './platform.js'

// The example platform says it mirrors upbound/configuration-aws-database before and after the
// Crossplane v2 migration (shared/schemas/crossplane/examples): its selectors, composition names, kinds
// and connection keys must be the upstream ones, or a cluster with that configuration matches nothing.

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const examples = join(root, '../shared/schemas/crossplane/examples')
const platform = loadPlatformConfig(join(root, 'examples/platform/platform.yaml'))
const read = (file: string) =>
  parseAllDocuments(readFileSync(join(examples, file), 'utf8')).map(
    d => d.toJS() as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
  )[0]
const type = (name: string) => platform.spec.resourceTypes!.find(t => t.name === name)!

describe('example platform ↔ upstream configuration-aws-database', () => {
  it('postgresql (v1 XRD, claims): the selector matches the Composition, kinds and connection keys match', () => {
    const composition = read('configuration-aws-database-v1-claims/composition.yaml')
    const xrd = read('configuration-aws-database-v1-claims/definition.yaml')
    const claim = type('postgresql')
    const selector = claim.compositionSelector!.matchLabels
    for (const [key, value] of Object.entries(selector))
      expect({ [key]: composition.metadata.labels?.[key] }).toEqual({ [key]: value })
    expect(claim.kind).toBe(xrd.spec.claimNames.kind)
    expect(claim.apiVersion).toBe(`${xrd.spec.group}/${xrd.spec.versions[0].name}`)
    for (const key of Object.values(claim.outputs ?? {}))
      expect(xrd.spec.connectionSecretKeys).toContain(key)
  })

  it('postgresql-ns (v2 XRD, namespaced XR): compositionRef names the v2 Composition of that kind', () => {
    const composition = read('configuration-aws-database-v2-namespaced/composition.yaml')
    const xrd = read('configuration-aws-database-v2-namespaced/definition.yaml')
    const xr = type('postgresql-ns')
    expect(xr.compositionRef?.name).toBe(composition.metadata.name)
    expect(composition.spec.compositeTypeRef).toEqual({ apiVersion: xr.apiVersion, kind: xr.kind })
    expect(xrd.spec.scope).toBe('Namespaced')
    expect(xr.style).toBe('xr')
  })
})
