// The namespaces the services of one environment run in, as platform objects: each with its Pod
// Security Admission labels and the namespaced SecretStores the platform maps per namespace. Neither
// Argo CD (empty clusterResourceWhitelist) nor Flux (targetNamespace) creates a namespace for a tenant,
// so the platform folder does.
import { OWNER_LABEL } from '../policy/engines/guardrails/rules.js'
import { isObject } from '../policy/manifest-documents.js'
import type { Problem } from '../runtime/errors.js'
import type { EnvironmentTenants } from './tenants.js'
import { exactServices, teamOf } from './tenants.js'

export type KubeObject = Record<string, unknown>

/** Labels every object bootstrap renders carries, so the cluster shows who made it. */
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'idp-platform-bootstrap' }

/** `group:default/team-a` → `team-a`; an entry without owner belongs to the platform. */
function ownerLabelValue(owner: string | undefined): string {
  return owner ? owner.slice(owner.indexOf('/') + 1) : 'platform'
}

export function namespaceObjects(tenants: EnvironmentTenants): KubeObject[] {
  const level = tenants.podSecurity
  return exactServices(tenants).map(service => {
    const owner = teamOf(tenants, service).owner
    return {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: service.namespace,
        labels: {
          ...(tenants.environment.labels ?? {}),
          ...MANAGED_BY,
          'idp.dev/service': service.name,
          'idp.dev/environment': tenants.environment.name,
          [OWNER_LABEL]: ownerLabelValue(owner),
          'pod-security.kubernetes.io/enforce': level,
          'pod-security.kubernetes.io/enforce-version': 'latest',
          'pod-security.kubernetes.io/warn': level,
          'pod-security.kubernetes.io/audit': level
        }
      }
    }
  })
}

/** Fills `{service}`, `{namespace}` and `{environment}` in every string of a store spec. */
function fillStrings(value: unknown, values: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string')
    return value.replace(/\{(service|namespace|environment)\}/g, (_, name: string) => values[name])
  if (Array.isArray(value)) return value.map(v => fillStrings(v, values))
  if (isObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillStrings(v, values)]))
  return value
}

/**
 * One SecretStore per service namespace for every store alias the environment maps to a namespaced
 * `SecretStore` with a `spec`. A namespaced store without `spec` is reported: render's ExternalSecrets
 * would point at a store nobody creates unless the platform makes it some other way.
 */
export function secretStoreObjects(tenants: EnvironmentTenants): {
  objects: KubeObject[]
  warnings: string[]
  problems: Problem[]
} {
  const objects: KubeObject[] = []
  const warnings: string[] = []
  const problems: Problem[] = []
  const env = tenants.environment
  const aliases = Object.keys(env.secretStores).sort()
  for (const alias of aliases) {
    const store = env.secretStores[alias]
    if (store.kind === 'SealedSecrets') continue
    if (store.kind === 'ClusterSecretStore') {
      if (store.spec)
        problems.push({
          message: `Store '${alias}' of environment '${env.name}' is a ClusterSecretStore with a spec; bootstrap creates only namespaced SecretStores.`,
          hint: 'Drop spec (the platform installs the ClusterSecretStore), or make it kind: SecretStore.'
        })
      continue
    }
    if (!store.spec) {
      warnings.push(
        `Store '${alias}' of environment '${env.name}' maps to the namespaced SecretStore '${store.name}', but has no spec: bootstrap does not create it, so ExternalSecrets using it stay unready until the platform does.`
      )
      continue
    }
    for (const service of exactServices(tenants)) {
      const values = { service: service.name, namespace: service.namespace, environment: env.name }
      objects.push({
        apiVersion: 'external-secrets.io/v1',
        kind: 'SecretStore',
        metadata: {
          name: store.name,
          namespace: service.namespace,
          // The owner label the exported owner-label policy requires of everything Argo CD's
          // controller writes into a service namespace: the platform's own objects included.
          labels: {
            ...MANAGED_BY,
            'idp.dev/store-alias': alias,
            [OWNER_LABEL]: ownerLabelValue(teamOf(tenants, service).owner)
          }
        },
        spec: fillStrings(store.spec, values)
      })
    }
  }
  return { objects, warnings, problems }
}
