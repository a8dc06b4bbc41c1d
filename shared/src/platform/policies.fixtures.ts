// Test support for the differential test of `idp platform policies`: a platform config that sets
// every guardrail's inputs (registries, digest, stores with a keyPattern and Sealed Secrets, quotas, a
// pinned Composition, platform labels) and fixtures that pass and fail each exported guardrail, as
// objects a service's folder holds. `namespace` in a fixture's metadata (with `{environment}`) places
// it outside the service's own namespace; otherwise it is admitted into the service's namespace.
import { generateKeyPairSync } from 'node:crypto'
import { OWNER_LABEL } from '../policy/engines/guardrails/index.js'
import { sealValue } from '../sealed-secrets/crypto.js'

type Obj = Record<string, unknown>

export const DIGEST = 'sha256:' + 'a'.repeat(64)

const controllerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey
const otherKey = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey
const certificate = controllerKey.export({ type: 'spki', format: 'pem' }).toString()
const indented = (text: string, spaces: number) =>
  text
    .trim()
    .split('\n')
    .map(l => `${' '.repeat(spaces)}${l}`)
    .join('\n')

export const PLATFORM = `apiVersion: idp.dev/v1alpha1
kind: Platform
metadata: { name: acme }
spec:
  gitops: { repository: acme/gitops, engine: argocd }
  services:
    - { name: checkout, repository: acme/checkout, owner: team-payments }
    - { name: 'pay-*', repository: 'acme/{service}', owner: team-payments }
  registries: [ghcr.io/acme/, registry.acme.io]
  defaults:
    labels: { acme.io/cost-center: shop }
    annotations: { acme.io/contact: platform@acme.io, acme.io/limits: '{"cpu": "2"}' }
    protectedKeys: ['*.policy.acme.io/*']
  guardrails:
    owner-label: { severity: error }
  resourceTypes:
    - name: postgresql
      apiVersion: db.acme.io/v1
      kind: Database
      style: claim
      connectionSecret: '{service}-{resource}'
      compositionRef: { name: pg-small }
      outputs: {}
      schema:
        type: object
        properties:
          storageGB: { type: integer, maximum: 100 }
          replicas: { type: integer, exclusiveMaximum: 3 }
  environments:
    - name: dev
      namespace: '{service}-dev'
      secretStores:
        vault: { name: vault-dev, kind: ClusterSecretStore, keyPattern: '{service}/*' }
        aws: { name: aws, kind: SecretStore, spec: { provider: { fake: { data: [] } } } }
        sealed:
          kind: SealedSecrets
          certificate: |
${indented(certificate, 12)}
    - name: prod
      namespace: '{service}-prod'
      requireDigest: true
      gitops: { engine: flux }
      secretStores:
        vault: { name: vault-prod, kind: ClusterSecretStore, keyPattern: '{service}/**' }
        aws: { name: aws, kind: SecretStore, spec: { provider: { fake: { data: [] } } } }
      secretGenerators: [Password]
`

const labels = { [OWNER_LABEL]: 'team-payments' }
const meta = (extra: Obj = {}) => ({ name: 'x', labels, ...extra })
const elsewhere = (namespace: string) => meta({ namespace })

const deployment = (image: string, podSpec: Obj = {}) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta(),
  spec: { template: { spec: { containers: [{ name: 'c', image }], ...podSpec } } }
})
const pod = (spec: Obj) => ({ apiVersion: 'v1', kind: 'Pod', metadata: meta(), spec })
const application = (spec: Obj) => ({
  apiVersion: 'core.oam.dev/v1beta1',
  kind: 'Application',
  metadata: meta(),
  spec
})
const webservice = (image: string, extra: Obj = {}) =>
  application({ components: [{ name: 'c', type: 'webservice', properties: { image }, ...extra }] })
const pinned = `ghcr.io/acme/a@${DIGEST}`
const withProperties = (properties: Obj, traits?: Obj[]) =>
  webservice(pinned, {
    properties: { image: pinned, ...properties },
    ...(traits ? { traits } : {})
  })
const withTraits = (traits: Obj[]) => webservice(pinned, { traits })
const externalSecret = (spec: Obj) => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: meta(),
  spec: { target: { name: 'x' }, ...spec }
})
/** The environment's confined store (`{environment}` is filled when the fixture is admitted). */
const vault = { name: 'vault-{environment}', kind: 'ClusterSecretStore' }
const keyRead = (key: string) =>
  externalSecret({
    secretStoreRef: { name: 'aws' },
    data: [
      { secretKey: 'a', remoteRef: { key: 'anything/at/all' } },
      { secretKey: 'b', remoteRef: { key }, sourceRef: { storeRef: vault } }
    ]
  })
const db = (spec: Obj) => ({
  apiVersion: 'db.acme.io/v1',
  kind: 'Database',
  metadata: meta(),
  spec
})
const sealedSecret = (extra: { metadata?: Obj; spec?: Obj } = {}) => ({
  apiVersion: 'bitnami.com/v1alpha1',
  kind: 'SealedSecret',
  metadata: meta(extra.metadata),
  spec: {
    encryptedData: {
      password: sealValue(controllerKey, 'checkout-dev', 'x', Buffer.from('s3cret'))
    },
    ...extra.spec
  }
})

export const FIXTURES: Record<string, Obj> = {
  'configmap with owner': { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta() },
  'configmap without owner': { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
  "configmap in another service's namespace": {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: elsewhere('pay-x-{environment}')
  },
  'deployment in kube-system': { ...deployment(pinned), metadata: elsewhere('kube-system') },
  'configmap, platform label and annotation with their values': {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta({
      labels: { ...labels, 'acme.io/cost-center': 'shop' },
      annotations: { 'acme.io/contact': 'platform@acme.io' }
    })
  },
  'configmap, platform label with another value': {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta({ labels: { ...labels, 'acme.io/cost-center': 'marketing' } })
  },
  "configmap, platform annotation holding JSON, the platform's value": {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta({ annotations: { 'acme.io/limits': '{"cpu": "2"}' } })
  },
  'configmap, platform annotation holding JSON, another value': {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta({ annotations: { 'acme.io/limits': '{"cpu": "64"}' } })
  },
  'configmap, platform annotation with another value': {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta({ annotations: { 'acme.io/contact': 'me@evil.io' } })
  },
  'plain secret': { apiVersion: 'v1', kind: 'Secret', metadata: meta() },
  'external secret, store of dev': externalSecret({
    secretStoreRef: { name: 'vault-dev', kind: 'ClusterSecretStore' }
  }),
  'external secret, kind defaults to SecretStore': externalSecret({
    secretStoreRef: { name: 'vault-dev' }
  }),
  'external secret, namespaced store of dev': externalSecret({ secretStoreRef: { name: 'aws' } }),
  'external secret, store of prod': externalSecret({
    secretStoreRef: { name: 'vault-prod', kind: 'ClusterSecretStore' }
  }),
  'external secret, foreign store in data': externalSecret({
    secretStoreRef: { name: 'vault-dev', kind: 'ClusterSecretStore' },
    data: [
      {
        secretKey: 'a',
        remoteRef: { key: 'k' },
        sourceRef: { storeRef: { name: 'other', kind: 'ClusterSecretStore' } }
      }
    ]
  }),
  "external secret, keys inside the service's pattern": keyRead('checkout/db'),
  "external secret, another service's key": keyRead('pay-x/db'),
  'external secret, key with a dot-dot segment': keyRead('checkout/../pay-x'),
  'external secret, key two segments deep': keyRead('checkout/db/password'),
  'external secret, extract outside the pattern': externalSecret({
    secretStoreRef: vault,
    dataFrom: [{ extract: { key: 'shared/all' } }]
  }),
  'external secret, find on a confined store': externalSecret({
    secretStoreRef: vault,
    dataFrom: [{ find: { name: { regexp: '.*' } } }]
  }),
  'external secret, find by a path inside the pattern': externalSecret({
    secretStoreRef: vault,
    dataFrom: [{ find: { path: 'checkout/' } }]
  }),
  'external secret, password generator': externalSecret({
    dataFrom: [
      {
        sourceRef: {
          generatorRef: {
            apiVersion: 'generators.external-secrets.io/v1alpha1',
            kind: 'Password',
            name: 'p'
          }
        }
      }
    ]
  }),
  'external secret, template labels an idp.dev key': externalSecret({
    secretStoreRef: { name: 'aws' },
    target: { name: 'x', template: { metadata: { labels: { 'idp.dev/service': 'pay-x' } } } }
  }),
  'external secret, template labels a key of its own': externalSecret({
    secretStoreRef: { name: 'aws' },
    target: { name: 'x', template: { metadata: { labels: { 'team.acme.io/tier': 'gold' } } } }
  }),
  'cluster role': {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'x', labels }
  },
  'namespace object': { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', labels } },
  'deployment, allowed registry, tag': deployment('ghcr.io/acme/checkout:1.2'),
  'deployment, allowed registry, digest': deployment(`ghcr.io/acme/checkout@${DIGEST}`),
  'deployment, docker hub': deployment('nginx'),
  'deployment, look-alike registry': deployment('ghcr.io/acmeevil/checkout:1'),
  'deployment, hostPath volume': deployment(pinned, {
    volumes: [{ name: 'h', hostPath: { path: '/etc' } }]
  }),
  'deployment, init container from docker hub': deployment(pinned, {
    initContainers: [{ name: 'i', image: 'busybox' }]
  }),
  'pod, privileged': pod({
    containers: [{ name: 'c', image: pinned, securityContext: { privileged: true } }]
  }),
  'pod, host network': pod({ hostNetwork: true, containers: [{ name: 'c', image: pinned }] }),
  'pod, baseline': pod({ containers: [{ name: 'c', image: `registry.acme.io/team/a@${DIGEST}` }] }),
  'application, allowed image with digest': webservice(`registry.acme.io/team/app@${DIGEST}`),
  'application, tag only': webservice('ghcr.io/acme/app:1'),
  'application, look-alike registry': webservice('ghcr.io/acmeevil/checkout:1'),
  'application, unknown component type': application({
    components: [{ name: 'c', type: 'evil-type', properties: { image: pinned } }]
  }),
  'application, unknown trait type': withTraits([
    { type: 'scaler', properties: { replicas: 2 } },
    { type: 'evil-trait' }
  ]),
  'application, workflow': application({
    components: [{ name: 'c', type: 'webservice', properties: { image: pinned } }],
    workflow: { steps: [] }
  }),
  'application, sidecar trait image from docker hub': withTraits([
    { type: 'sidecar', properties: { name: 's', image: 'busybox' } }
  ]),
  'application, sidecar trait image pinned from the registry': withTraits([
    { type: 'sidecar', properties: { name: 's', image: pinned } }
  ]),
  'application, hostPath volume mount': withProperties({
    volumeMounts: { hostPath: [{ name: 'h', path: '/etc', mountPath: '/h' }] }
  }),
  'application, privileged sidecar': withTraits([
    {
      type: 'sidecar',
      properties: { name: 's', image: pinned, securityContext: { privileged: true } }
    }
  ]),
  'application, added capability beyond the baseline': withProperties({
    securityContext: { capabilities: { add: ['CHOWN', 'NET_ADMIN'] } }
  }),
  'application, added capability of the baseline set': withProperties({
    securityContext: { capabilities: { add: ['CHOWN'], drop: ['ALL'] } }
  }),
  'application, host port': withProperties({ ports: [{ port: 80, hostPort: 8080 }] }),
  'application, host port 0 (none)': withProperties({ ports: [{ port: 80, hostPort: 0 }] }),
  'application, fractional host port': withProperties({ ports: [{ port: 80, hostPort: 0.5 }] }),
  'application, labels trait sets an idp.dev key': withTraits([
    { type: 'labels', properties: { 'idp.dev/owner': 'team-evil' } }
  ]),
  'application, annotations trait removes the Backstage id': withTraits([
    { type: 'annotations', properties: { 'backstage.io/kubernetes-id': null } }
  ]),
  'application, labels trait with a key of its own': withTraits([
    { type: 'labels', properties: { 'team.acme.io/tier': 'gold' } }
  ]),
  'application, pod labels property sets a KubeVela key': withProperties({
    labels: { 'team.acme.io/tier': 'gold', 'app.oam.dev/name': 'pay-x' }
  }),
  "application, pod labels property sets the platform's reserved domain": withProperties({
    labels: { 'audit.policy.acme.io/exempt': 'true' }
  }),
  'application, selector matchLabels with a KubeVela key': withProperties({
    affinity: { matchLabels: { 'app.oam.dev/name': 'checkout' } }
  }),
  'argo cd application': {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: meta(),
    spec: {}
  },
  'flux kustomization': {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: meta(),
    spec: {}
  },
  'kyverno policy exception': {
    apiVersion: 'kyverno.io/v2',
    kind: 'PolicyException',
    metadata: meta(),
    spec: {}
  },
  'kubevela trait definition': {
    apiVersion: 'core.oam.dev/v1beta1',
    kind: 'TraitDefinition',
    metadata: meta(),
    spec: {}
  },
  'database within quota': db({ parameters: { storageGB: 100, replicas: 2 } }),
  'database over quota': db({ parameters: { storageGB: 500 } }),
  'database at exclusive maximum': db({ parameters: { replicas: 3 } }),
  "database, the platform's composition": db({ compositionRef: { name: 'pg-small' } }),
  'database, another composition': db({ compositionRef: { name: 'pg-huge' } }),
  'database, binds an existing composite': db({
    resourceRef: { apiVersion: 'db.acme.io/v1', kind: 'XDatabase', name: 'pay-x-db' }
  }),
  'database, pins a composition revision': db({
    compositionRevisionRef: { name: 'pg-small-abc' }
  }),
  'sealed secret, strict scope': sealedSecret(),
  'sealed secret, namespace-wide': sealedSecret({
    metadata: { annotations: { 'sealedsecrets.bitnami.com/namespace-wide': 'true' } }
  }),
  'sealed secret, deprecated one-blob data': sealedSecret({ spec: { data: 'AgBy' } }),
  'sealed secret, template renames the Secret': sealedSecret({
    spec: { template: { metadata: { name: 'other' } } }
  }),
  'sealed secret, sealed for another key size': sealedSecret({
    spec: {
      encryptedData: { password: sealValue(otherKey, 'checkout-dev', 'x', Buffer.from('s3cret')) }
    }
  }),
  'sealed secret, value not base64': sealedSecret({
    spec: { encryptedData: { password: 'not sealed!' } }
  })
}
