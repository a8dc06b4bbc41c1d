// Hostile rendered folders through validate-policy: a service pipeline controls what it renders, so
// it can hand-write manifests and re-seal the render record. Cluster-scoped and unknown kinds,
// objects in other namespaces, Lists and k8s-objects that hide them, generators that carry secrets,
// Pod Security, foreign secret keys, records that lie, and files that are not what they claim.
import type { Area, HostileCase, Rendered } from '../harness.js'
import { edit, platform, tampered, withComponent } from '../template.js'

const validate = { action: 'validate-policy' } as const
const dev = (file: string) => `rendered/dev/${file}`
/** One extra manifest in the rendered folder (listed in its kustomization, the record re-sealed). */
const extra =
  (yaml: string, name = 'extra.yaml') =>
  (r: Rendered) =>
    tampered(r, { [name]: yaml })
const atExtra = (line: string, name = 'extra.yaml') => ({ file: dev(name), line })

/** A cluster-scoped (or unknown-scope) object: `apiVersion`, `kind`, and the rest of its YAML. */
function clusterCase(
  name: string,
  apiVersion: string,
  kind: string,
  rest = '',
  classes = [6]
): HostileCase {
  return {
    name,
    classes,
    ...validate,
    files: extra(
      `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: shop-${kind.toLowerCase()}\n${rest}`
    ),
    at: atExtra(`kind: ${kind}`),
    because: /cluster|scope|namespace|unknown|not allowed|kind/i
  }
}

const cluster: HostileCase[] = [
  clusterCase(
    'ClusterRole',
    'rbac.authorization.k8s.io/v1',
    'ClusterRole',
    'rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]\n'
  ),
  clusterCase(
    'ClusterRoleBinding to cluster-admin',
    'rbac.authorization.k8s.io/v1',
    'ClusterRoleBinding',
    'roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\nsubjects: [{ kind: ServiceAccount, name: default, namespace: shop-dev }]\n'
  ),
  clusterCase('Namespace', 'v1', 'Namespace'),
  clusterCase('Node', 'v1', 'Node'),
  clusterCase(
    'PersistentVolume with a hostPath',
    'v1',
    'PersistentVolume',
    'spec: { capacity: { storage: 1Gi }, accessModes: [ReadWriteOnce], hostPath: { path: / } }\n'
  ),
  clusterCase('CustomResourceDefinition', 'apiextensions.k8s.io/v1', 'CustomResourceDefinition'),
  clusterCase(
    'ValidatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1',
    'ValidatingWebhookConfiguration'
  ),
  clusterCase(
    'MutatingWebhookConfiguration',
    'admissionregistration.k8s.io/v1',
    'MutatingWebhookConfiguration'
  ),
  clusterCase(
    'ValidatingAdmissionPolicy',
    'admissionregistration.k8s.io/v1',
    'ValidatingAdmissionPolicy'
  ),
  clusterCase('APIService', 'apiregistration.k8s.io/v1', 'APIService'),
  clusterCase(
    'StorageClass',
    'storage.k8s.io/v1',
    'StorageClass',
    'provisioner: kubernetes.io/no-provisioner\n'
  ),
  clusterCase('CSIDriver', 'storage.k8s.io/v1', 'CSIDriver'),
  clusterCase(
    'VolumeSnapshotClass',
    'snapshot.storage.k8s.io/v1',
    'VolumeSnapshotClass',
    'driver: x\ndeletionPolicy: Delete\n'
  ),
  clusterCase('IngressClass', 'networking.k8s.io/v1', 'IngressClass'),
  clusterCase(
    'ServiceCIDR',
    'networking.k8s.io/v1',
    'ServiceCIDR',
    'spec: { cidrs: [10.96.0.0/12] }\n'
  ),
  clusterCase('IPAddress', 'networking.k8s.io/v1', 'IPAddress'),
  clusterCase('PriorityClass', 'scheduling.k8s.io/v1', 'PriorityClass', 'value: 1000000000\n'),
  clusterCase('RuntimeClass', 'node.k8s.io/v1', 'RuntimeClass', 'handler: runc\n'),
  clusterCase(
    'Crossplane managed resource (S3 Bucket, v1 style)',
    's3.aws.upbound.io/v1beta1',
    'Bucket',
    'spec: { forProvider: { region: eu-central-1 } }\n'
  ),
  clusterCase(
    'Crossplane ProviderConfig',
    'aws.upbound.io/v1beta1',
    'ProviderConfig',
    'spec: { credentials: { source: InjectedIdentity } }\n'
  ),
  clusterCase(
    'Crossplane DeploymentRuntimeConfig',
    'pkg.crossplane.io/v1beta1',
    'DeploymentRuntimeConfig'
  ),
  clusterCase(
    'Crossplane Provider package',
    'pkg.crossplane.io/v1',
    'Provider',
    'spec: { package: xpkg.upbound.io/evil/provider:v1 }\n'
  ),
  clusterCase('Crossplane Composition', 'apiextensions.crossplane.io/v1', 'Composition'),
  clusterCase('Kyverno ClusterPolicy', 'kyverno.io/v1', 'ClusterPolicy', 'spec: { rules: [] }\n'),
  clusterCase('Kyverno ClusterCleanupPolicy', 'kyverno.io/v2', 'ClusterCleanupPolicy'),
  clusterCase('cert-manager ClusterIssuer', 'cert-manager.io/v1', 'ClusterIssuer'),
  clusterCase(
    'external-secrets ClusterSecretStore',
    'external-secrets.io/v1',
    'ClusterSecretStore'
  ),
  clusterCase(
    'external-secrets ClusterExternalSecret',
    'external-secrets.io/v1',
    'ClusterExternalSecret'
  ),
  clusterCase('a kind nobody knows (unknown scope)', 'widgets.example.com/v1', 'Widget'),
  clusterCase('a kind of a known group but unknown kind', 'kyverno.io/v1', 'Frobnicator')
]

const controllers: HostileCase[] = [
  {
    name: 'Argo CD AppProject (steers the GitOps controller)',
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: argoproj.io/v1alpha1\nkind: AppProject\nmetadata:\n  name: shop\n  namespace: argocd\nspec:\n  destinations: [{ server: "*", namespace: "*" }]\n  clusterResourceWhitelist: [{ group: "*", kind: "*" }]\n'
    ),
    at: atExtra('kind: AppProject'),
    because: /AppProject|argo|cluster|namespace|GitOps|controller|not allowed/i
  },
  {
    name: 'Argo CD Application in the argocd namespace',
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: takeover\n  namespace: argocd\nspec:\n  project: default\n  source: { repoURL: https://github.com/evil/x, path: . }\n  destination: { server: https://kubernetes.default.svc, namespace: kube-system }\n'
    ),
    at: atExtra('namespace: argocd'),
    because: /argo|namespace|GitOps|controller|not allowed/i
  },
  {
    name: 'Flux Kustomization in flux-system',
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: takeover\n  namespace: flux-system\nspec:\n  interval: 1m\n  prune: true\n  path: ./\n  sourceRef: { kind: GitRepository, name: flux-system }\n'
    ),
    at: atExtra('namespace: flux-system'),
    because: /flux|namespace|GitOps|controller|not allowed/i
  },
  {
    name: 'Flux HelmRelease in the service namespace without a service account',
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: anything\n  namespace: shop-dev\nspec:\n  interval: 1m\n  targetNamespace: kube-system\n  chart: { spec: { chart: x, sourceRef: { kind: HelmRepository, name: x } } }\n'
    ),
    at: atExtra('kind: HelmRelease'),
    because: /flux|namespace|GitOps|controller|not allowed|targetNamespace/i
  },
  {
    name: 'Kyverno PolicyException for the service',
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: kyverno.io/v2\nkind: PolicyException\nmetadata:\n  name: skip-all\n  namespace: shop-dev\nspec:\n  exceptions: [{ policyName: "*", ruleNames: ["*"] }]\n  match: { any: [{ resources: { kinds: ["*"] } }] }\n'
    ),
    at: atExtra('kind: PolicyException'),
    because: /exception|policy|controller|not allowed/i
  },
  {
    name: 'KubeVela TraitDefinition (platform-owned definitions)',
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: core.oam.dev/v1beta1\nkind: TraitDefinition\nmetadata:\n  name: scaler\n  namespace: vela-system\nspec: {}\n'
    ),
    at: atExtra('kind: TraitDefinition'),
    because: /definition|namespace|controller|not allowed/i
  }
]

const namespaces: HostileCase[] = [
  {
    name: 'a Deployment in kube-system',
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: kube-system\nspec:\n  selector: { matchLabels: { a: b } }\n  template:\n    metadata: { labels: { a: b } }\n    spec: { containers: [{ name: c, image: ghcr.io/acme/shop:1 }] }\n'
    ),
    at: atExtra('namespace: kube-system'),
    because: /namespace/i
  },
  {
    name: "a ConfigMap in another service's namespace",
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: payments-dev\ndata: { a: b }\n'
    ),
    at: atExtra('namespace: payments-dev'),
    because: /namespace/i
  },
  {
    name: 'a RoleBinding in another namespace',
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: rb\n  namespace: payments-dev\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin }\nsubjects: [{ kind: ServiceAccount, name: default, namespace: shop-dev }]\n'
    ),
    at: atExtra('namespace: payments-dev'),
    because: /namespace/i
  },
  {
    name: 'the Application moved to another namespace',
    classes: [6],
    ...validate,
    files: r =>
      tampered(r, {
        'application.yaml': edit(
          r.dev['application.yaml'],
          'namespace: shop-dev',
          'namespace: payments-dev'
        )
      }),
    at: { file: dev('application.yaml'), line: 'namespace: payments-dev' },
    because: /namespace/i
  },
  {
    name: 'the record names a namespace outside the platform pattern',
    classes: [6, 2],
    ...validate,
    files: r =>
      tampered(
        r,
        {
          'application.yaml': edit(
            r.dev['application.yaml'],
            'namespace: shop-dev',
            'namespace: kube-system'
          ),
          'externalsecret-db.yaml': edit(
            r.dev['externalsecret-db.yaml'],
            'namespace: shop-dev',
            'namespace: kube-system'
          )
        },
        { namespace: 'kube-system' }
      ),
    because: /namespace|kube-system|pattern/i
  },
  {
    name: 'the record names another service',
    classes: [6, 1],
    ...validate,
    files: r => tampered(r, {}, { service: 'payments' }),
    because: /service|payments|namespace|record|pattern/i
  },
  {
    name: 'the record names an environment the platform does not have',
    classes: [6, 2],
    ...validate,
    files: r => tampered(r, {}, { environment: 'staging' }),
    because: /environment|staging/i
  },
  {
    name: 'the record environment disagrees with its namespace',
    classes: [6, 2],
    ...validate,
    files: r => tampered(r, {}, { environment: 'prod' }),
    because: /namespace|environment|prod|pattern/i
  },
  {
    name: 'a folder without a render record with an object in kube-system',
    classes: [6],
    ...validate,
    inputs: { environment: 'dev' },
    files: r => ({
      ...tampered(r, {
        'extra.yaml':
          'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: kube-system\ndata: { a: b }\n'
      }),
      [dev('.idp/render.json')]: { remove: true }
    }),
    at: atExtra('namespace: kube-system'),
    because: /namespace/i
  },
  {
    name: 'a folder without a render record or environment holding a ClusterRole',
    classes: [6],
    ...validate,
    files: r => ({
      ...tampered(r, {
        'extra.yaml':
          'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: all\nrules: []\n'
      }),
      [dev('.idp/render.json')]: { remove: true }
    }),
    at: atExtra('kind: ClusterRole'),
    because: /cluster|scope|namespace/i
  }
]

const hidden: HostileCase[] = [
  {
    name: 'ClusterRoleBinding inside a v1 List',
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: rbac.authorization.k8s.io/v1\n    kind: ClusterRoleBinding\n    metadata: { name: x }\n    roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\n    subjects: [{ kind: ServiceAccount, name: default, namespace: shop-dev }]\n'
    ),
    at: atExtra('kind: ClusterRoleBinding'),
    because: /cluster|scope/i
  },
  {
    name: 'Namespace inside a List of another apiVersion',
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: example.com/v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Namespace\n    metadata: { name: kube-evil }\n'
    ),
    at: atExtra('kind: Namespace'),
    because: /cluster|scope|namespace/i
  },
  {
    name: 'object in another namespace inside a nested List',
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: List\n    items:\n      - apiVersion: v1\n        kind: ConfigMap\n        metadata: { name: c, namespace: kube-system }\n'
    ),
    at: atExtra('namespace: kube-system'),
    because: /namespace/i
  },
  {
    name: 'privileged Pod inside a PodList',
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: v1\nkind: PodList\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata: { name: p, namespace: shop-dev }\n    spec: { containers: [{ name: c, image: ghcr.io/acme/shop:1, securityContext: { privileged: true } }] }\n'
    ),
    at: atExtra('privileged: true'),
    because: /privileged|pod security|baseline/i
  },
  {
    name: 'k8s-objects component embedding a ClusterRoleBinding',
    classes: [6],
    ...validate,
    files: r =>
      tampered(r, {
        'application.yaml': withComponent(
          r,
          '    - name: raw\n      type: k8s-objects\n      properties:\n        objects:\n          - apiVersion: rbac.authorization.k8s.io/v1\n            kind: ClusterRoleBinding\n            metadata: { name: own }\n            roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\n            subjects: [{ kind: ServiceAccount, name: default, namespace: shop-dev }]\n'
        )
      }),
    at: { file: dev('application.yaml'), line: 'kind: ClusterRoleBinding' },
    because: /cluster|scope|k8s-objects|type|allowed/i
  },
  {
    name: 'k8s-objects component embedding a privileged Pod',
    classes: [6],
    ...validate,
    files: r =>
      tampered(r, {
        'application.yaml': withComponent(
          r,
          '    - name: raw\n      type: k8s-objects\n      properties:\n        objects:\n          - apiVersion: v1\n            kind: Pod\n            metadata: { name: p }\n            spec: { containers: [{ name: c, image: ghcr.io/acme/shop:1, securityContext: { privileged: true } }] }\n'
        )
      }),
    at: { file: dev('application.yaml'), line: 'privileged: true' },
    because: /privileged|pod security|baseline|k8s-objects|type|allowed/i
  },
  {
    name: 'k8s-objects component with an object in kube-system',
    classes: [6],
    ...validate,
    files: r =>
      tampered(r, {
        'application.yaml': withComponent(
          r,
          '    - name: raw\n      type: k8s-objects\n      properties:\n        objects:\n          - apiVersion: v1\n            kind: ConfigMap\n            metadata: { name: c, namespace: kube-system }\n'
        )
      }),
    at: { file: dev('application.yaml'), line: 'namespace: kube-system' },
    because: /namespace|k8s-objects|type|allowed/i
  },
  {
    name: 'Application component type the platform does not allow',
    classes: [6],
    ...validate,
    files: r =>
      tampered(r, {
        'application.yaml': withComponent(
          r,
          '    - name: raw\n      type: helm\n      properties: { chart: x }\n'
        )
      }),
    at: { file: dev('application.yaml'), line: 'type: helm' },
    because: /type|allowed|helm/i
  },
  {
    name: 'Application trait type the platform does not allow',
    classes: [6],
    ...validate,
    files: r =>
      tampered(r, {
        'application.yaml': edit(
          r.dev['application.yaml'],
          '        - type: scaler\n',
          '        - type: json-patch\n          properties: { operations: [] }\n        - type: scaler\n'
        )
      }),
    at: { file: dev('application.yaml'), line: 'type: json-patch' },
    because: /type|allowed|json-patch/i
  },
  {
    name: 'Application policy of type override with a cluster-scoped component',
    classes: [6],
    ...validate,
    files: r =>
      tampered(r, {
        'application.yaml': `${r.dev['application.yaml']}  policies:\n    - name: topo\n      type: topology\n      properties: { clusters: [local], namespace: kube-system }\n`
      }),
    at: {
      file: dev('application.yaml'),
      line: ['  policies:', '- name: topo', 'namespace: kube-system']
    },
    because: /namespace|policy|topology|allowed/i
  }
]

const generators: HostileCase[] = [
  {
    name: 'secretGenerator literal with a password',
    classes: [6, 7],
    ...validate,
    files: r =>
      tampered(r, {
        'kustomization.yaml': `${r.dev['kustomization.yaml']}secretGenerator:\n  - name: db\n    literals: [password=hunter2-hunter2]\n`
      }),
    at: { file: dev('kustomization.yaml'), line: ['- name: db', 'password=hunter2'] },
    because: /secret|generator|literal/i
  },
  {
    name: 'configMapGenerator literal carrying a token',
    classes: [6, 7],
    ...validate,
    files: r =>
      tampered(r, {
        'kustomization.yaml': `${r.dev['kustomization.yaml']}configMapGenerator:\n  - name: cfg\n    literals: [API_TOKEN=ghp_R7mC4pXq9vL2sT8wYb3nK6dF1hJ5gA0eZ2uI]\n`
      }),
    at: { file: dev('kustomization.yaml'), line: ['- name: cfg', 'API_TOKEN='] },
    because: /secret|token|generator|literal/i
  },
  {
    name: 'secretGenerator reading a file outside the folder',
    classes: [3, 6],
    ...validate,
    files: r =>
      tampered(r, {
        'kustomization.yaml': `${r.dev['kustomization.yaml']}secretGenerator:\n  - name: leak\n    files: [../../../outside/secret.txt]\n`
      }),
    at: { file: dev('kustomization.yaml'), line: ['- name: leak', 'outside/secret.txt'] },
    because: /secret|generator|file|outside/i
  },
  {
    name: 'kustomization resource outside the folder',
    classes: [3, 6],
    ...validate,
    files: r =>
      tampered(r, {
        'kustomization.yaml': `${r.dev['kustomization.yaml']}  - ../../../outside/secret.txt\n`
      }),
    at: { file: dev('kustomization.yaml'), line: 'outside/secret.txt' },
    because: /outside|resource|folder|kustomization/i
  },
  {
    name: 'kustomization remote base',
    classes: [3, 6, 8],
    ...validate,
    files: r =>
      tampered(r, {
        'kustomization.yaml': `${r.dev['kustomization.yaml']}  - https://github.com/evil/manifests//base?ref=main\n`
      }),
    at: { file: dev('kustomization.yaml'), line: 'https://github.com/evil' },
    because: /remote|resource|URL|kustomization|outside/i
  },
  {
    name: 'kustomization namespace override to kube-system',
    classes: [6],
    ...validate,
    files: r =>
      tampered(r, {
        'kustomization.yaml': `namespace: kube-system\n${r.dev['kustomization.yaml']}`
      }),
    at: { file: dev('kustomization.yaml'), line: 'namespace: kube-system' },
    because: /namespace/i
  },
  {
    name: 'kustomization patch adding hostNetwork',
    classes: [6],
    ...validate,
    files: r =>
      tampered(r, {
        'kustomization.yaml': `${r.dev['kustomization.yaml']}patches:\n  - target: { kind: Application }\n    patch: |\n      - { op: add, path: /spec/components/0/properties/hostNetwork, value: true }\n`
      }),
    at: { file: dev('kustomization.yaml'), line: ['- target', 'patches:'] },
    because: /patch|host|kustomization|not allowed/i
  }
]

const podSpec = (spec: string) => `    spec:\n${spec}`
const deployment = (spec: string, kind = 'Deployment') =>
  `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: web\n  namespace: shop-dev\nspec:\n  selector: { matchLabels: { a: b } }\n  template:\n    metadata: { labels: { a: b } }\n${podSpec(spec)}`
const C = '        - name: c\n          image: ghcr.io/acme/shop:1\n'
function podCase(name: string, spec: string, line: string, kind = 'Deployment'): HostileCase {
  return {
    name,
    classes: [6],
    ...validate,
    files: extra(deployment(spec, kind)),
    at: atExtra(line),
    because: /privileged|host|capabilit|pod security|baseline|port/i
  }
}
const podSecurity: HostileCase[] = [
  podCase(
    'privileged container',
    `      containers:\n${C}          securityContext: { privileged: true }\n`,
    'privileged: true'
  ),
  podCase(
    'privileged init container',
    `      initContainers:\n${C}          securityContext: { privileged: true }\n      containers:\n${C}`,
    'privileged: true'
  ),
  podCase(
    'hostPath volume of the node root',
    `      volumes: [{ name: root, hostPath: { path: / } }]\n      containers:\n${C}`,
    'hostPath'
  ),
  podCase(
    'hostPath volume of the container runtime socket',
    `      volumes: [{ name: s, hostPath: { path: /run/containerd/containerd.sock } }]\n      containers:\n${C}`,
    'hostPath'
  ),
  podCase('hostNetwork', `      hostNetwork: true\n      containers:\n${C}`, 'hostNetwork: true'),
  podCase('hostPID', `      hostPID: true\n      containers:\n${C}`, 'hostPID: true'),
  podCase('hostIPC', `      hostIPC: true\n      containers:\n${C}`, 'hostIPC: true'),
  podCase(
    'hostPort',
    `      containers:\n${C}          ports: [{ containerPort: 80, hostPort: 80 }]\n`,
    'hostPort: 80'
  ),
  podCase(
    'added capability SYS_ADMIN',
    `      containers:\n${C}          securityContext: { capabilities: { add: [SYS_ADMIN] } }\n`,
    'SYS_ADMIN'
  ),
  podCase(
    'added capability ALL',
    `      containers:\n${C}          securityContext: { capabilities: { add: [ALL] } }\n`,
    'add: [ALL]'
  ),
  podCase(
    'privileged DaemonSet',
    `      containers:\n${C}          securityContext: { privileged: true }\n`,
    'privileged: true',
    'DaemonSet'
  ),
  podCase(
    'hostNetwork StatefulSet',
    `      hostNetwork: true\n      containers:\n${C}`,
    'hostNetwork: true',
    'StatefulSet'
  ),
  {
    name: 'privileged CronJob pod template',
    classes: [6],
    ...validate,
    files: extra(
      `apiVersion: batch/v1\nkind: CronJob\nmetadata: { name: j, namespace: shop-dev }\nspec:\n  schedule: '* * * * *'\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: c\n              image: ghcr.io/acme/shop:1\n              securityContext: { privileged: true }\n`
    ),
    at: atExtra('privileged: true'),
    because: /privileged|pod security|baseline/i
  },
  {
    name: 'bare Pod with hostPID',
    classes: [6],
    ...validate,
    files: extra(
      'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: shop-dev }\nspec:\n  hostPID: true\n  containers: [{ name: c, image: ghcr.io/acme/shop:1 }]\n'
    ),
    at: atExtra('hostPID: true'),
    because: /host|pod security|baseline/i
  },
  {
    name: 'Application storage trait mounting the host root',
    classes: [6],
    ...validate,
    files: r =>
      tampered(r, {
        'application.yaml': edit(
          r.dev['application.yaml'],
          '        - type: scaler\n',
          '        - type: storage\n          properties:\n            hostPath: [{ name: root, path: /, mountPath: /host }]\n        - type: scaler\n'
        )
      }),
    at: { file: dev('application.yaml'), line: 'hostPath' },
    because: /host ?path|pod security|baseline/i
  },
  {
    name: 'Application webservice volumeMounts hostPath of the Docker socket',
    classes: [6],
    ...validate,
    files: r =>
      tampered(r, {
        'application.yaml': edit(
          r.dev['application.yaml'],
          '        image: ',
          '        volumeMounts:\n          hostPath: [{ name: s, path: /var/run/docker.sock, mountPath: /s }]\n        image: '
        )
      }),
    at: { file: dev('application.yaml'), line: 'docker.sock' },
    because: /host ?path|pod security|baseline|socket/i
  }
]

const CONFINED = platform(
  'vault: { name: vault-dev, kind: ClusterSecretStore }',
  "vault: { name: vault-dev, kind: ClusterSecretStore, keyPattern: '{service}/*' }"
)
const esCase = (name: string, from: string, to: string, line: string): HostileCase => ({
  name,
  classes: [4],
  ...validate,
  files: r => ({
    'platform/platform.yaml': CONFINED,
    ...tampered(r, { 'externalsecret-db.yaml': edit(r.dev['externalsecret-db.yaml'], from, to) })
  }),
  at: { file: dev('externalsecret-db.yaml'), line },
  because: /key|pattern|store|find|extract|generator/i
})
const secretKeys: HostileCase[] = [
  esCase(
    "ExternalSecret reading another service's key",
    'key: shop/db',
    'key: payments/db',
    'payments/db'
  ),
  esCase(
    'ExternalSecret key climbing out of the prefix',
    'key: shop/db',
    'key: shop/../payments/db',
    'shop/../payments'
  ),
  esCase(
    'ExternalSecret dataFrom.extract of a foreign key',
    '  data:\n',
    '  dataFrom:\n    - extract: { key: payments/db }\n  data:\n',
    'payments/db'
  ),
  esCase(
    'ExternalSecret dataFrom.find over every key',
    '  data:\n',
    "  dataFrom:\n    - find: { name: { regexp: '.*' } }\n  data:\n",
    'regexp'
  ),
  esCase(
    'ExternalSecret pointing at a store the platform did not map',
    'name: vault-dev',
    'name: vault-prod',
    'vault-prod'
  ),
  esCase(
    'ExternalSecret using a generator the platform did not allow',
    '  data:\n',
    '  dataFrom:\n    - sourceRef: { generatorRef: { apiVersion: generators.external-secrets.io/v1alpha1, kind: Password, name: p } }\n  data:\n',
    'generatorRef'
  ),
  {
    name: 'a second ExternalSecret with a foreign key',
    classes: [4],
    ...validate,
    files: r => ({
      'platform/platform.yaml': CONFINED,
      ...tampered(r, {
        'externalsecret-x.yaml': edit(
          r.dev['externalsecret-db.yaml'],
          'key: shop/db',
          'key: payments/admin'
        ).replace('name: shop-db\n  namespace', 'name: shop-x\n  namespace')
      })
    }),
    at: { file: dev('externalsecret-x.yaml'), line: 'payments/admin' },
    because: /key|pattern|store/i
  },
  {
    name: 'a Secret manifest with data in the folder',
    classes: [7],
    ...validate,
    files: extra(
      'apiVersion: v1\nkind: Secret\nmetadata: { name: s, namespace: shop-dev }\nstringData: { password: hunter2-hunter2 }\n'
    ),
    at: atExtra('kind: Secret'),
    because: /secret|password|ExternalSecret|plain/i
  }
]

const record = (text: string) => (r: Rendered) => ({
  ...tampered(r),
  [dev('.idp/render.json')]: text
})
const sourceMapped = (source: Record<string, unknown>) => (r: Rendered) => {
  const files = tampered(r, {
    'extra.yaml':
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: all\nrules: []\n'
  })
  const rec = JSON.parse(files[dev('.idp/render.json')]) as { sourceMap: unknown[] }
  rec.sourceMap = [{ file: 'extra.yaml', pointer: '/kind', source }, ...rec.sourceMap]
  return { ...files, [dev('.idp/render.json')]: JSON.stringify(rec, null, 2) }
}
const damaged: HostileCase[] = [
  {
    name: 'source map pointing at a file outside the repository',
    classes: [3, 10],
    ...validate,
    files: sourceMapped({ file: '../outside/secret.txt', line: 1, column: 1 }),
    because: /source ?map|outside|record|cluster|scope/i
  },
  {
    name: 'source map pointing at an absolute path',
    classes: [3, 10],
    ...validate,
    files: sourceMapped({ file: '__OUTSIDE__/secret.txt', line: 1, column: 1 }),
    because: /source ?map|outside|record|cluster|scope/i
  },
  {
    name: 'source map pointing at /proc/self/environ',
    classes: [3, 9, 10],
    ...validate,
    files: sourceMapped({ file: '/proc/self/environ', line: 1, column: 1 }),
    because: /source ?map|outside|record|cluster|scope/i
  },
  {
    name: 'source map with a negative line',
    classes: [10],
    ...validate,
    files: sourceMapped({ file: 'idp.yaml', line: -5, column: 1 }),
    because: /source ?map|line|record|cluster|scope/i
  },
  {
    name: 'source map with a line far past the end',
    classes: [10],
    ...validate,
    files: sourceMapped({ file: 'idp.yaml', line: 1e9, column: 1 }),
    because: /source ?map|line|record|cluster|scope/i
  },
  {
    name: 'source map entry of the wrong shape',
    classes: [10],
    ...validate,
    files: r => {
      const f = tampered(r)
      const rec = JSON.parse(f[dev('.idp/render.json')])
      rec.sourceMap = [{ file: 7, pointer: null, source: 'x' }]
      return { ...f, [dev('.idp/render.json')]: JSON.stringify(rec) }
    },
    at: { file: dev('.idp/render.json'), whole: true },
    because: /source ?map|record|render\.json/i
  },
  {
    name: 'render record that is not JSON',
    classes: [10],
    ...validate,
    files: record('{ "service": "shop", '),
    at: { file: dev('.idp/render.json'), whole: true },
    because: /JSON|record/i
  },
  {
    name: 'render record nested 10k deep',
    classes: [8, 10],
    ...validate,
    files: record(`{"service":"shop","x":${'['.repeat(10000)}${']'.repeat(10000)}}`),
    at: { file: dev('.idp/render.json'), whole: true },
    because: /deep|nest|record|JSON|missing/i
  },
  {
    name: 'render record is a symlink to a file outside',
    classes: [3],
    ...validate,
    files: r => ({
      ...tampered(r),
      [dev('.idp/render.json')]: { symlink: '__OUTSIDE__/secret.txt' }
    }),
    at: { file: dev('.idp/render.json'), whole: true },
    because: /symlink|link|outside/i
  },
  {
    name: 'render record is a FIFO',
    classes: [3, 8],
    ...validate,
    files: r => ({ ...tampered(r), [dev('.idp/render.json')]: { fifo: true } }),
    at: { file: dev('.idp/render.json'), whole: true },
    because: /fifo|pipe|regular|special/i
  }
]

const files: HostileCase[] = [
  {
    name: 'a manifest that is a symlink to a secret outside',
    classes: [3],
    ...validate,
    files: r => ({ ...tampered(r), [dev('leak.yaml')]: { symlink: '__OUTSIDE__/secret.txt' } }),
    at: { file: dev('leak.yaml'), whole: true },
    because: /symlink|link|outside/i
  },
  {
    name: 'a manifest that is a symlink to /proc/self/environ',
    classes: [3, 9],
    ...validate,
    files: r => ({ ...tampered(r), [dev('env.yaml')]: { symlink: '/proc/self/environ' } }),
    at: { file: dev('env.yaml'), whole: true },
    because: /symlink|link|outside/i
  },
  {
    name: 'a manifest that is a FIFO',
    classes: [3, 8],
    ...validate,
    files: r => ({ ...tampered(r), [dev('pipe.yaml')]: { fifo: true } }),
    at: { file: dev('pipe.yaml'), whole: true },
    because: /fifo|pipe|regular|special/i
  },
  {
    name: 'a folder named like a manifest',
    classes: [3, 10],
    ...validate,
    inputs: { manifests: 'rendered/dev/dir.yaml' },
    files: r => ({ ...tampered(r), [dev('dir.yaml/x.txt')]: 'x' }),
    because: /directory|folder|match|manifest|no file/i
  },
  {
    name: 'manifests input climbing out of the repository',
    classes: [3],
    ...validate,
    inputs: { manifests: '../outside' },
    because: /outside|repository|workspace/i
  },
  {
    name: 'manifests input is /proc/self',
    classes: [3],
    ...validate,
    inputs: { manifests: '/proc/self/environ' },
    because: /outside|repository|workspace|regular/i
  },
  {
    name: 'manifests glob reaching outside',
    classes: [3],
    ...validate,
    inputs: { manifests: '../*/secret.txt' },
    because: /outside|repository|workspace|match/i
  },
  {
    name: 'a 24 MB manifest',
    classes: [3, 8],
    ...validate,
    files: extra(
      `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big, namespace: shop-dev }\ndata:\n  blob: ${'b'.repeat(24 * 1024 * 1024)}\n`
    ),
    at: { file: dev('extra.yaml'), whole: true },
    because: /large|bytes|size|limit|KiB|MB/i
  },
  {
    name: '100k documents in one manifest',
    classes: [8],
    ...validate,
    files: extra(
      'apiVersion: v1\nkind: Namespace\nmetadata: { name: x }\n' + '---\n{}\n'.repeat(100000)
    ),
    at: { file: dev('extra.yaml') },
    because: /document|cluster|scope|namespace|too many/i
  },
  {
    name: 'a manifest nested 10k deep',
    classes: [8],
    ...validate,
    files: extra(
      `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: deep, namespace: shop-dev }\ndata: ${'{a: '.repeat(10000)}x${'}'.repeat(10000)}\n`
    ),
    at: { file: dev('extra.yaml') },
    because: /deep|nest|depth|too/i
  },
  {
    name: 'a manifest with an unknown YAML tag',
    classes: [10],
    ...validate,
    files: extra(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: t, namespace: shop-dev }\ndata: { a: !include ../outside/secret.txt }\n'
    ),
    at: atExtra('!include'),
    because: /tag/i
  },
  {
    name: 'a manifest with .nan replicas',
    classes: [10],
    ...validate,
    files: extra(
      deployment(`      containers:\n${C}`).replace(
        'spec:\n  selector',
        'spec:\n  replicas: .nan\n  selector'
      )
    ),
    at: atExtra('replicas: .nan'),
    because: /nan|number|finite|integer/i
  },
  {
    name: 'a manifest with an alias bomb',
    classes: [8],
    ...validate,
    files: extra(
      'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n'
    ),
    at: { file: dev('extra.yaml') },
    because: /alias|anchor/i
  }
]

export const manifestsArea: Area = {
  name: 'manifests',
  action: 'validate-policy',
  inputs: { manifests: 'rendered/dev', 'platform-config': 'platform/platform.yaml' },
  cases: [
    ...cluster,
    ...controllers,
    ...namespaces,
    ...hidden,
    ...generators,
    ...podSecurity,
    ...secretKeys,
    ...damaged,
    ...files
  ]
}
