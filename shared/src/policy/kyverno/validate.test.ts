// The pattern tree walk with anchors (kyverno/kyverno pkg/engine/validate/validate.go,
// pkg/engine/anchor/handlers.go); each case names the handler or rule it reproduces.
import { describe, expect, it } from '@jest/globals'
import { matchPattern } from './validate.js'

const pod = (containers: object[], extra: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', labels: { app: 'web', 'app.kubernetes.io/name': 'web' } },
  spec: { containers, ...extra }
})

describe('matchPattern', () => {
  it('plain keys: a mismatch fails with the JSON path', () => {
    const r = matchPattern(pod([{ name: 'a', image: 'nginx:latest' }]), {
      spec: { containers: [{ image: '!*:latest' }] }
    })
    expect(r).toMatchObject({ status: 'fail', path: '/spec/containers/0/image/' })
  })
  it('"*" value means the key is present and not null (defaultHandler)', () => {
    expect(matchPattern({ a: 1 }, { a: '*' }).status).toBe('pass')
    expect(matchPattern({ b: 1 }, { a: '*' }).status).toBe('fail')
  })
  it('(key) condition anchor: a false condition skips the map instead of failing (conditionAnchorHandler)', () => {
    const pattern = { spec: { containers: [{ '(name)': 'web', image: 'nginx:*' }] } }
    expect(matchPattern(pod([{ name: 'db', image: 'postgres' }]), pattern).status).toBe('skip')
    expect(matchPattern(pod([{ name: 'web', image: 'postgres' }]), pattern).status).toBe('fail')
    expect(matchPattern(pod([{ name: 'web', image: 'nginx:1' }]), pattern).status).toBe('pass')
  })
  it('array of maps: skipped elements are ignored, the array skips only when all elements skip', () => {
    const pattern = { spec: { containers: [{ '(name)': 'web', image: 'nginx:*' }] } }
    const mixed = pod([
      { name: 'db', image: 'postgres' },
      { name: 'web', image: 'nginx:1' }
    ])
    expect(matchPattern(mixed, pattern).status).toBe('pass')
  })
  it('=(key) equality anchor: checked only when present (equalityHandler)', () => {
    const pattern = { spec: { '=(hostNetwork)': false } }
    expect(matchPattern(pod([]), pattern).status).toBe('pass')
    expect(matchPattern(pod([], { hostNetwork: false }), pattern).status).toBe('pass')
    expect(matchPattern(pod([], { hostNetwork: true }), pattern).status).toBe('fail')
  })
  it('X(key) negation anchor: presence fails whatever the value, even null (negationHandler)', () => {
    const pattern = { spec: { 'X(hostPID)': 'null' } }
    expect(matchPattern(pod([]), pattern).status).toBe('pass')
    expect(matchPattern(pod([], { hostPID: null }), pattern)).toMatchObject({
      status: 'fail',
      path: '/spec/hostPID/'
    })
  })
  it('^(key) existence anchor: at least one list element matches each pattern map (existenceHandler)', () => {
    const pattern = { spec: { '^(containers)': [{ image: 'nginx:*' }] } }
    expect(matchPattern(pod([{ image: 'redis' }, { image: 'nginx:1' }]), pattern).status).toBe(
      'pass'
    )
    expect(matchPattern(pod([{ image: 'redis' }]), pattern).status).toBe('fail')
  })
  it('<(key) global anchor: a mismatch skips the whole rule; keys holding it are checked first (globalAnchorHandler)', () => {
    // The example from the Kyverno docs: image pull secrets are required only for images of one registry.
    const pattern = {
      spec: {
        containers: [{ name: '*', '<(image)': 'registry.corp/*' }],
        imagePullSecrets: [{ name: 'corp' }]
      }
    }
    expect(matchPattern(pod([{ name: 'a', image: 'redis' }]), pattern).status).toBe('skip')
    expect(matchPattern(pod([{ name: 'a', image: 'registry.corp/app' }]), pattern).status).toBe(
      'fail'
    )
    expect(
      matchPattern(
        pod([{ name: 'a', image: 'registry.corp/app' }], { imagePullSecrets: [{ name: 'corp' }] }),
        pattern
      ).status
    ).toBe('pass')
  })
  it('a scalar pattern against a list applies to every element', () => {
    expect(matchPattern({ args: ['a', 'b'] }, { args: '!c' }).status).toBe('pass')
    expect(matchPattern({ args: ['a', 'c'] }, { args: '!c' }).status).toBe('fail')
  })
  it('only the first map of a pattern array counts (validateArray)', () => {
    expect(matchPattern({ l: [{ a: 1 }, { a: 1 }] }, { l: [{ a: 1 }, { a: 2 }] }).status).toBe(
      'pass'
    )
  })
  it('an empty pattern array fails', () => {
    expect(matchPattern({ l: [1] }, { l: [] }).status).toBe('fail')
  })
  it('wildcard keys under metadata.labels are rewritten to the matching label (ExpandInMetadata)', () => {
    expect(
      matchPattern(pod([]), { metadata: { labels: { 'app.kubernetes.io/*': '?*' } } }).status
    ).toBe('pass')
    expect(matchPattern(pod([]), { metadata: { labels: { 'team.io/*': '?*' } } }).status).toBe(
      'fail'
    )
  })
  it('a condition anchor key missing from the resource turns another mismatch into an error (AnchorMap)', () => {
    const pattern = { spec: { '(serviceAccountName)': '*', containers: [{ image: 'x' }] } }
    expect(matchPattern(pod([{ image: 'y' }]), pattern).status).toBe('skip')
    const other = {
      spec: {
        containers: [{ '(name)': 'a', image: 'x' }, {}],
        volumes: [{ 'X(hostPath)': 'null', name: 'v' }]
      }
    }
    expect(
      matchPattern(pod([{ name: 'a', image: 'x' }], { volumes: [{ name: 'w' }] }), other).status
    ).toBe('error')
  })
  it('different structures fail: a map pattern against a scalar', () => {
    expect(matchPattern({ spec: 'x' }, { spec: { a: 1 } }).status).toBe('fail')
  })
})
