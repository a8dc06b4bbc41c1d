// `idp platform bootstrap`: writes, per environment, the cluster-side tenancy objects (namespaces with
// Pod Security labels, SecretStores, and the Argo CD or Flux objects that confine each service) into a
// folder the platform team owns in the GitOps repository. CLI only: the platform team runs it.
import { platformOutputCommand } from './platform-output.js'

export const platformBootstrapCommand = platformOutputCommand({
  cli: 'platform bootstrap',
  description:
    'Render the cluster-side tenancy objects of every environment from the platform config into a platform-owned folder of the GitOps repository: Namespaces with Pod Security Admission labels, namespaced SecretStores, and for spec.gitops.engine argocd an AppProject per owner team, an ApplicationSet over the service folders and the KubeVela health check, for flux a Kustomization, ServiceAccount and RoleBinding per service. A kustomization.yaml per folder.',
  readsFromPlatform: 'environments, GitOps engine, service registry',
  outputExample: 'clusters',
  async render(platform, serverUrl, context) {
    const { renderBootstrap } = await import('../platform/bootstrap.js')
    const result = renderBootstrap(platform, serverUrl)
    for (const warning of result.warnings) context.logger.warning(warning)
    return result.files
  }
})
