// Argo CD tenancy for one environment: an AppProject per owner team that admits only the GitOps
// repository and that team's namespaces and no cluster-scoped kind at all, and an ApplicationSet whose
// git directory generators list the service folders. The project of each generated Application comes
// from the generator (the platform's registry), never from the repository's content: whoever can push
// a folder cannot pick a looser project (Argo CD ApplicationSet security notes).
import { fillPattern } from '../descriptor/patterns.js'
import type { PlatformConfig } from '../descriptor/types.js'
import type { KubeObject } from './namespaces.js'
import { MANAGED_BY } from './namespaces.js'
import type { EnvironmentTenants, TenantService } from './tenants.js'
import { shadowingEntries } from './tenants.js'

export const ARGOCD_NAMESPACE = 'argocd'
export const IN_CLUSTER = 'https://kubernetes.default.svc'

/**
 * KubeVela's Application has no built-in Argo CD health check, and its workloads belong to a
 * ResourceTracker, not to the Application: without this check Argo CD shows a failing app as healthy.
 * Maps status.status and status.services[].healthy (reference: tenancy notes §a6); uses only the
 * libraries Argo CD always opens (no `string`).
 */
export const KUBEVELA_HEALTH_LUA = `local hs = { status = "Progressing", message = "Waiting for KubeVela to report status" }
if obj.status == nil then return hs end
local st = obj.status
if obj.metadata.generation ~= nil and st.observedGeneration ~= nil and st.observedGeneration < obj.metadata.generation then
  hs.message = "Waiting for KubeVela to observe the latest spec"
  return hs
end
local bad = {}
if st.services ~= nil then
  for _, svc in ipairs(st.services) do
    if svc.healthy ~= true then
      local m = tostring(svc.name)
      if svc.message ~= nil and svc.message ~= "" then m = m .. ": " .. svc.message end
      table.insert(bad, m)
    end
  end
end
local phase = st.status
if phase == "running" and #bad == 0 then
  hs.status = "Healthy"
  hs.message = "running"
elseif phase == "workflowSuspending" then
  hs.status = "Suspended"
  hs.message = "workflow suspended"
elseif phase == "workflowFailed" or phase == "workflowTerminated" or phase == "unhealthy" or (phase == "running" and #bad > 0) then
  hs.status = "Degraded"
  hs.message = tostring(phase) .. ": " .. table.concat(bad, "; ")
else
  hs.message = "phase " .. tostring(phase)
end
return hs
`

export const KUBEVELA_HEALTH_KEY = 'resource.customizations.health.core.oam.dev_Application'

export function appProjects(tenants: EnvironmentTenants): KubeObject[] {
  return tenants.teams.map(team => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: team.project, namespace: ARGOCD_NAMESPACE, labels: { ...MANAGED_BY } },
    spec: {
      description: `Services of ${team.owner ?? team.services[0].name} in ${tenants.environment.name} (idp platform bootstrap)`,
      sourceRepos: [tenants.repository],
      // A `!` entry wins over every allow: the namespaces of other owners' services inside one of
      // this team's globs.
      destinations: [
        ...team.services.map(s => ({ server: IN_CLUSTER, namespace: s.namespace })),
        ...team.denied.map(s => ({ server: IN_CLUSTER, namespace: `!${s.namespace}` }))
      ],
      // Empty: no cluster-scoped kind (Namespaces included) may be synced by a service.
      clusterResourceWhitelist: [],
      // The platform's objects inside the namespace stay the platform's.
      namespaceResourceBlacklist: [
        { group: '', kind: 'ResourceQuota' },
        { group: '', kind: 'LimitRange' }
      ]
    }
  }))
}

/** `{service}` in a pattern as the ApplicationSet template reads it from the folder path. */
function templated(tenants: EnvironmentTenants, pattern: string): string {
  return fillPattern(pattern, {
    service: `{{index .path.segments ${tenants.serviceSegment}}}`,
    environment: tenants.environment.name
  })
}

function generatorFor(
  tenants: EnvironmentTenants,
  service: TenantService,
  project: string
): KubeObject {
  return {
    git: {
      repoURL: tenants.repository,
      revision: tenants.branch,
      directories: [
        { path: service.folder },
        // Exact names and earlier globs decide their own folders (the registry's precedence), so no
        // folder yields two Applications or one under the wrong project.
        ...shadowingEntries(tenants.services, service).map(s => ({ path: s.folder, exclude: true }))
      ],
      values: { project }
    }
  }
}

export function applicationSet(tenants: EnvironmentTenants, platform: PlatformConfig): KubeObject {
  const env = tenants.environment.name
  const generators = [...tenants.services]
    .sort((a, b) => a.index - b.index)
    .map(service => {
      const team = tenants.teams.find(t => t.services.includes(service))
      return generatorFor(tenants, service, team?.project ?? '')
    })
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: `idp-${env}`, namespace: ARGOCD_NAMESPACE, labels: { ...MANAGED_BY } },
    spec: {
      goTemplate: true,
      goTemplateOptions: ['missingkey=error'],
      generators,
      template: {
        metadata: {
          name: templated(
            tenants,
            platform.spec.catalog?.argocdAppPattern ?? '{service}-{environment}'
          ),
          labels: { 'idp.dev/environment': env }
        },
        spec: {
          project: '{{.values.project}}',
          source: {
            repoURL: tenants.repository,
            targetRevision: tenants.branch,
            path: '{{.path.path}}'
          },
          destination: {
            server: IN_CLUSTER,
            namespace: templated(tenants, tenants.environment.namespace)
          },
          // No CreateNamespace: the namespaces are platform objects (the project admits no cluster kind).
          syncPolicy: { automated: { prune: true, selfHeal: true } }
        }
      }
    }
  }
}

/** The argocd-cm key with the KubeVela health check; merged into Argo CD's own argocd-cm. */
export function healthCheckConfigMap(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: 'argocd-cm',
      namespace: ARGOCD_NAMESPACE,
      labels: { 'app.kubernetes.io/name': 'argocd-cm', 'app.kubernetes.io/part-of': 'argocd' }
    },
    data: { [KUBEVELA_HEALTH_KEY]: KUBEVELA_HEALTH_LUA }
  }
}
