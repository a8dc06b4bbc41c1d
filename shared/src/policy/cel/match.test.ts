// matchConstraints (k8s.io/apiserver/pkg/admission/plugin/policy/matching).
import { describe, expect, it } from '@jest/globals'
import { constraintsMatch } from './match.js'

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } }
}
const create = { operation: 'CREATE' }
const rule = (extra: object = {}) => ({
  apiGroups: ['apps'],
  apiVersions: ['v1'],
  resources: ['deployments'],
  operations: ['CREATE', 'UPDATE'],
  ...extra
})

describe('constraintsMatch', () => {
  it('decides once per kind only what the object cannot change (names, exclusions, selectors)', () => {
    const named = (name: string, labels: object = {}) => ({
      ...deployment,
      metadata: { ...deployment.metadata, name, labels }
    })
    // One constraints object met by many objects of one kind: the second answer is not the first's.
    const byName = { resourceRules: [rule({ resourceNames: ['web'] })] }
    expect(constraintsMatch(byName, named('web'), create)).toBe(true)
    expect(constraintsMatch(byName, named('api'), create)).toBe(false)
    const excluding = {
      resourceRules: [rule()],
      excludeResourceRules: [rule({ resourceNames: ['legacy'] })]
    }
    expect(constraintsMatch(excluding, named('web'), create)).toBe(true)
    expect(constraintsMatch(excluding, named('legacy'), create)).toBe(false)
    const selecting = { resourceRules: [rule()], objectSelector: { matchLabels: { tier: 'db' } } }
    expect(constraintsMatch(selecting, named('web', { tier: 'db' }), create)).toBe(true)
    expect(constraintsMatch(selecting, named('web', { tier: 'web' }), create)).toBe(false)
    // Either a name-free rule fits, or a named one: the object decides only for the named one.
    const either = { resourceRules: [rule({ resourceNames: ['web'] }), rule()] }
    expect(constraintsMatch(either, named('api'), create)).toBe(true)
    expect(constraintsMatch(either, named('api'), { operation: 'DELETE' })).toBe(false)
  })
  it('needs a resource rule fitting group, version, plural resource and operation', () => {
    expect(constraintsMatch({ resourceRules: [rule()] }, deployment, create)).toBe(true)
    expect(constraintsMatch({ resourceRules: [rule()] }, deployment, { operation: 'DELETE' })).toBe(
      false
    )
    expect(
      constraintsMatch({ resourceRules: [rule({ apiGroups: [''] })] }, deployment, create)
    ).toBe(false)
    expect(
      constraintsMatch({ resourceRules: [rule({ resources: ['*'] })] }, deployment, create)
    ).toBe(true)
    // No constraints at all select nothing; constraints without resourceRules select everything.
    expect(constraintsMatch(undefined, deployment, create)).toBe(false)
    expect(constraintsMatch({}, deployment, create)).toBe(true)
  })
  it('subresources must be named: `*` alone does not match deployments/scale', () => {
    const scale = { operation: 'UPDATE', subResource: 'scale' }
    expect(
      constraintsMatch({ resourceRules: [rule({ resources: ['*'] })] }, deployment, scale)
    ).toBe(false)
    expect(
      constraintsMatch({ resourceRules: [rule({ resources: ['*/scale'] })] }, deployment, scale)
    ).toBe(true)
  })
  it('resourceNames, scope and excludeResourceRules', () => {
    expect(
      constraintsMatch({ resourceRules: [rule({ resourceNames: ['api'] })] }, deployment, create)
    ).toBe(false)
    expect(
      constraintsMatch({ resourceRules: [rule({ scope: 'Cluster' })] }, deployment, create)
    ).toBe(false)
    expect(
      constraintsMatch(
        { resourceRules: [rule()], excludeResourceRules: [rule({ resourceNames: ['web'] })] },
        deployment,
        create
      )
    ).toBe(false)
  })
  it('object and namespace selectors (namespace labels as supplied)', () => {
    const objectSelector = { matchLabels: { app: 'api' } }
    expect(constraintsMatch({ resourceRules: [rule()], objectSelector }, deployment, create)).toBe(
      false
    )
    const namespaceSelector = {
      matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }]
    }
    expect(
      constraintsMatch({ resourceRules: [rule()], namespaceSelector }, deployment, create)
    ).toBe(false)
    expect(
      constraintsMatch({ resourceRules: [rule()], namespaceSelector }, deployment, {
        ...create,
        namespaceLabels: { shop: { env: 'prod' } }
      })
    ).toBe(true)
  })
  it('plural names follow Kubernetes: ingresses, networkpolicies', () => {
    const ingress = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' } }
    const r = {
      apiGroups: ['networking.k8s.io'],
      apiVersions: ['v1'],
      resources: ['ingresses'],
      operations: ['*']
    }
    expect(constraintsMatch({ resourceRules: [r] }, ingress, create)).toBe(true)
  })
})

describe('resourceRules resources entries', () => {
  // The reading the matcher had before it stopped splitting each entry: kept as the reference.
  const reference = (allowed: string[], resource: string, subResource: string) => {
    const wanted = subResource ? `${resource}/${subResource}` : resource
    return allowed.some(entry => {
      if (entry === '*') return subResource === ''
      if (entry === '*/*') return true
      if (entry === wanted) return true
      const [r, s] = entry.split('/')
      if (s === undefined) return false
      return (
        (r === '*' && s === subResource && subResource !== '') ||
        (r === resource && s === '*' && subResource !== '')
      )
    })
  }
  const entries = [
    '*',
    '*/*',
    'deployments',
    'deployment',
    'deployments/scale',
    'deployments/*',
    '*/scale',
    '*/status',
    'pods/scale',
    'deployments/scale/x',
    '*/scale/x',
    'deployments/',
    '/scale',
    '/',
    '',
    'deployments/scalex',
    'deploymentsx/scale',
    '*/*/x',
    '**/scale',
    'deployments/**'
  ]
  it.each(['', 'scale', 'status', 'scale/x'])('read as before for subresource %p', subResource => {
    const request = { operation: 'CREATE', ...(subResource ? { subResource } : {}) }
    for (const entry of entries) {
      const r = {
        apiGroups: ['apps'],
        apiVersions: ['v1'],
        operations: ['CREATE'],
        resources: [entry]
      }
      const got = constraintsMatch({ resourceRules: [r] }, deployment, request)
      expect([entry, got]).toEqual([entry, reference([entry], 'deployments', subResource)])
    }
  })
})
