// Guardrails as Kubernetes ValidatingAdmissionPolicies (CEL, admissionregistration.k8s.io/v1,
// Kubernetes ≥ 1.30) with their bindings: the one builder every family uses, and the image rules (every
// Pod and pod template in the service namespaces, whoever creates it: the reconciler, a Deployment's
// ReplicaSet, KubeVela, runs only allowed images).
import type { PlatformConfig } from '../descriptor/types.js'
import { celString } from './expression-text.js'
import type { KubeObject } from './namespaces.js'
import { MANAGED_BY } from './namespaces.js'
import type { EnvironmentTenants } from './tenants.js'

const GUARDRAIL_ANNOTATION = 'idp.dev/guardrail'

/** The namespaces (with `*` globs) as one RE2 expression. */
export function namespaceRegex(namespaces: readonly string[]): string {
  const alternatives = namespaces.map(ns =>
    ns
      .split('*')
      .map(part => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')
  )
  return `^(${alternatives.join('|')})$`
}

const POD_SPEC =
  "object.kind == 'Pod' ? object.spec : (object.kind == 'CronJob' ? object.spec.jobTemplate.spec.template.spec : object.spec.template.spec)"
const CONTAINERS =
  '(has(variables.podSpec.initContainers) ? variables.podSpec.initContainers : []) + variables.podSpec.containers + (has(variables.podSpec.ephemeralContainers) ? variables.podSpec.ephemeralContainers : [])'

/** What a ValidatingAdmissionPolicy checks: the requests it matches and its CEL. */
export interface PolicyChecks {
  readonly resourceRules: readonly KubeObject[]
  readonly matchConditions?: readonly KubeObject[]
  readonly variables?: readonly KubeObject[]
  readonly validations: readonly KubeObject[]
}

/** A ValidatingAdmissionPolicy of one guardrail in one environment, with its binding. */
export function validatingPolicy(
  id: string,
  tenants: EnvironmentTenants,
  enforce: boolean,
  checks: PolicyChecks
): KubeObject[] {
  const name = `idp-${id}-${tenants.environment.name}`
  return [
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name, labels: { ...MANAGED_BY }, annotations: { [GUARDRAIL_ANNOTATION]: id } },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: { resourceRules: checks.resourceRules },
        ...(checks.matchConditions ? { matchConditions: checks.matchConditions } : {}),
        ...(checks.variables ? { variables: checks.variables } : {}),
        validations: checks.validations
      }
    },
    {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name, labels: { ...MANAGED_BY } },
      spec: { policyName: name, validationActions: enforce ? ['Deny'] : ['Warn', 'Audit'] }
    }
  ]
}

const WORKLOADS = [
  { apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['pods'] },
  {
    apiGroups: ['apps'],
    apiVersions: ['v1'],
    operations: ['CREATE', 'UPDATE'],
    resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets']
  },
  {
    apiGroups: ['batch'],
    apiVersions: ['v1'],
    operations: ['CREATE', 'UPDATE'],
    resources: ['jobs', 'cronjobs']
  }
]

/** The image rules: every Pod and pod template in the service namespaces, whoever creates it. */
function policyPair(
  id: string,
  tenants: EnvironmentTenants,
  enforce: boolean,
  expression: string,
  message: string
): KubeObject[] {
  const namespaces = [...new Set(tenants.services.map(s => s.namespace))].sort()
  return validatingPolicy(id, tenants, enforce, {
    resourceRules: WORKLOADS,
    matchConditions: [
      {
        name: 'service-namespace',
        expression: `request.namespace.matches(${celString(namespaceRegex(namespaces))})`
      }
    ],
    variables: [
      { name: 'podSpec', expression: POD_SPEC },
      { name: 'containers', expression: CONTAINERS }
    ],
    validations: [{ expression, message }]
  })
}

/** The ValidatingAdmissionPolicy + binding of one guardrail in one environment; empty when none. */
export function admissionPolicies(
  id: string,
  tenants: EnvironmentTenants,
  platform: PlatformConfig,
  enforce: boolean
): KubeObject[] {
  if (id === 'image-registry') {
    const registries = platform.spec.registries ?? []
    if (registries.length === 0) return []
    const prefixes = registries.map(r => celString(r.endsWith('/') ? r : `${r}/`)).join(', ')
    return policyPair(
      id,
      tenants,
      enforce,
      `variables.containers.all(c, [${prefixes}].exists(p, c.image.startsWith(p)))`,
      `Images must come from the platform's registries: ${registries.join(', ')}.`
    )
  }
  if (id === 'image-digest') {
    if (!tenants.environment.requireDigest) return []
    return policyPair(
      id,
      tenants,
      enforce,
      "variables.containers.all(c, c.image.matches('@sha256:[a-f0-9]{64}$'))",
      `Environment '${tenants.environment.name}' runs only images pinned by digest (image@sha256:<digest>).`
    )
  }
  return []
}
