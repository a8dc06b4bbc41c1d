import { describe, expect, it } from '@jest/globals'
import { UserError } from '../runtime/errors.js'
import { RecordingLogger } from '../runtime/logger.js'
import type { CatalogApi, StoredEntity } from './client.js'
import type { DerivedEntity } from './entities.js'
import { registerWithBackstage } from './register-backstage.js'

// The client's time budget covers the whole registration, so the wait for new content may end
// before processing errors have had their settle time: the catalog's error is then the answer.

const LOCATION = 'https://example.test/acme/shop/catalog-info.yaml'
const entity = {
  apiVersion: 'backstage.io/v1alpha1' as const,
  kind: 'API' as const,
  metadata: { name: 'shop-api' },
  spec: { type: 'openapi', lifecycle: 'production', owner: '', definition: 'openapi: 3.0.0\n' }
}
const derived: DerivedEntity[] = [{ origin: ['spec', 'apis', 0], fields: {}, entity }]

function fakeCatalog(remainingMs: number) {
  const stored = (definition: string, error?: string): StoredEntity =>
    ({
      ...entity,
      metadata: { ...entity.metadata, namespace: 'default' },
      spec: { ...entity.spec, definition },
      ...(error
        ? { status: { items: [{ level: 'error', type: 'processing', message: error }] } }
        : {})
    }) as unknown as StoredEntity
  let registered = false
  const api = {
    validateEntity: async () => undefined,
    getEntitiesByRefs: async () => [
      registered ? stored('old\n', 'Placeholder $text could not read location') : stored('old\n')
    ],
    dryRunLocation: async () => ({ exists: true, entities: [stored(entity.spec.definition)] }),
    addLocation: async () => {
      registered = true
      return { id: 'x' }
    },
    refresh: async () => undefined,
    remainingMs: () => remainingMs
  }
  return api as unknown as CatalogApi
}

function clock() {
  let t = 0
  return { now: () => t, sleep: async (ms: number) => void (t += ms) }
}

describe('waiting for the catalog to process the location', () => {
  it('reports the processing error, not a timeout, when the budget ends before the settle time', async () => {
    const { now, sleep } = clock()
    const run = registerWithBackstage(
      fakeCatalog(3000),
      derived,
      () => ({ file: 'idp.yaml', line: 9, column: 3 }),
      { location: LOCATION, checkOwner: false, timeoutMs: 8000, now, sleep },
      new RecordingLogger()
    )
    await expect(run).rejects.toThrow(UserError)
    await expect(run).rejects.toThrow(/failed to process api:default\/shop-api: .*could not read/)
  })

  it('still times out when nothing is reported and the content never changes', async () => {
    const { now, sleep } = clock()
    const api = fakeCatalog(3000)
    ;(api as unknown as { getEntitiesByRefs: () => Promise<unknown[]> }).getEntitiesByRefs =
      async () => [{ ...entity, metadata: { ...entity.metadata, namespace: 'default' }, spec: {} }]
    const run = registerWithBackstage(
      api,
      derived,
      () => ({ file: 'idp.yaml', line: 9, column: 3 }),
      { location: LOCATION, checkOwner: false, timeoutMs: 8000, now, sleep },
      new RecordingLogger()
    )
    await expect(run).rejects.toThrow(/Timed out after 8 s waiting/)
  })
})
