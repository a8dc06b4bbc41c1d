// match / exclude (kyverno/kyverno pkg/engine/utils/match.go, pkg/utils/kube/kind.go).
import { describe, expect, it } from '@jest/globals'
import {
  blockDecidedByKind,
  blockMatches,
  kindMatches,
  parseKindSelector,
  selectorMatches
} from './match.js'

const deploy = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web-1',
    namespace: 'prod',
    labels: { app: 'web' },
    annotations: { 'team.io/owner': 'a' }
  }
}
const create = { operation: 'CREATE' }

describe('kinds (ParseKindSelector)', () => {
  it('Kind, version/Kind, group/version/Kind, wildcards and subresources', () => {
    expect(parseKindSelector('Pod')).toEqual(['*', '*', 'Pod', ''])
    expect(parseKindSelector('v1/Pod')).toEqual(['*', 'v1', 'Pod', ''])
    expect(parseKindSelector('apps/v1/Deployment')).toEqual(['apps', 'v1', 'Deployment', ''])
    expect(parseKindSelector('batch/*/CronJob')).toEqual(['batch', '*', 'CronJob', ''])
    expect(parseKindSelector('Pod/exec')).toEqual(['*', '*', 'Pod', 'exec'])
    expect(kindMatches(['Deployment'], deploy)).toBe(true)
    expect(kindMatches(['apps/v1/Deployment'], deploy)).toBe(true)
    expect(kindMatches(['extensions/*/Deployment'], deploy)).toBe(false)
    expect(kindMatches(['*'], deploy)).toBe(true)
    expect(kindMatches(['Deployment/scale'], deploy)).toBe(false)
  })
})

describe('filters', () => {
  it('names and namespaces use wildcards', () => {
    expect(
      blockMatches(
        { any: [{ resources: { kinds: ['Deployment'], names: ['web-*'] } }] },
        deploy,
        create,
        false
      )
    ).toBe(true)
    expect(
      blockMatches(
        { any: [{ resources: { kinds: ['Deployment'], namespaces: ['dev'] } }] },
        deploy,
        create,
        false
      )
    ).toBe(false)
  })
  it('operations: CREATE is the CLI default', () => {
    expect(
      blockMatches(
        { any: [{ resources: { kinds: ['*'], operations: ['UPDATE'] } }] },
        deploy,
        create,
        false
      )
    ).toBe(false)
    expect(
      blockMatches(
        { any: [{ resources: { kinds: ['*'], operations: ['CREATE', 'UPDATE'] } }] },
        deploy,
        create,
        false
      )
    ).toBe(true)
  })
  it('annotations: each pair must wildcard-match an annotation', () => {
    expect(
      blockMatches(
        { resources: { kinds: ['*'], annotations: { 'team.io/*': '?*' } } },
        deploy,
        create,
        false
      )
    ).toBe(true)
  })
  it('selector: matchLabels (wildcards resolved against labels) and matchExpressions', () => {
    expect(selectorMatches({ matchLabels: { app: 'w*' } }, { app: 'web' })).toBe(true)
    expect(
      selectorMatches(
        { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] },
        { app: 'web' }
      )
    ).toBe(false)
    expect(
      selectorMatches(
        { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] },
        { app: 'web' }
      )
    ).toBe(true)
  })
  it('namespaceSelector uses the namespace labels from the values file', () => {
    const block = {
      resources: { kinds: ['*'], namespaceSelector: { matchLabels: { env: 'production' } } }
    }
    expect(
      blockMatches(
        block,
        deploy,
        { ...create, namespaceLabels: { prod: { env: 'production' } } },
        false
      )
    ).toBe(true)
    expect(blockMatches(block, deploy, create, false)).toBe(false)
  })
  it('any needs one filter, all needs every filter', () => {
    const a = { resources: { kinds: ['Deployment'] } }
    const b = { resources: { kinds: ['Pod'] } }
    expect(blockMatches({ any: [a, b] }, deploy, create, false)).toBe(true)
    expect(blockMatches({ all: [a, b] }, deploy, create, false)).toBe(false)
  })
  it('subjects are ignored in match without user info, and never match in exclude without it', () => {
    const block = {
      any: [{ resources: { kinds: ['*'] }, subjects: [{ kind: 'User', name: 'alice' }] }]
    }
    expect(blockMatches(block, deploy, create, false)).toBe(true)
    expect(blockMatches(block, deploy, create, true)).toBe(false)
    expect(blockMatches(block, deploy, { ...create, userInfo: { username: 'alice' } }, true)).toBe(
      true
    )
  })
})

describe('blockDecidedByKind', () => {
  it('holds only for blocks naming kinds and operations, in every list; anything else is per resource', () => {
    const kinds = { resources: { kinds: ['Pod'], operations: ['CREATE'] } }
    expect(blockDecidedByKind({ any: [kinds] })).toBe(true)
    expect(blockDecidedByKind(kinds)).toBe(true)
    // A name in `all` beside a kind-only `any`: the resource decides.
    expect(blockDecidedByKind({ any: [kinds], all: [{ resources: { names: ['web'] } }] })).toBe(
      false
    )
    expect(blockDecidedByKind({ any: [{ resources: { kinds: ['Pod'], selector: {} } }] })).toBe(
      false
    )
    expect(blockDecidedByKind({ any: [{ ...kinds, subjects: [] }] })).toBe(false)
    // A field idp does not know is not assumed to be about the kind.
    expect(blockDecidedByKind({ any: [{ resources: { kinds: ['Pod'], someday: 1 } }] })).toBe(false)
    expect(blockDecidedByKind({ ...kinds, any: [kinds] })).toBe(false)
  })
})
