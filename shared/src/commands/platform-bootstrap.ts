// `idp platform bootstrap`: writes, per environment, the cluster-side tenancy objects (namespaces with
// Pod Security labels, SecretStores, and the Argo CD or Flux objects that confine each service) into a
// folder the platform team owns in the GitOps repository. CLI only: the platform team runs it.
import type { Command, CommandContext } from '../runtime/command.js'
import { requiredInput } from '../runtime/command.js'

interface BootstrapSettings {
  readonly platformConfig: string
  readonly output: string
  readonly serverUrl: string
}

export const platformBootstrapCommand: Command<BootstrapSettings> = {
  cli: 'platform bootstrap',
  description:
    'Render the cluster-side tenancy objects of every environment from the platform config into a platform-owned folder of the GitOps repository: Namespaces with Pod Security Admission labels, namespaced SecretStores, and for spec.gitops.engine argocd an AppProject per owner team, an ApplicationSet over the service folders and the KubeVela health check, for flux a Kustomization, ServiceAccount and RoleBinding per service. A kustomization.yaml per folder.',
  inputs: [
    {
      name: 'platform-config',
      description: 'Path of the platform config: environments, GitOps engine, service registry.',
      required: true
    },
    {
      name: 'output',
      description:
        'The folder to write (one sub-folder per environment), e.g. clusters in the GitOps repository checkout.',
      required: true
    }
  ],
  outputs: [],
  settings(read, context: CommandContext): BootstrapSettings {
    return {
      platformConfig: requiredInput(read, 'platform-config'),
      output: requiredInput(read, 'output'),
      serverUrl: context.env.GITHUB_SERVER_URL || 'https://github.com'
    }
  },
  async run(settings, context) {
    const { loadPlatformConfig } = await import('../descriptor/platform.js')
    const { platformInputPath } = await import('../boundary/inputs.js')
    const { renderBootstrap } = await import('../platform/bootstrap.js')
    const { writeOutputFolder } = await import('../platform/output.js')
    const platform = loadPlatformConfig(
      platformInputPath(context, settings.platformConfig, 'The platform config')
    )
    const result = renderBootstrap(platform, settings.serverUrl)
    for (const warning of result.warnings) context.logger.warning(warning)
    const written = writeOutputFolder(context, settings.output, result.files)
    context.logger.info(`Wrote ${result.files.size} files to ${written}.`)
    return { outputs: {} }
  }
}
