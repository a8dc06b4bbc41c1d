import { describe, expect, it } from '@jest/globals'
import type { PlatformConfig, ServiceDescriptor } from '../descriptor/types.js'
import type { DescriptorPath } from './entities.js'
import { deriveEntities, entityRef, fullRef } from './entities.js'
import { validateEntities } from './validate.js'
import { DEFAULT_ALLOWED_KINDS } from './validate.js'
import { mergeDeployments } from './deployments.js'

const platform = {
  apiVersion: 'idp.dev/v1alpha1',
  kind: 'Platform',
  metadata: { name: 'acme' },
  spec: {
    environments: [
      { name: 'dev', namespace: '{service}-dev', secretStores: {} },
      { name: 'prod', namespace: '{service}-prod', secretStores: {} }
    ],
    resourceTypes: [{ name: 'postgresql', catalogType: 'database' }],
    catalog: { argocdAppPattern: '{service}-{environment}' }
  }
} as unknown as PlatformConfig

function descriptor(meta: Record<string, unknown> = {}, spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'idp.dev/v1alpha1',
    kind: 'Service',
    metadata: { name: 'checkout', owner: 'team-payments', system: 'payments', ...meta },
    spec: {
      components: [{ name: 'checkout', type: 'webservice' }],
      resources: [{ name: 'orders-db', type: 'postgresql' }],
      apis: [{ name: 'checkout-api', type: 'openapi', definition: './openapi.yaml' }],
      ...spec
    }
  } as unknown as ServiceDescriptor
}

const options = {
  sourceUrl: 'https://github.com/acme/checkout/tree/main/',
  repository: 'acme/checkout',
  apiDefinitions: 'inline' as const,
  readDefinition: () => 'openapi: 3.0.0\n',
  systemEntity: false
}

// Stands in for the loader's positionOf: the path, joined, is the "line" (easy to assert on).
const lines = new Map<string, number>()
const positionOf = (path: DescriptorPath) => {
  const key = path.join('.')
  if (!lines.has(key)) lines.set(key, lines.size + 1)
  return { file: 'idp.yaml', line: lines.get(key)!, column: 1 }
}
const lineOf = (...path: (string | number)[]) => positionOf(path).line

describe('deriveEntities', () => {
  it('names Resource and API entities per service, so two services can both have an orders-db', () => {
    const refs = (name: string, spec: Record<string, unknown> = {}) =>
      deriveEntities(descriptor({ name }, spec), platform, options)
        .map(d => entityRef(d.entity))
        .filter(r => !r.startsWith('component:'))
    expect(refs('checkout')).toEqual([
      'resource:default/checkout-orders-db',
      'api:default/checkout-api'
    ])
    expect(refs('billing')).toEqual([
      'resource:default/billing-orders-db',
      'api:default/billing-checkout-api'
    ])
    const explicit = refs('billing', {
      resources: [{ name: 'orders-db', type: 'postgresql', catalogName: 'shared-orders' }],
      apis: [{ name: 'v1', type: 'openapi', definition: './o.yaml', catalogName: 'billing-public' }]
    })
    expect(explicit).toEqual(['resource:default/shared-orders', 'api:default/billing-public'])
    const component = deriveEntities(descriptor({ name: 'billing' }), platform, options)[0]
    expect(component.entity.spec).toMatchObject({
      dependsOn: ['resource:default/billing-orders-db'],
      providesApis: ['api:default/billing-checkout-api']
    })
  })

  it('derives Component, Resource and API with full refs and well-known annotations', () => {
    const derived = deriveEntities(descriptor(), platform, options)
    expect(derived.map(d => entityRef(d.entity))).toEqual([
      'component:default/checkout',
      'resource:default/checkout-orders-db',
      'api:default/checkout-api'
    ])
    const component = derived[0]!.entity
    expect(component.spec).toEqual({
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-payments',
      system: 'system:default/payments',
      dependsOn: ['resource:default/checkout-orders-db'],
      providesApis: ['api:default/checkout-api']
    })
    expect(component.metadata.annotations).toMatchObject({
      'github.com/project-slug': 'acme/checkout',
      'backstage.io/source-location': 'url:https://github.com/acme/checkout/tree/main/',
      'argocd/app-name': 'checkout-prod',
      'backstage.io/kubernetes-label-selector': 'app.oam.dev/name=checkout'
    })
    expect(derived[1]!.entity.spec.type).toBe('database')
    expect(derived[2]!.entity.spec.definition).toBe('openapi: 3.0.0\n')
  })

  it('uses a $text reference to the source when asked, and emits the System on request', () => {
    const derived = deriveEntities(descriptor(), platform, {
      ...options,
      apiDefinitions: 'reference',
      systemEntity: true
    })
    expect(derived[2]!.entity.spec.definition).toEqual({
      $text: 'https://github.com/acme/checkout/blob/main/openapi.yaml'
    })
    expect(entityRef(derived[3]!.entity)).toBe('system:default/payments')
  })

  it('normalises refs the way the catalog reads them', () => {
    expect(fullRef('team-a', 'group')).toBe('group:default/team-a')
    expect(fullRef('User:ops/jdoe', 'group')).toBe('user:ops/jdoe')
  })
})

describe('validateEntities', () => {
  it('accepts the example entities', async () => {
    const derived = deriveEntities(descriptor(), platform, options)
    expect(
      await validateEntities(derived, positionOf, { allowedKinds: DEFAULT_ALLOWED_KINDS })
    ).toEqual([])
  })

  it('reports a missing owner on the owner line', async () => {
    const derived = deriveEntities(descriptor({ owner: '' }), platform, options)
    const problems = await validateEntities(derived, positionOf, {
      allowedKinds: DEFAULT_ALLOWED_KINDS
    })
    expect(problems.length).toBeGreaterThan(0)
    expect(problems[0]!.message).toContain('owner')
    expect(problems.every(p => p.position?.line === lineOf('metadata', 'owner'))).toBe(true)
  })

  it('reports invalid names and tags at their own lines', async () => {
    const derived = deriveEntities(
      descriptor(
        { tags: ['payments', 'Java'] },
        { resources: [{ name: 'orders db!', type: 'postgresql' }] }
      ),
      platform,
      options
    )
    const problems = await validateEntities(derived, positionOf, {
      allowedKinds: DEFAULT_ALLOWED_KINDS
    })
    const byLine = new Map(problems.map(p => [p.position!.line, p.message]))
    expect(byLine.get(lineOf('metadata', 'tags', 1))).toMatch(/"tags.1" is not valid/)
    expect(byLine.get(lineOf('spec', 'resources', 0, 'name'))).toMatch(/metadata.name/)
  })

  it('reports a dependsOn target that is neither a resource of the descriptor nor a full ref', async () => {
    const derived = deriveEntities(
      descriptor({
        dependsOn: ['payments-db', 'resource:default/ghost', 'component:default/payments']
      }),
      platform,
      options
    )
    const problems = await validateEntities(derived, positionOf, {
      allowedKinds: DEFAULT_ALLOWED_KINDS
    })
    expect(problems.map(p => [p.position!.line, p.message.replace(/^[^ ]+ /, '')])).toEqual([
      [
        lineOf('metadata', 'dependsOn', 0),
        "dependsOn target 'payments-db' is neither a resource of this descriptor nor a full entity ref."
      ],
      [
        lineOf('metadata', 'dependsOn', 1),
        'dependsOn target resource:default/ghost is not a resource of this descriptor.'
      ]
    ])
  })

  it('enforces the allowed kinds', async () => {
    const derived = deriveEntities(descriptor(), platform, options)
    const problems = await validateEntities(derived, positionOf, {
      allowedKinds: ['Component', 'Resource']
    })
    expect(problems).toHaveLength(1)
    expect(problems[0]!.message).toContain('Kind API is not allowed')
    expect(problems[0]!.position!.line).toBe(lineOf('spec', 'apis', 0))
  })
})

describe('mergeDeployments', () => {
  it('replaces one environment and keeps the others', () => {
    const previous = {
      'idp.dev/env.prod.version': '1.0.0',
      'idp.dev/env.dev.version': '0.9.0',
      'idp.dev/env.dev.commit': 'abc',
      'other/x': 'y'
    }
    expect(
      mergeDeployments(previous, {
        environment: 'dev',
        version: '1.1.0',
        time: '2026-01-01T00:00:00Z'
      })
    ).toEqual({
      'idp.dev/env.prod.version': '1.0.0',
      'idp.dev/env.dev.version': '1.1.0',
      'idp.dev/env.dev.time': '2026-01-01T00:00:00Z'
    })
  })
})
