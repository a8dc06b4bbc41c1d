// Boundary: which kinds a service may carry. Decides the scope (namespaced or cluster-scoped) of every
// apiVersion + kind idp meets, from the CRDs given, idp's own knowledge and the platform's `spec.kinds`,
// and which kinds steer the platform's own controllers (GitOps, policy exceptions, KubeVela
// definitions). What nobody knows stays unknown: callers refuse it rather than assume "namespaced".

import { inputRef } from '../runtime/surface.js'
import type { PlatformConfig } from '../descriptor/types.js'

export type Scope = 'Namespaced' | 'Cluster'

/** A platform config's `spec.kinds[]` entry: the scope of a kind idp does not know. */
export interface KindDeclaration {
  /** `group/version`, or `group/*` for every version of the group. */
  readonly apiVersion: string
  readonly kind: string
  readonly scope: Scope
}

/** How each API group's kinds are scoped: listed kinds, then a rule for the rest of the group. */
interface GroupScopes {
  readonly cluster?: readonly string[]
  readonly namespaced?: readonly string[]
  /** The scope of a kind the lists do not name; absent: unknown. */
  readonly other?: (kind: string) => Scope | undefined
}

const allCluster = () => 'Cluster' as const
const allNamespaced = () => 'Namespaced' as const
/** Groups whose `Cluster…` kinds are cluster-scoped and every other kind is namespaced. */
const clusterPrefixed = (kind: string): Scope =>
  /^Cluster[A-Z]/.test(kind) ? 'Cluster' : 'Namespaced'

const GROUPS: Readonly<Record<string, GroupScopes>> = {
  '': {
    cluster: ['Namespace', 'Node', 'PersistentVolume', 'ComponentStatus'],
    namespaced: [
      'ConfigMap',
      'Secret',
      'Service',
      'ServiceAccount',
      'Pod',
      'PodTemplate',
      'PersistentVolumeClaim',
      'LimitRange',
      'ResourceQuota',
      'Endpoints',
      'Event',
      'ReplicationController',
      'Binding'
    ]
  },
  apps: { other: allNamespaced },
  batch: { other: allNamespaced },
  autoscaling: { other: allNamespaced },
  policy: { cluster: ['PodSecurityPolicy'], namespaced: ['PodDisruptionBudget', 'Eviction'] },
  'networking.k8s.io': {
    cluster: ['IngressClass', 'ServiceCIDR', 'IPAddress', 'ClusterCIDR'],
    namespaced: ['Ingress', 'NetworkPolicy']
  },
  'discovery.k8s.io': { namespaced: ['EndpointSlice'] },
  'coordination.k8s.io': { namespaced: ['Lease', 'LeaseCandidate'] },
  'events.k8s.io': { namespaced: ['Event'] },
  'rbac.authorization.k8s.io': {
    cluster: ['ClusterRole', 'ClusterRoleBinding'],
    namespaced: ['Role', 'RoleBinding']
  },
  'storage.k8s.io': {
    cluster: ['StorageClass', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'VolumeAttributesClass'],
    namespaced: ['CSIStorageCapacity']
  },
  'snapshot.storage.k8s.io': {
    cluster: ['VolumeSnapshotClass', 'VolumeSnapshotContent'],
    namespaced: ['VolumeSnapshot']
  },
  'groupsnapshot.storage.k8s.io': {
    cluster: ['VolumeGroupSnapshotClass', 'VolumeGroupSnapshotContent'],
    namespaced: ['VolumeGroupSnapshot']
  },
  'admissionregistration.k8s.io': { other: allCluster },
  'apiextensions.k8s.io': { other: allCluster },
  'apiregistration.k8s.io': { other: allCluster },
  'scheduling.k8s.io': { other: allCluster },
  'node.k8s.io': { other: allCluster },
  'certificates.k8s.io': { other: allCluster },
  'flowcontrol.apiserver.k8s.io': { other: allCluster },
  'internal.apiserver.k8s.io': { other: allCluster },
  'storagemigration.k8s.io': { other: allCluster },
  'authentication.k8s.io': { other: allCluster },
  'authorization.k8s.io': {
    namespaced: ['LocalSubjectAccessReview'],
    other: allCluster
  },
  'resource.k8s.io': {
    cluster: ['DeviceClass', 'ResourceSlice', 'DeviceTaintRule'],
    namespaced: ['ResourceClaim', 'ResourceClaimTemplate', 'PodSchedulingContext']
  },
  'gateway.networking.k8s.io': { cluster: ['GatewayClass'], other: allNamespaced },
  'policy.networking.k8s.io': { other: allCluster },
  // Crossplane's own API groups: everything is cluster-scoped except v2's namespaced Usage.
  'apiextensions.crossplane.io': { other: allCluster },
  'pkg.crossplane.io': { other: allCluster },
  'ops.crossplane.io': { other: allCluster },
  'secrets.crossplane.io': { other: allCluster },
  'protection.crossplane.io': { cluster: ['ClusterUsage'], namespaced: ['Usage'] },
  'kyverno.io': {
    cluster: ['ClusterPolicy', 'ClusterCleanupPolicy', 'GlobalContextEntry'],
    namespaced: ['Policy', 'CleanupPolicy', 'PolicyException', 'UpdateRequest']
  },
  'policies.kyverno.io': {
    cluster: [
      'ValidatingPolicy',
      'MutatingPolicy',
      'ImageValidatingPolicy',
      'GeneratingPolicy',
      'DeletingPolicy'
    ],
    namespaced: [
      'PolicyException',
      'NamespacedValidatingPolicy',
      'NamespacedMutatingPolicy',
      'NamespacedImageValidatingPolicy',
      'NamespacedGeneratingPolicy',
      'NamespacedDeletingPolicy'
    ]
  },
  'reports.kyverno.io': { other: clusterPrefixed },
  'wgpolicyk8s.io': { other: clusterPrefixed },
  'openreports.io': { other: clusterPrefixed },
  'external-secrets.io': { other: clusterPrefixed },
  'generators.external-secrets.io': { other: clusterPrefixed },
  'cert-manager.io': { other: clusterPrefixed },
  'acme.cert-manager.io': { other: allNamespaced },
  'trust.cert-manager.io': { other: allCluster },
  'argoproj.io': {
    cluster: ['ClusterAnalysisTemplate', 'ClusterWorkflowTemplate'],
    namespaced: [
      'Application',
      'ApplicationSet',
      'AppProject',
      'Rollout',
      'AnalysisTemplate',
      'AnalysisRun',
      'Experiment',
      'Workflow',
      'WorkflowTemplate',
      'CronWorkflow'
    ]
  },
  'core.oam.dev': { cluster: ['ResourceTracker'], other: allNamespaced },
  'workflow.oam.dev': { other: allNamespaced },
  'templates.gatekeeper.sh': { other: allCluster },
  'constraints.gatekeeper.sh': { other: allCluster },
  'mutations.gatekeeper.sh': { other: allCluster },
  'expansion.gatekeeper.sh': { other: allCluster },
  'externaldata.gatekeeper.sh': { other: allCluster },
  'monitoring.coreos.com': { other: allNamespaced },
  'bitnami.com': { namespaced: ['SealedSecret'] },
  'keda.sh': { other: clusterPrefixed }
}

/** The API group of an apiVersion (`''` for the core `v1`). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/')
  return slash < 0 ? '' : apiVersion.slice(0, slash)
}

/** Crossplane provider groups: `*.upbound.io` and `*.crossplane.io` outside Crossplane's own groups. */
const PROVIDER_GROUP = /(^|\.)(upbound|crossplane)\.io$/
/** Crossplane v2 puts namespaced managed resources (and ProviderConfigs) in `.m.` groups. */
const NAMESPACED_PROVIDER_GROUP = /(^|\.)m\.(upbound|crossplane)\.io$/

function groupRuleScope(group: string, kind: string): Scope | undefined {
  if (NAMESPACED_PROVIDER_GROUP.test(group)) return clusterPrefixed(kind)
  // Crossplane v1 managed resources, ProviderConfigs and their usages are all cluster-scoped.
  if (PROVIDER_GROUP.test(group)) return 'Cluster'
  if (group.endsWith('.toolkit.fluxcd.io') || group.endsWith('.extensions.fluxcd.io'))
    return 'Namespaced'
  if (group === 'istio.io' || group.endsWith('.istio.io')) return 'Namespaced'
  return undefined
}

/** The scope of a kind idp knows by name (Kubernetes and well-known projects' API groups). */
export function listedScope(apiVersion: string, kind: string): Scope | undefined {
  const group = groupOf(apiVersion)
  const known = Object.hasOwn(GROUPS, group) ? GROUPS[group] : undefined
  if (!known) return undefined
  if (known.cluster?.includes(kind)) return 'Cluster'
  if (known.namespaced?.includes(kind)) return 'Namespaced'
  return known.other?.(kind)
}

/**
 * The scope idp infers from naming conventions: Crossplane provider groups (`*.upbound.io`,
 * `*.crossplane.io`; v2's `.m.` groups namespaced), Flux and Istio groups, and `Cluster…` kinds. A
 * convention can miss (an XRD may use an `upbound.io` group for its claims), so a CRD given or a
 * platform declaration overrides it.
 */
export function conventionalScope(apiVersion: string, kind: string): Scope | undefined {
  const byGroup = groupRuleScope(groupOf(apiVersion), kind)
  if (byGroup) return byGroup
  return /^Cluster[A-Z]/.test(kind) ? 'Cluster' : undefined
}

/** What idp itself knows or infers about a kind's scope; undefined when it does not know. */
export function builtinScope(apiVersion: string, kind: string): Scope | undefined {
  return listedScope(apiVersion, kind) ?? conventionalScope(apiVersion, kind)
}

/** Whether a `spec.kinds` entry's apiVersion (`group/version` or `group/*`) covers an apiVersion. */
export function declarationCovers(declared: string, apiVersion: string): boolean {
  if (declared.endsWith('/*')) return groupOf(apiVersion) === declared.slice(0, -2)
  return declared === apiVersion
}

/** The scope the platform declares for a kind in `spec.kinds`, when it declares one. */
export function declaredScope(
  declarations: readonly KindDeclaration[],
  apiVersion: string,
  kind: string
): Scope | undefined {
  const matching = declarations.filter(
    d => d.kind === kind && declarationCovers(d.apiVersion, apiVersion)
  )
  if (matching.length === 0) return undefined
  return matching.some(d => d.scope === 'Cluster') ? 'Cluster' : 'Namespaced'
}

/**
 * What the platform config says about scopes: its `spec.kinds`, and its resource types (a v1 XRD's
 * claim or a v2 namespaced XR), which are namespaced.
 */
export function platformKindDeclarations(platform: PlatformConfig | undefined): KindDeclaration[] {
  return [
    ...(platform?.spec.kinds ?? []),
    ...(platform?.spec.resourceTypes ?? []).map(t => ({
      apiVersion: t.apiVersion,
      kind: t.kind,
      scope: 'Namespaced' as const
    }))
  ]
}

/**
 * A kind's scope from every source: the CRD given for it (`crds` input, platform `spec.crds`), the
 * kinds idp knows by name and the platform's `spec.kinds` (and resource types). When they disagree the
 * kind is cluster-scoped: a wrong "cluster-scoped" refuses an object, a wrong "namespaced" would let
 * one through. Only when none of them knows the kind does idp's naming convention decide.
 */
export function resolveScope(
  apiVersion: string,
  kind: string,
  fromDefinition: Scope | undefined,
  declarations: readonly KindDeclaration[] = []
): Scope | undefined {
  const answers = [
    fromDefinition,
    listedScope(apiVersion, kind),
    declaredScope(declarations, apiVersion, kind)
  ].filter((s): s is Scope => s !== undefined)
  if (answers.length === 0) return conventionalScope(apiVersion, kind)
  return answers.includes('Cluster') ? 'Cluster' : 'Namespaced'
}

/**
 * Why a kind steers the platform's controllers, so that a service folder carrying it could reach past
 * its namespace (Argo CD / Flux objects pick sources, destinations and service accounts; a Kyverno
 * PolicyException switches policies off; a KubeVela definition runs CUE with the controller's rights).
 * Undefined for ordinary workload kinds.
 */
export function platformObjectReason(apiVersion: string, kind: string): string | undefined {
  const group = groupOf(apiVersion)
  if (group === 'argoproj.io' && ['Application', 'ApplicationSet', 'AppProject'].includes(kind))
    return `an Argo CD ${kind} chooses what is synced where and with which rights; it belongs in the Argo CD namespace, managed by the platform`
  if (group.endsWith('.toolkit.fluxcd.io') || group.endsWith('.extensions.fluxcd.io'))
    return `a Flux ${kind} chooses what is applied where and with which service account; it belongs to the platform's Flux configuration`
  if ((group === 'kyverno.io' || group === 'policies.kyverno.io') && kind === 'PolicyException')
    return 'a Kyverno PolicyException switches the platform policies off for the resources it matches'
  if (group === 'core.oam.dev' && kind.endsWith('Definition'))
    return `a KubeVela ${kind} is CUE that the KubeVela controller renders and applies with its own cluster-wide rights`
  if (
    (group === 'core.oam.dev' && (kind === 'Policy' || kind === 'Workflow')) ||
    group === 'workflow.oam.dev'
  )
    return `a KubeVela ${kind} can send Applications to other namespaces and clusters, or apply objects with the controller's rights`
  return undefined
}

/** What a finding says to make an unknown kind known. */
export function declareKindHint(apiVersion: string, kind: string): string {
  return `Give its CRD (${inputRef('crds')} or the platform config's spec.crds), or declare it in the platform config: spec.kinds: [{ apiVersion: '${apiVersion}', kind: ${kind}, scope: Namespaced | Cluster }].`
}
