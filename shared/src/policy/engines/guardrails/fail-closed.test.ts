// Attacks on the guardrails (issue #10, class 6): kinds of unknown scope, cluster-scoped kinds idp did
// not know, objects that steer the platform's controllers, objects hidden in Lists and k8s-objects
// components, component and trait types the platform does not allow, and pods that break the Pod
// Security baseline, directly or through the KubeVela properties that produce them.
import { describe, expect, it } from '@jest/globals'
import { stringify } from 'yaml'
import type { PlatformConfig } from '../../../descriptor/types.js'
import { silentLogger } from '../../../runtime/logger.js'
import type { Finding } from '../../finding.js'
import { parseManifestText } from '../../manifest-documents.js'
import { SchemaCatalog } from '../schema-catalog.js'
import { activeGuardrails, GuardrailsEngine, OWNER_LABEL } from './index.js'

const platform = {
  apiVersion: 'idp.dev/v1alpha1',
  kind: 'Platform',
  metadata: { name: 'acme' },
  spec: {
    environments: [{ name: 'dev', namespace: '{service}-dev', secretStores: {} }],
    kinds: [
      { apiVersion: 'widgets.acme.io/*', kind: 'Widget', scope: 'Namespaced' },
      { apiVersion: 'widgets.acme.io/v1', kind: 'Gizmo', scope: 'Cluster' }
    ]
  }
} as unknown as PlatformConfig

const labels = { [OWNER_LABEL]: 'team-payments' }
const meta = (extra: Record<string, unknown> = {}) => ({
  name: 'x',
  namespace: 'checkout-dev',
  labels,
  ...extra
})

async function evaluate(
  text: string,
  options: { config?: PlatformConfig; catalog?: SchemaCatalog; namespace?: string } = {}
): Promise<Finding[]> {
  const config = options.config ?? platform
  const catalog = options.catalog ?? new SchemaCatalog()
  const loaded = parseManifestText(text, 'm.yaml')
  expect(loaded.findings).toEqual([])
  const engine = new GuardrailsEngine(activeGuardrails(config, silentLogger), (a, k) =>
    catalog.scopeOf(a, k, config.spec.kinds)
  )
  return engine.evaluate(loaded.manifests, {
    environment: 'dev',
    namespace: options.namespace ?? 'checkout-dev',
    platform: config,
    logger: silentLogger
  })
}

/** `fail <rule> <line> <pointer>: <message>` for each failure of the rule. */
async function failures(rule: string, text: string, options = {}): Promise<string[]> {
  return (await evaluate(text, options))
    .filter(f => f.rule === rule && f.result === 'fail')
    .map(f => `${f.position?.line} ${f.manifest?.pointer}: ${f.message}`)
}

const object = (apiVersion: string, kind: string, extra: Record<string, unknown> = {}) =>
  stringify({ apiVersion, kind, metadata: meta(), ...extra })

describe('kinds of unknown scope fail closed', () => {
  it('a kind nobody declared fails known-scope and names spec.kinds', async () => {
    const found = await failures('known-scope', object('example.io/v1', 'Widget'))
    expect(found).toHaveLength(1)
    expect(found[0]).toContain('Widget (example.io/v1): idp does not know whether it is namespaced')
    expect(found[0]).toContain("spec.kinds: [{ apiVersion: 'example.io/v1', kind: Widget")
  })
  it('a kind the platform declares passes, in every version its group/* covers', async () => {
    expect(await failures('known-scope', object('widgets.acme.io/v1', 'Widget'))).toEqual([])
    expect(await failures('known-scope', object('widgets.acme.io/v2beta1', 'Widget'))).toEqual([])
    expect(await failures('known-scope', object('widgets.acme.io/v2', 'Gizmo'))).toHaveLength(1)
  })
  it('a declared cluster-scoped kind is refused as cluster-scoped', async () =>
    expect(await failures('no-cluster-scoped', object('widgets.acme.io/v1', 'Gizmo'))).toHaveLength(
      1
    ))
  it('takes the scope from a CRD given', async () => {
    const catalog = new SchemaCatalog()
    const crd = (scope: string) =>
      parseManifestText(
        stringify({
          apiVersion: 'apiextensions.k8s.io/v1',
          kind: 'CustomResourceDefinition',
          metadata: { name: 'gadgets.example.io' },
          spec: {
            group: 'example.io',
            scope,
            names: { kind: 'Gadget', plural: 'gadgets' },
            versions: [{ name: 'v1', served: true, storage: true }]
          }
        }),
        'crd.yaml'
      ).manifests[0]
    catalog.add(crd('Cluster'))
    const text = object('example.io/v1', 'Gadget')
    expect(await failures('known-scope', text, { catalog })).toEqual([])
    expect(await failures('no-cluster-scoped', text, { catalog })).toHaveLength(1)
  })
})

describe('cluster-scoped kinds beyond core are refused', () => {
  it.each([
    ['networking.k8s.io/v1', 'ServiceCIDR'],
    ['networking.k8s.io/v1', 'IPAddress'],
    ['storage.k8s.io/v1', 'CSIDriver'],
    ['snapshot.storage.k8s.io/v1', 'VolumeSnapshotClass'],
    ['s3.aws.upbound.io/v1beta1', 'Bucket'],
    ['aws.upbound.io/v1beta1', 'ProviderConfig'],
    ['pkg.crossplane.io/v1beta1', 'DeploymentRuntimeConfig'],
    ['kyverno.io/v1', 'ClusterPolicy'],
    ['policies.kyverno.io/v1', 'ValidatingPolicy'],
    ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicy'],
    ['external-secrets.io/v1', 'ClusterExternalSecret'],
    ['templates.gatekeeper.sh/v1', 'ConstraintTemplate']
  ])('%s %s', async (apiVersion, kind) =>
    expect(await failures('no-cluster-scoped', object(apiVersion, kind))).toEqual([
      `2 /kind: ${kind} (${apiVersion}) is cluster-scoped; a service may only create namespaced resources.`
    ])
  )
})

describe('objects that steer the platform are refused', () => {
  it.each([
    ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization'],
    ['helm.toolkit.fluxcd.io/v2', 'HelmRelease'],
    ['argoproj.io/v1alpha1', 'AppProject'],
    ['argoproj.io/v1alpha1', 'Application'],
    ['kyverno.io/v2', 'PolicyException'],
    ['core.oam.dev/v1beta1', 'TraitDefinition']
  ])('%s %s', async (apiVersion, kind) => {
    const found = await failures('no-platform-objects', object(apiVersion, kind))
    expect(found).toHaveLength(1)
    expect(found[0]).toContain(`${kind} (${apiVersion}) may not come from a service`)
  })
  it('ordinary kinds pass', async () =>
    expect(await failures('no-platform-objects', object('v1', 'ConfigMap'))).toEqual([]))
})

const clusterRoleBinding = {
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: 'pwn' },
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
  subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: 'checkout-dev' }]
}

describe('objects inside Lists and k8s-objects components are inspected', () => {
  it.each([
    ['v1', 'List'],
    ['example.io/v1', 'List'],
    ['v1', 'ConfigMapList'],
    ['rbac.authorization.k8s.io/v1', 'ClusterRoleBindingList']
  ])('a %s %s', async (apiVersion, kind) => {
    const text = stringify({
      apiVersion,
      kind,
      items: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta() }, clusterRoleBinding]
    })
    const found = await failures('no-cluster-scoped', text)
    expect(found).toHaveLength(1)
    const line = text.split('\n').findIndex(l => l.endsWith('kind: ClusterRoleBinding')) + 1
    expect(found[0]).toMatch(new RegExp(`^${line} /kind: ClusterRoleBinding`))
  })
  it('a List inside a List', async () => {
    const text = stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [{ apiVersion: 'v1', kind: 'List', items: [clusterRoleBinding] }]
    })
    expect(await failures('no-cluster-scoped', text)).toHaveLength(1)
  })
  it('a k8s-objects component', async () => {
    const text = stringify({
      apiVersion: 'core.oam.dev/v1beta1',
      kind: 'Application',
      metadata: meta(),
      spec: {
        components: [
          { name: 'raw', type: 'k8s-objects', properties: { objects: [clusterRoleBinding] } }
        ]
      }
    })
    const found = await failures('no-cluster-scoped', text)
    const line = text.split('\n').findIndex(l => l.endsWith('kind: ClusterRoleBinding')) + 1
    expect(found).toEqual([
      `${line} /kind: ClusterRoleBinding (rbac.authorization.k8s.io/v1) is cluster-scoped; a service may only create namespaced resources.`
    ])
    // The component type itself is not one the platform allows.
    expect(await failures('component-types', text)).toEqual([
      expect.stringContaining("Component type 'k8s-objects' is not allowed")
    ])
  })
  it('an image in a k8s-objects object is reported once, at the object', async () => {
    const text = stringify({
      apiVersion: 'core.oam.dev/v1beta1',
      kind: 'Application',
      metadata: meta(),
      spec: {
        components: [
          {
            name: 'raw',
            type: 'k8s-objects',
            properties: {
              objects: [
                {
                  apiVersion: 'v1',
                  kind: 'Pod',
                  metadata: { name: 'p', labels },
                  spec: { containers: [{ name: 'c', image: 'evil.io/miner:1' }] }
                }
              ]
            }
          }
        ]
      }
    })
    const config = { ...platform, spec: { ...platform.spec, registries: ['ghcr.io/acme/'] } }
    const found = (await evaluate(text, { config: config as PlatformConfig })).filter(
      f => f.rule === 'image-registry' && f.result === 'fail'
    )
    expect(found.map(f => [f.resource?.kind, f.manifest?.pointer])).toEqual([
      ['Pod', '/spec/containers/0/image']
    ])
  })
  it('an object in a k8s-objects component takes the Application namespace, not another', async () => {
    const app = (namespace?: string) =>
      stringify({
        apiVersion: 'core.oam.dev/v1beta1',
        kind: 'Application',
        metadata: meta(),
        spec: {
          components: [
            {
              name: 'raw',
              type: 'k8s-objects',
              properties: {
                objects: [
                  {
                    apiVersion: 'v1',
                    kind: 'ConfigMap',
                    metadata: { name: 'c', labels, ...(namespace ? { namespace } : {}) }
                  }
                ]
              }
            }
          ]
        }
      })
    expect(await failures('namespace', app())).toEqual([])
    expect(await failures('namespace', app('kube-system'))).toEqual([
      expect.stringContaining("Namespace 'kube-system' is not the environment's namespace")
    ])
  })
})

describe('component and trait types hold in validate', () => {
  const app = (type: string, traits: unknown[] = []) =>
    stringify({
      apiVersion: 'core.oam.dev/v1beta1',
      kind: 'Application',
      metadata: meta(),
      spec: { components: [{ name: 'c', type, properties: {}, traits }] }
    })
  const restricted = {
    ...platform,
    spec: {
      ...platform.spec,
      componentTypes: { allowed: ['webservice'], custom: [{ name: 'batch', schema: {} }] },
      traitTypes: { allowed: ['scaler'] }
    }
  } as PlatformConfig
  it('passes the built-in and custom types the platform allows', async () => {
    expect(await failures('component-types', app('webservice'), { config: restricted })).toEqual([])
    expect(await failures('component-types', app('batch'), { config: restricted })).toEqual([])
    expect(
      await failures('component-types', app('webservice', [{ type: 'scaler' }]), {
        config: restricted
      })
    ).toEqual([])
  })
  it('refuses types outside the allowed lists', async () => {
    expect(await failures('component-types', app('worker'), { config: restricted })).toEqual([
      expect.stringMatching(/\/spec\/components\/0\/type: Component type 'worker' is not allowed/)
    ])
    expect(
      await failures('component-types', app('webservice', [{ type: 'storage' }]), {
        config: restricted
      })
    ).toEqual([
      expect.stringMatching(
        /\/spec\/components\/0\/traits\/0\/type: Trait type 'storage' is not allowed/
      )
    ])
    expect(await failures('component-types', app('ref-objects'))).toHaveLength(1)
  })
})

describe('Pod Security baseline', () => {
  const pod = (spec: Record<string, unknown>) => object('v1', 'Pod', { spec })
  const container = (extra: Record<string, unknown> = {}) => ({
    name: 'c',
    image: 'ghcr.io/acme/app:1',
    ...extra
  })
  it('passes a plain pod', async () =>
    expect(await failures('pod-security-baseline', pod({ containers: [container()] }))).toEqual([]))
  it.each([
    [{ hostNetwork: true, containers: [container()] }, '/spec/hostNetwork', 'Host Namespaces'],
    [{ hostPID: true, containers: [container()] }, '/spec/hostPID', 'Host Namespaces'],
    [
      { containers: [container({ securityContext: { privileged: true } })] },
      '/spec/containers/0/securityContext/privileged',
      'Privileged Containers'
    ],
    [
      {
        containers: [container()],
        initContainers: [container({ securityContext: { capabilities: { add: ['SYS_ADMIN'] } } })]
      },
      '/spec/initContainers/0/securityContext/capabilities/add',
      'Capabilities'
    ],
    [
      { containers: [container()], volumes: [{ name: 'root', hostPath: { path: '/' } }] },
      '/spec/volumes/0/hostPath',
      'HostPath Volumes'
    ],
    [
      { containers: [container({ ports: [{ containerPort: 80, hostPort: 80 }] })] },
      '/spec/containers/0/ports',
      'Host Ports'
    ]
  ])('a Pod breaking %#', async (spec, pointer, control) => {
    const found = await failures('pod-security-baseline', pod(spec))
    expect(found).toEqual([expect.stringContaining(`${pointer}: `)])
    expect(found[0]).toContain(control)
  })
  it('pod templates of workload kinds, and a CronJob job template', async () => {
    const template = { spec: { hostIPC: true, containers: [container()] } }
    for (const [apiVersion, kind] of [
      ['apps/v1', 'Deployment'],
      ['apps/v1', 'StatefulSet'],
      ['apps/v1', 'DaemonSet'],
      ['apps/v1', 'ReplicaSet'],
      ['batch/v1', 'Job'],
      ['v1', 'ReplicationController'],
      ['v1', 'PodTemplate']
    ])
      expect(
        await failures(
          'pod-security-baseline',
          object(apiVersion, kind, kind === 'PodTemplate' ? { template } : { spec: { template } })
        )
      ).toEqual([expect.stringContaining('/template/spec/hostIPC: ')])
    expect(
      await failures(
        'pod-security-baseline',
        object('batch/v1', 'CronJob', { spec: { jobTemplate: { spec: { template } } } })
      )
    ).toEqual([expect.stringContaining('/spec/jobTemplate/spec/template/spec/hostIPC: ')])
  })
  it('KubeVela component volumeMounts.hostPath and a storage trait hostPath', async () => {
    const app = stringify({
      apiVersion: 'core.oam.dev/v1beta1',
      kind: 'Application',
      metadata: meta(),
      spec: {
        components: [
          {
            name: 'api',
            type: 'webservice',
            properties: {
              image: 'ghcr.io/acme/app:1',
              volumeMounts: { hostPath: [{ name: 'h', mountPath: '/h', path: '/etc' }] }
            },
            traits: [
              {
                type: 'storage',
                properties: {
                  hostPath: [
                    { name: 'sock', path: '/run/containerd/containerd.sock', mountPath: '/s' }
                  ]
                }
              }
            ]
          }
        ]
      }
    })
    const found = await failures('pod-security-baseline', app)
    expect(found).toEqual([
      expect.stringContaining('/spec/components/0/properties/volumeMounts/hostPath/0/path: '),
      expect.stringContaining('/spec/components/0/traits/0/properties/hostPath/0/path: ')
    ])
    expect(found[1]).toContain("'/run/containerd/containerd.sock'")
  })
})

describe("Crossplane resources use the platform's Composition", () => {
  const withTypes = {
    ...platform,
    spec: {
      ...platform.spec,
      resourceTypes: [
        {
          name: 'postgresql',
          apiVersion: 'db.acme.io/v1',
          kind: 'Database',
          style: 'claim',
          compositionSelector: { matchLabels: { provider: 'aws' } },
          connectionSecret: '{service}-{resource}',
          outputs: {},
          schema: { type: 'object' }
        },
        {
          name: 'bucket',
          apiVersion: 'storage.acme.io/v1',
          kind: 'Bucket',
          style: 'xr',
          compositionRef: { name: 'bucket-aws' },
          connectionSecret: '{service}-{resource}',
          outputs: {},
          schema: { type: 'object' }
        }
      ]
    }
  } as unknown as PlatformConfig
  const check = (apiVersion: string, kind: string, spec: Record<string, unknown>) =>
    failures('composition-pinned', object(apiVersion, kind, { spec }), { config: withTypes })
  it('passes what render writes', async () => {
    expect(
      await check('db.acme.io/v1', 'Database', {
        parameters: {},
        compositionSelector: { matchLabels: { provider: 'aws' } },
        writeConnectionSecretToRef: { name: 'x' }
      })
    ).toEqual([])
    expect(
      await check('storage.acme.io/v1', 'Bucket', {
        parameters: {},
        crossplane: { compositionRef: { name: 'bucket-aws' } }
      })
    ).toEqual([])
  })
  it('refuses another Composition, a binding to an existing composite, a pinned revision', async () => {
    expect(
      await check('db.acme.io/v1', 'Database', {
        compositionRef: { name: 'iam-admin' },
        resourceRef: { apiVersion: 'db.acme.io/v1', kind: 'XDatabase', name: 'payments-db' }
      })
    ).toEqual([
      expect.stringContaining("/spec/compositionRef: compositionRef differs from the platform's"),
      expect.stringContaining('/spec/resourceRef: resourceRef is not allowed')
    ])
    expect(
      await check('storage.acme.io/v1', 'Bucket', {
        crossplane: { compositionRef: { name: 'other' }, compositionRevisionRef: { name: 'r1' } }
      })
    ).toHaveLength(2)
  })
})
