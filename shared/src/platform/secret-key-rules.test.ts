// The exported secret-key-confined policies decide as boundary/secret-keys.ts esoKeyViolations for the
// service whose namespace the object is in: keys at the edges of each keyPattern form (`*`, a trailing,
// leading and middle `**`, `{environment}`), malformed keys, finds and generators, through idp's Kyverno
// (validate.cel) and CEL (ValidatingAdmissionPolicy) engines.
import { describe, expect, it } from '@jest/globals'
import { esoKeyViolations } from '../boundary/secret-keys.js'
import { admissionJudge } from './admission-testing.js'
import { PLATFORM } from './policies.fixtures.js'
import { renderPolicies } from './policies.js'
import { loadTestPlatform } from './testing.js'

type Obj = Record<string, unknown>

const PATTERNS = ['{service}/*', 'apps/{service}/**', '**/{service}', '{environment}/{service}/*/x']
const KEYS = [
  'checkout/db',
  'checkout',
  'checkout/db/password',
  'pay-x/db',
  'apps/checkout/db',
  'apps/checkout',
  'apps/checkout/a/b',
  'apps/pay-x/db',
  'x/y/checkout',
  'checkout/../pay-x',
  'checkout//db',
  'checkout/db/',
  'checkout/d b',
  'checkout/db%2F..',
  'dev/checkout/a/x',
  'dev/checkout/x',
  'prod/checkout/a/x',
  '/checkout/db',
  ''
]
const PATHS = [
  'checkout/',
  'apps/checkout/',
  'apps/checkout/a/',
  'apps/checkout',
  'apps/pay-x/',
  'apps/'
]

const externalSecret = (spec: Obj): Obj => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: { name: 'x', namespace: 'checkout-dev', labels: { 'idp.dev/owner': 'team-payments' } },
  spec: { target: { name: 'x' }, ...spec }
})
const vault = { name: 'vault-dev', kind: 'ClusterSecretStore' }

function cases(): Obj[] {
  return [
    ...KEYS.map(key =>
      externalSecret({ secretStoreRef: vault, data: [{ secretKey: 'a', remoteRef: { key } }] })
    ),
    ...KEYS.map(key => externalSecret({ secretStoreRef: vault, dataFrom: [{ extract: { key } }] })),
    ...PATHS.map(path => externalSecret({ secretStoreRef: vault, dataFrom: [{ find: { path } }] })),
    externalSecret({ data: [{ secretKey: 'a', remoteRef: { key: 'checkout/db' } }] }),
    externalSecret({
      secretStoreRef: { name: 'aws' },
      data: [{ secretKey: 'a', remoteRef: { key: 'x' } }]
    }),
    externalSecret({
      dataFrom: [{ sourceRef: { generatorRef: { kind: 'Password', name: 'p' } } }]
    }),
    ...KEYS.slice(0, 6).map(key => ({
      apiVersion: 'external-secrets.io/v1alpha1',
      kind: 'PushSecret',
      metadata: { name: 'x', namespace: 'checkout-dev' },
      spec: { secretStoreRefs: [vault], data: [{ match: { remoteRef: { remoteKey: key } } }] }
    })),
    {
      apiVersion: 'external-secrets.io/v1alpha1',
      kind: 'PushSecret',
      metadata: { name: 'x', namespace: 'checkout-dev' },
      spec: { secretStoreRefs: [{ labelSelector: { matchLabels: { a: 'b' } } }] }
    }
  ]
}

describe('secret-key-confined at admission', () => {
  for (const pattern of PATTERNS)
    it(`refuses exactly what the boundary refuses, keyPattern '${pattern}'`, () => {
      const platform = loadTestPlatform(
        PLATFORM.replace("keyPattern: '{service}/*'", `keyPattern: '${pattern}'`)
      )
      const environment = platform.spec.environments.find(e => e.name === 'dev')!
      const judge = admissionJudge(renderPolicies(platform, 'https://github.com').files, 'dev')
      const controller = 'system:serviceaccount:argocd:argocd-application-controller'
      const all = cases()
      const rows = all.map(object => {
        const verdict = judge(object, controller)
        const builtIn =
          (esoKeyViolations(object, environment, { service: 'checkout', environment: 'dev' }) ?? [])
            .length > 0
        return {
          object: JSON.stringify((object as { spec: unknown }).spec),
          builtIn,
          kyverno: verdict.kyverno.has('idp-secret-key-confined'),
          vap: verdict.vap.has('idp-secret-key-confined-dev'),
          errors: verdict.errors
        }
      })
      expect(
        rows.filter(r => r.builtIn !== r.kyverno || r.builtIn !== r.vap || r.errors.length)
      ).toEqual([])
      expect([rows.some(r => r.builtIn), rows.some(r => !r.builtIn)]).toEqual([true, true])
    })
})
