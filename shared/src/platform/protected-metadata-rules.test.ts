// The exported protected-metadata rules decide each key as boundary/metadata.ts does: the key
// alternation against protectedKeyReason on look-alikes, subdomains and case variants, and the
// Application rule against applicationMetadataFindings on properties at several depths, both through
// idp's Kyverno JMESPath (regex_match is RE2, as in Kyverno).
import { describe, expect, it } from '@jest/globals'
import {
  applicationMetadataFindings,
  protectedKeyReason,
  protectedMetadata
} from '../boundary/metadata.js'
import { applyPolicy } from '../policy/kyverno/engine.js'
import { jmesSearch } from '../policy/kyverno/jmespath.js'
import { readPolicyFile } from '../policy/kyverno/policy.js'
import { tempFolder } from '../gitops/testing/git-fixtures.js'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { rawString } from './expression-text.js'
import { protectedKeyAlternation, protectedMetadataRules } from './protected-metadata-rules.js'
import { environmentTenants } from './tenants.js'
import { loadTestPlatform } from './testing.js'
import { PLATFORM } from './policies.fixtures.js'

const platform = loadTestPlatform(PLATFORM)
const environment = platform.spec.environments[0]
const owned = protectedMetadata(platform, environment)

const KEYS = [
  'idp.dev/owner',
  'IDP.dev/Owner',
  'team.idp.dev/x',
  'idp.devx/x',
  'notidp.dev/x',
  'x.oam.dev/y',
  'app.oam.dev/name',
  'oam.dev',
  'app.kubernetes.io/name',
  'app.kubernetes.io/version',
  'app.kubernetes.io/managed-by',
  'backstage.io/kubernetes-id',
  'argocd.argoproj.io/tracking-id',
  'argocd.argoproj.io/sync-wave',
  'kustomize.toolkit.fluxcd.io/name',
  'acme.io/cost-center',
  'acme.io/contact',
  'acme.io/cost-center-x',
  'audit.policy.acme.io/exempt',
  'policy.acme.io/exempt',
  'xpolicy.acme.io/exempt',
  'team.acme.io/tier',
  'tier',
  'a.b/c.d'
]

describe('protectedKeyAlternation', () => {
  for (const kind of ['label', 'annotation'] as const)
    it(`protects exactly the ${kind} keys the boundary protects`, () => {
      const regex = rawString(`(?i)^${protectedKeyAlternation(owned, kind)}$`)
      const disagreements = KEYS.filter(
        key =>
          (jmesSearch(`regex_match(${regex}, key)`, { key }) === true) !==
          (protectedKeyReason(key, kind, owned) !== undefined)
      )
      expect(disagreements).toEqual([])
    })
})

describe('protected-metadata-kubevela', () => {
  const tenants = environmentTenants(platform, environment, 'https://github.com').tenants!
  const tmp = tempFolder('protected-metadata-rules')
  const file = join(tmp.path, 'p.yaml')
  writeFileSync(
    file,
    stringify({
      apiVersion: 'kyverno.io/v1',
      kind: 'ClusterPolicy',
      metadata: { name: 'p' },
      spec: {
        rules: protectedMetadataRules(tenants, platform, kinds => ({
          any: [{ resources: { kinds } }]
        })).map(r => ({ ...r, validate: { failureAction: 'Enforce', ...(r.validate as object) } }))
      }
    })
  )
  const policy = readPolicyFile(file, 'p.yaml')[0]
  tmp.remove()

  const application = (properties: unknown, traits: unknown[] = []) => ({
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'Application',
    metadata: { name: 'a', namespace: 'checkout-dev' },
    spec: { components: [{ name: 'c', type: 'webservice', properties, traits }] }
  })
  const CASES = KEYS.flatMap(key => [
    application({ labels: { a: 'b', [key]: 'v' } }),
    application({ nested: { deeper: [{ podAnnotations: { 'x.io/y': '1', [key]: null } }] } }),
    application({ matchLabels: { [key]: 'v' } }),
    application({ fooMatchLabels: { [key]: 'v' } }),
    application({}, [{ type: 'labels', properties: { [key]: 'v' } }]),
    application({}, [{ type: 'annotations', properties: { [key]: null } }]),
    application({}, [{ type: 'sidecar', properties: { image: 'x', Labels: { [key]: 'v' } } }])
  ])

  it('refuses exactly the Applications the boundary refuses', () => {
    const disagreements = CASES.filter(object => {
      const refused = applyPolicy(policy, object, { operation: 'CREATE' }).some(
        r => r.status === 'fail'
      )
      return refused !== applicationMetadataFindings(object, owned).length > 0
    }).map(o => JSON.stringify(o.spec))
    expect(disagreements).toEqual([])
    expect(
      CASES.filter(o => applicationMetadataFindings(o, owned).length > 0).length
    ).toBeGreaterThan(20)
  })
})
