// Flux tenancy for one environment: per service a Kustomization in the platform's flux-system namespace
// that reconciles the service's folder as the service's own ServiceAccount (impersonation) into its
// namespace, with that account bound to the namespace only. The Kustomization lives outside the
// tenant's namespace, so the tenant's own objects cannot change its serviceAccountName or path.
import type { KubeObject } from './namespaces.js'
import { MANAGED_BY } from './namespaces.js'
import type { EnvironmentTenants } from './tenants.js'
import { exactServices } from './tenants.js'

export const FLUX_NAMESPACE = 'flux-system'
/** The GitRepository `flux bootstrap` creates for the repository it reads. */
export const FLUX_SOURCE = 'flux-system'
export const RECONCILER_BINDING = 'idp-reconciler'

export function fluxObjects(tenants: EnvironmentTenants): KubeObject[] {
  const objects: KubeObject[] = []
  for (const service of exactServices(tenants)) {
    const account = `idp-${service.namespace}`
    const labels = { ...MANAGED_BY, 'idp.dev/service': service.name }
    objects.push(
      {
        apiVersion: 'v1',
        kind: 'ServiceAccount',
        metadata: { name: account, namespace: FLUX_NAMESPACE, labels }
      },
      {
        // A RoleBinding, not a ClusterRoleBinding: cluster-admin inside this namespace only
        // (flux2-multi-tenancy's tenant binding); cluster-scoped kinds and other namespaces fail RBAC.
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'RoleBinding',
        metadata: { name: RECONCILER_BINDING, namespace: service.namespace, labels },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'cluster-admin'
        },
        subjects: [{ kind: 'ServiceAccount', name: account, namespace: FLUX_NAMESPACE }]
      },
      {
        apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
        kind: 'Kustomization',
        metadata: { name: account, namespace: FLUX_NAMESPACE, labels },
        spec: {
          interval: '5m',
          path: `./${service.folder}`,
          prune: true,
          sourceRef: { kind: 'GitRepository', name: FLUX_SOURCE },
          serviceAccountName: account,
          targetNamespace: service.namespace,
          timeout: '3m'
        }
      }
    )
  }
  return objects
}
