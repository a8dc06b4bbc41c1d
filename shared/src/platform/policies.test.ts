// The differential test of `idp platform policies`: the exported admission policies, run through idp's
// own Kyverno and CEL engines, refuse exactly the fixtures the built-in guardrail refuses. Fixtures are
// the guardrail tests' manifests (guardrails.test.ts and friends) plus the cases each exported rule
// needs, as they reach admission: namespaced objects in the service's namespace.
import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { tempFolder } from '../gitops/testing/git-fixtures.js'
import type { Finding } from '../policy/finding.js'
import {
  activeGuardrails,
  GuardrailsEngine,
  OWNER_LABEL
} from '../policy/engines/guardrails/index.js'
import { SchemaCatalog } from '../policy/engines/schema-catalog.js'
import { loadKyvernoEngine } from '../policy/kyverno/index.js'
import { parseManifestText } from '../policy/manifests.js'
import { silentLogger } from '../runtime/logger.js'
import { applyPolicy } from '../policy/kyverno/engine.js'
import { readPolicyFile } from '../policy/kyverno/policy.js'
import { NOT_EXPORTED, NOT_EXPORTED_ARGOCD, PARTLY_EXPORTED, renderPolicies } from './policies.js'
import { loadTestPlatform, objectsOf } from './testing.js'

type Obj = Record<string, unknown>

const DIGEST = 'sha256:' + 'a'.repeat(64)
const PLATFORM = `apiVersion: idp.dev/v1alpha1
kind: Platform
metadata: { name: acme }
spec:
  gitops: { repository: acme/gitops, engine: argocd }
  services:
    - { name: checkout, repository: acme/checkout, owner: team-payments }
    - { name: 'pay-*', repository: 'acme/{service}', owner: team-payments }
  registries: [ghcr.io/acme/, registry.acme.io]
  guardrails:
    owner-label: { severity: error }
  resourceTypes:
    - name: postgresql
      apiVersion: db.acme.io/v1
      kind: Database
      style: claim
      connectionSecret: '{service}-{resource}'
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
        vault: { name: vault-dev, kind: ClusterSecretStore }
        aws: { name: aws, kind: SecretStore, spec: { provider: { fake: { data: [] } } } }
    - name: prod
      namespace: '{service}-prod'
      requireDigest: true
      gitops: { engine: flux }
      secretStores:
        vault: { name: vault-prod, kind: ClusterSecretStore }
`
const platform = loadTestPlatform(PLATFORM)
const catalog = new SchemaCatalog()
const labels = { [OWNER_LABEL]: 'team-payments' }
const meta = (extra: Obj = {}) => ({ name: 'x', labels, ...extra })

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
const externalSecret = (spec: Obj) => ({
  apiVersion: 'external-secrets.io/v1',
  kind: 'ExternalSecret',
  metadata: meta(),
  spec: { target: { name: 'x' }, ...spec }
})
const db = (parameters: Obj) => ({
  apiVersion: 'db.acme.io/v1',
  kind: 'Database',
  metadata: meta(),
  spec: { parameters }
})

const FIXTURES: Record<string, Obj> = {
  'configmap with owner': { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta() },
  'configmap without owner': { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } },
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
  'deployment, hostPath volume': deployment(`ghcr.io/acme/checkout@${DIGEST}`, {
    volumes: [{ name: 'h', hostPath: { path: '/etc' } }]
  }),
  'deployment, init container from docker hub': deployment(`ghcr.io/acme/checkout@${DIGEST}`, {
    initContainers: [{ name: 'i', image: 'busybox' }]
  }),
  'pod, privileged': pod({
    containers: [
      { name: 'c', image: `ghcr.io/acme/a@${DIGEST}`, securityContext: { privileged: true } }
    ]
  }),
  'pod, host network': pod({
    hostNetwork: true,
    containers: [{ name: 'c', image: `ghcr.io/acme/a@${DIGEST}` }]
  }),
  'pod, baseline': pod({ containers: [{ name: 'c', image: `registry.acme.io/team/a@${DIGEST}` }] }),
  'application, allowed image with digest': webservice(`registry.acme.io/team/app@${DIGEST}`),
  'application, tag only': webservice('ghcr.io/acme/app:1'),
  'application, look-alike registry': webservice('ghcr.io/acmeevil/checkout:1'),
  'application, unknown component type': application({
    components: [
      { name: 'c', type: 'evil-type', properties: { image: `ghcr.io/acme/a@${DIGEST}` } }
    ]
  }),
  'application, unknown trait type': webservice(`ghcr.io/acme/a@${DIGEST}`, {
    traits: [{ type: 'scaler', properties: { replicas: 2 } }, { type: 'evil-trait' }]
  }),
  'application, workflow': application({
    components: [
      { name: 'c', type: 'webservice', properties: { image: `ghcr.io/acme/a@${DIGEST}` } }
    ],
    workflow: { steps: [] }
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
  'database within quota': db({ storageGB: 100, replicas: 2 }),
  'database over quota': db({ storageGB: 500 }),
  'database at exclusive maximum': db({ replicas: 3 })
}

/**
 * Fixtures an exported policy does not judge the same way, and why: the KubeVela properties part of
 * pod-security-baseline is checked where KubeVela turns the properties into pods (the exported Pod rule
 * and the namespace's Pod Security labels), not on the Application.
 */
const EXCLUDED: Record<string, { guardrails: string[]; reason: string }> = {}
const VELA_HOSTPATH = 'application, hostPath volume mount'
FIXTURES[VELA_HOSTPATH] = webservice(`ghcr.io/acme/a@${DIGEST}`, {
  properties: {
    image: `ghcr.io/acme/a@${DIGEST}`,
    volumeMounts: { hostPath: [{ name: 'h', path: '/etc', mountPath: '/h' }] }
  }
})
const VELA_SIDECAR = 'application, sidecar trait image from docker hub'
FIXTURES[VELA_SIDECAR] = webservice(`ghcr.io/acme/a@${DIGEST}`, {
  traits: [{ type: 'sidecar', properties: { name: 's', image: 'busybox' } }]
})
EXCLUDED[VELA_SIDECAR] = {
  guardrails: ['image-registry', 'image-digest'],
  reason:
    "Kyverno has no recursive search for every `image` key of an Application; a trait's image is judged on the Deployment KubeVela creates (the ValidatingAdmissionPolicy matches it whoever creates it)."
}
EXCLUDED[VELA_HOSTPATH] = {
  guardrails: ['pod-security-baseline'],
  reason:
    'KubeVela properties become pods in the cluster; the Pod rule and the Pod Security labels judge those pods.'
}

/** As the API server sees it: a namespaced object in the service's namespace, a cluster one in none. */
function admitted(object: Obj, namespace: string): Obj {
  const scope = catalog.scopeOf(String(object.apiVersion), String(object.kind))
  const metadata = { ...(object.metadata as Obj) }
  if (scope === 'Cluster') delete metadata.namespace
  else metadata.namespace = namespace
  return { ...object, metadata }
}

const refused = (findings: readonly Finding[], test: (f: Finding) => boolean) =>
  findings.some(f => test(f) && f.result === 'fail')

async function verdicts(environment: string) {
  const exported = renderPolicies(platform, 'https://github.com')
  const tmp = tempFolder('policies-differential')
  try {
    for (const [path, text] of exported.files) {
      if (!path.startsWith(`${environment}/`) || path.endsWith('kustomization.yaml')) continue
      mkdirSync(join(tmp.path, path, '..'), { recursive: true })
      writeFileSync(join(tmp.path, path), text)
    }
    const policies = await loadKyvernoEngine([join(tmp.path, environment)], silentLogger)
    const guardrails = new GuardrailsEngine(activeGuardrails(platform, silentLogger), (a, k) =>
      catalog.scopeOf(a, k)
    )
    const info = exported.environments.find(e => e.environment === environment)!
    const namespace = `checkout-${environment}`
    const rows: {
      fixture: string
      guardrail: string
      builtIn: boolean
      exported: boolean
      /** The ValidatingAdmissionPolicy alone, where one is exported and judges the fixture's kind. */
      vap?: boolean
      /** The Kyverno ClusterPolicy alone, for guardrails that also have a ValidatingAdmissionPolicy. */
      kyverno?: boolean
    }[] = []
    for (const [fixture, object] of Object.entries(FIXTURES)) {
      const manifests = parseManifestText(
        stringify(admitted(object, namespace)),
        `${fixture}.yaml`
      ).manifests
      const context = { environment, namespace, platform, logger: silentLogger }
      const builtIn = await guardrails.evaluate(manifests, context)
      const admission = await policies.evaluate(manifests, { ...context, namespace: undefined })
      for (const id of info.exported) {
        if (EXCLUDED[fixture]?.guardrails.includes(id)) continue
        rows.push({
          fixture,
          guardrail: id,
          builtIn: refused(builtIn, f => f.rule === id),
          exported: refused(
            admission,
            f => f.policy === `idp-${id}` || f.policy === `idp-${id}-${environment}`
          ),
          ...(id.startsWith('image-') && ['Deployment', 'Pod'].includes(String(object.kind))
            ? { vap: refused(admission, f => f.policy === `idp-${id}-${environment}`) }
            : {}),
          ...(id.startsWith('image-')
            ? { kyverno: refused(admission, f => f.policy === `idp-${id}`) }
            : {})
        })
      }
    }
    return { rows, info, policies }
  } finally {
    tmp.remove()
  }
}

describe('idp platform policies: differential against the built-in guardrails', () => {
  for (const environment of ['dev', 'prod'])
    it(`gives the built-in verdict on every fixture (${environment})`, async () => {
      const { rows } = await verdicts(environment)
      const disagreements = rows.filter(
        r =>
          r.builtIn !== r.exported ||
          (r.vap !== undefined && r.vap !== r.builtIn) ||
          (r.kyverno !== undefined && r.kyverno !== r.builtIn)
      )
      expect(disagreements).toEqual([])
      // The CEL policies are evaluated on their own too, refusing and admitting.
      const vap = rows.filter(r => r.vap !== undefined)
      expect([vap.some(r => r.vap), vap.some(r => !r.vap)]).toEqual([true, true])
      // The fixtures exercise every exported guardrail both ways.
      const ids = [...new Set(rows.map(r => r.guardrail))]
      for (const id of ids) {
        expect([id, rows.some(r => r.guardrail === id && r.builtIn)]).toEqual([id, true])
        expect([id, rows.some(r => r.guardrail === id && !r.builtIn)]).toEqual([id, true])
      }
    })

  it('exports the guardrails it can express, and names the others with a reason', async () => {
    const dev = (await verdicts('dev')).info
    const prod = (await verdicts('prod')).info
    expect([...dev.exported].sort()).toEqual([
      'component-types',
      'image-registry',
      'no-plain-secret',
      'no-platform-objects',
      'owner-label',
      'pod-security-baseline',
      'resource-quota',
      'secret-store-allowed'
    ])
    expect(prod.exported).toEqual(expect.arrayContaining(['image-digest', 'no-cluster-scoped']))
    expect(Object.keys(dev.notExported).sort()).toEqual(
      [...Object.keys(NOT_EXPORTED), ...Object.keys(NOT_EXPORTED_ARGOCD)].sort()
    )
    const readme = renderPolicies(platform, 'https://github.com').files.get('README.md')!
    for (const id of [...Object.keys(NOT_EXPORTED), ...Object.keys(PARTLY_EXPORTED)])
      expect(readme).toContain(`\`${id}\`: `)
  })

  it('switched-off guardrails are not exported; error severity enforces, others audit', () => {
    const text = PLATFORM.replace(
      'owner-label: { severity: error }',
      'owner-label: { severity: warning }\n    no-plain-secret: { enabled: false }'
    )
    const files = renderPolicies(loadTestPlatform(text), 'https://github.com').files
    expect(files.has('dev/kyverno/no-plain-secret.yaml')).toBe(false)
    expect(files.get('dev/kyverno/owner-label.yaml')).toContain('failureAction: Audit')
    expect(files.get('dev/kyverno/image-registry.yaml')).toContain('failureAction: Enforce')
    expect(files.get('prod/admission/image-digest.yaml')).toContain('- Deny')
  })
})

describe('idp platform policies: who the reconciler rules apply to', () => {
  const secretPolicy = () => {
    const tmp = tempFolder('policies-subjects')
    try {
      const file = join(tmp.path, 'p.yaml')
      writeFileSync(
        file,
        renderPolicies(platform, 'https://github.com').files.get(
          'prod/kyverno/no-plain-secret.yaml'
        )!
      )
      return readPolicyFile(file, 'p.yaml')[0]
    } finally {
      tmp.remove()
    }
  }
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'checkout-prod' }
  }
  const statuses = (username: string) =>
    applyPolicy(secretPolicy(), secret, { operation: 'CREATE', userInfo: { username } }).map(
      r => r.status
    )

  it("refuses a Secret the service's Flux ServiceAccount applies", () => {
    expect(statuses('system:serviceaccount:flux-system:idp-checkout-prod')).toEqual(['fail'])
  })

  it('lets the External Secrets controller create the Secret it syncs', () => {
    expect(statuses('system:serviceaccount:external-secrets:external-secrets')).toEqual([])
  })
})

describe('idp platform policies: output', () => {
  const files = renderPolicies(platform, 'https://github.com').files

  it('is deterministic, with a kustomization.yaml per environment', () => {
    expect([...renderPolicies(platform, 'https://github.com').files.entries()]).toEqual([
      ...files.entries()
    ])
    expect(files.get('prod/kustomization.yaml')).toContain('admission/image-digest.yaml')
  })

  it('binds every ValidatingAdmissionPolicy, never with Deny and Warn together (the API server refuses that)', () => {
    for (const text of [
      PLATFORM,
      PLATFORM.replace('owner-label: { severity: error }', 'image-registry: { severity: warning }')
    ]) {
      const objects = objectsOf(
        renderPolicies(loadTestPlatform(text), 'https://github.com').files
      ).map(o => o.object as Record<string, any>) // eslint-disable-line @typescript-eslint/no-explicit-any
      const policies = objects.filter(o => o.kind === 'ValidatingAdmissionPolicy')
      const bindings = objects.filter(o => o.kind === 'ValidatingAdmissionPolicyBinding')
      expect(policies.length).toBeGreaterThan(0)
      expect(bindings.map(b => b.spec.policyName).sort()).toEqual(
        policies.map(p => p.metadata.name).sort()
      )
      for (const b of bindings) {
        const actions: string[] = b.spec.validationActions
        expect(actions.includes('Deny') && actions.includes('Warn')).toBe(false)
      }
    }
  })

  it('builds with kubectl kustomize', () => {
    if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0) {
      console.log('kubectl is not installed: skipping the kustomize build of the policies')
      return
    }
    const tmp = tempFolder('policies-kustomize')
    try {
      for (const [path, text] of files) {
        mkdirSync(join(tmp.path, path, '..'), { recursive: true })
        writeFileSync(join(tmp.path, path), text)
      }
      const built = execFileSync('kubectl', ['kustomize', join(tmp.path, 'prod')], {
        encoding: 'utf8'
      })
      expect(built).toContain('kind: ClusterPolicy')
      expect(built).toContain('kind: ValidatingAdmissionPolicyBinding')
    } finally {
      tmp.remove()
    }
  })
})

describe("idp platform policies: the platform's own objects pass them", () => {
  it('bootstrap output applied by the reconciler is not refused', async () => {
    const { renderBootstrap } = await import('./bootstrap.js')
    const tmp = tempFolder('policies-platform-objects')
    try {
      for (const [path, text] of renderPolicies(platform, 'https://github.com').files) {
        if (!path.startsWith('dev/') || path.endsWith('kustomization.yaml')) continue
        mkdirSync(join(tmp.path, path, '..'), { recursive: true })
        writeFileSync(join(tmp.path, path), text)
      }
      const policies = await loadKyvernoEngine([join(tmp.path, 'dev')], silentLogger)
      const objects = objectsOf(renderBootstrap(platform, 'https://github.com').files).filter(o =>
        o.file.startsWith('dev/')
      )
      expect(objects.some(o => o.object.kind === 'SecretStore')).toBe(true)
      const text = objects.map(o => stringify(o.object)).join('---\n')
      const findings = await policies.evaluate(
        parseManifestText(text, 'bootstrap.yaml').manifests,
        {
          environment: 'dev',
          platform,
          logger: silentLogger
        }
      )
      expect(
        findings.filter(f => f.result === 'fail').map(f => `${f.policy}: ${f.message}`)
      ).toEqual([])
    } finally {
      tmp.remove()
    }
  })
})
