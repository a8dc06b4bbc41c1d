// `idp platform policies`: writes the built-in guardrails, as the platform config sets them, as
// admission policies per environment (Kyverno ClusterPolicies; ValidatingAdmissionPolicies with
// bindings where CEL says it plainly), so the cluster refuses what validate would have refused even
// when a service skips idp. CLI only: the platform team runs it.
import type { Command, CommandContext } from '../runtime/command.js'
import { requiredInput } from '../runtime/command.js'

interface PoliciesSettings {
  readonly platformConfig: string
  readonly output: string
  readonly serverUrl: string
}

export const platformPoliciesCommand: Command<PoliciesSettings> = {
  cli: 'platform policies',
  description:
    'Write the built-in guardrails as admission policies for every environment (Kyverno ClusterPolicies, and ValidatingAdmissionPolicies with bindings where CEL expresses them), as the platform config configures them; the README in the output lists what is exported in part or not at all, and why.',
  inputs: [
    {
      name: 'platform-config',
      description:
        'Path of the platform config: environments, guardrail settings, registries, service registry.',
      required: true
    },
    {
      name: 'output',
      description:
        'The folder to write (one sub-folder per environment), e.g. policies in the GitOps repository checkout.',
      required: true
    }
  ],
  outputs: [],
  settings(read, context: CommandContext): PoliciesSettings {
    return {
      platformConfig: requiredInput(read, 'platform-config'),
      output: requiredInput(read, 'output'),
      serverUrl: context.env.GITHUB_SERVER_URL || 'https://github.com'
    }
  },
  async run(settings, context) {
    const { loadPlatformConfig } = await import('../descriptor/platform.js')
    const { platformInputPath } = await import('../boundary/inputs.js')
    const { renderPolicies } = await import('../platform/policies.js')
    const { writeOutputFolder } = await import('../platform/output.js')
    const platform = loadPlatformConfig(
      platformInputPath(context, settings.platformConfig, 'The platform config')
    )
    const result = renderPolicies(platform, settings.serverUrl)
    for (const e of result.environments)
      context.logger.info(
        `${e.environment}: exported ${e.exported.join(', ') || 'nothing'}; not exported: ${Object.keys(e.notExported).join(', ') || 'none'} (see README.md).`
      )
    const written = writeOutputFolder(context, settings.output, result.files)
    context.logger.info(`Wrote ${result.files.size} files to ${written}.`)
    return { outputs: {} }
  }
}
