import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { externalSecretCrd } from './external-secret-crd.js'
import { kubevelaApplicationCrd } from './kubevela-application-crd.js'
import { vendoredCrd, VENDORED_CRDS } from './vendor.js'

// The CRDs idp ships are the upstream ones (served versions, descriptions dropped): regenerate with
// `npx tsx scripts/vendor-crds.ts` when ../shared/schemas moves to a new release.
const schemas = join(dirname(fileURLToPath(import.meta.url)), '../../../../../../shared/schemas')
const shipped: Record<string, unknown> = { kubevelaApplicationCrd, externalSecretCrd }

describe.each(VENDORED_CRDS.map(e => [e.upstream, e] as const))('vendored %s', (_name, entry) => {
  it('equals the upstream CRD', () => {
    const upstream = vendoredCrd(readFileSync(join(schemas, entry.upstream), 'utf8'))
    expect(shipped[entry.exportName]).toEqual(upstream)
  })
})
