import { describe, expect, it } from '@jest/globals'
import { UserError } from '../runtime/errors.js'
import { RecordingLogger } from '../runtime/logger.js'
import type { CatalogApi, StoredEntity } from './client.js'
import type { DerivedEntity } from './entities.js'
import { registerWithBackstage } from './register-backstage.js'

// An entity another location already holds is a clear error before anything is written: the catalog
// would keep the other location's copy and only log the conflict.

const LOCATION = 'https://example.test/acme/shop/catalog-info.yaml'
const derived: DerivedEntity[] = [
  {
    origin: ['metadata'],
    fields: {},
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'shop' },
      spec: { type: 'service', lifecycle: 'production', owner: '' }
    }
  },
  {
    origin: ['spec', 'resources', 0],
    fields: {},
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: 'shop-orders-db' },
      spec: { type: 'database', owner: '' }
    }
  }
]

function fakeCatalog(held: StoredEntity | undefined) {
  const calls: string[] = []
  const api = {
    validateEntity: async () => undefined,
    getEntitiesByRefs: async (refs: string[]) => {
      calls.push('getEntitiesByRefs')
      return refs.map(r => (r === 'resource:default/shop-orders-db' ? held : undefined))
    },
    dryRunLocation: async () => {
      calls.push('dryRunLocation')
      return {
        exists: false,
        entities: derived.map(d => ({
          ...d.entity,
          metadata: { ...d.entity.metadata, namespace: 'default' }
        }))
      }
    },
    addLocation: async () => {
      calls.push('addLocation')
      return { id: 'x' }
    },
    refresh: async () => undefined,
    remainingMs: () => 1000
  }
  return { api: api as unknown as CatalogApi, calls }
}

describe('registerWithBackstage: entities held by another location', () => {
  it('refuses before publishing the file or touching the catalog, naming both locations', async () => {
    const other = 'url:https://example.test/acme/billing/catalog-info.yaml'
    const { api, calls } = fakeCatalog({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: 'shop-orders-db',
        namespace: 'default',
        annotations: { 'backstage.io/managed-by-origin-location': other }
      },
      spec: {}
    } as StoredEntity)
    let published = false
    const run = registerWithBackstage(
      api,
      derived,
      path => ({ file: 'idp.yaml', line: path.length + 10, column: 1 }),
      {
        location: LOCATION,
        checkOwner: false,
        timeoutMs: 1000,
        publish: () => {
          published = true
        }
      },
      new RecordingLogger()
    )
    await expect(run).rejects.toThrow(UserError)
    await expect(run).rejects.toThrow(
      `resource:default/shop-orders-db is already in the catalog from another location (${other})`
    )
    expect(published).toBe(false)
    expect(calls).not.toContain('dryRunLocation')
    expect(calls).not.toContain('addLocation')
  })

  it('publishes the file once every check passed, before the dry run reads it', async () => {
    const { api, calls } = fakeCatalog(undefined)
    const run = registerWithBackstage(
      api,
      derived,
      () => ({ file: 'idp.yaml', line: 1, column: 1 }),
      {
        location: LOCATION,
        checkOwner: false,
        timeoutMs: 50,
        pollMs: 10,
        sleep: async () => undefined,
        publish: () => void calls.push('publish')
      },
      new RecordingLogger()
    )
    // The fake catalog never shows the entities: the run times out after registering.
    await expect(run).rejects.toThrow('Timed out')
    expect(calls).toContain('addLocation')
    expect(calls.slice(calls.indexOf('publish'), calls.indexOf('publish') + 3)).toEqual([
      'publish',
      'dryRunLocation',
      'addLocation'
    ])
  })
})

describe('registerWithBackstage: the catalog refusing an entity says what to do', () => {
  it('an entity validate-entity rejects is refused at its origin, with a hint', async () => {
    const { api } = fakeCatalog(undefined)
    ;(api as unknown as { validateEntity: () => Promise<string> }).validateEntity = async () =>
      'spec.owner must not be empty'
    const error = await registerWithBackstage(
      api,
      derived,
      path => ({ file: 'idp.yaml', line: path.length + 10, column: 1 }),
      { location: LOCATION, checkOwner: false, timeoutMs: 1000 },
      new RecordingLogger()
    ).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserError)
    const problems = (error as UserError).problems
    expect(problems[0].message).toContain('spec.owner must not be empty')
    for (const problem of problems) expect(problem.hint).toMatch(/\w/)
  })
})
