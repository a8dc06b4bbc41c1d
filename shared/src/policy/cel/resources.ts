// Kubernetes resource naming the CEL policy kinds match on: the group/version/kind of an object and
// the plural resource name (`pods`, `deployments`, `ingresses`, `networkpolicies`) that
// `resourceRules` and Kyverno's `resource.Get` use. Built-in kinds come from a table (as the Kyverno
// CLI's discovery data does); other kinds get the Kubernetes default plural (lower case, `-s`/`-es`/`-ies`).

import { ownValue } from '../../descriptor/own.js'

type Obj = Record<string, unknown>

const irregular: Record<string, string> = {
  Endpoints: 'endpoints',
  EndpointSlice: 'endpointslices',
  PodSecurityPolicy: 'podsecuritypolicies',
  NetworkPolicy: 'networkpolicies',
  Ingress: 'ingresses',
  IngressClass: 'ingressclasses',
  StorageClass: 'storageclasses',
  PriorityClass: 'priorityclasses',
  RuntimeClass: 'runtimeclasses',
  ComponentStatus: 'componentstatuses'
}

/** The plural resource name of a kind (`Deployment` → `deployments`). */
export function pluralOf(kind: string): string {
  // Own keys only: a kind named `constructor` is an ordinary kind, not Object.prototype's function.
  const known = ownValue(irregular, kind)
  if (known) return known
  const lower = kind.toLowerCase()
  if (/(s|x|z|ch|sh)$/.test(lower)) return `${lower}es`
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`
  return `${lower}s`
}

export interface GroupVersionKind {
  readonly group: string
  readonly version: string
  readonly kind: string
}

export function gvkOf(object: Obj): GroupVersionKind {
  const apiVersion = String(object.apiVersion ?? '')
  const slash = apiVersion.indexOf('/')
  return {
    group: slash < 0 ? '' : apiVersion.slice(0, slash),
    version: slash < 0 ? apiVersion : apiVersion.slice(slash + 1),
    kind: String(object.kind ?? '')
  }
}

/** Kinds that are not namespaced (the CLI's discovery data), for CEL and classic tests alike; everything else is. */
export const clusterScopedKinds = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'CustomResourceDefinition',
  'APIService',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'CertificateSigningRequest',
  'PodSecurityPolicy',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'ComponentStatus',
  'TokenReview',
  'SelfSubjectAccessReview',
  'SelfSubjectRulesReview',
  'SubjectAccessReview',
  'IPAddress',
  'ServiceCIDR',
  'DeviceClass',
  'ClusterPolicy',
  'ClusterIssuer'
])
