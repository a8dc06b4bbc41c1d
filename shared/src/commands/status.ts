// `idp status`: per service and environment, what runs (from the GitOps repository's render records),
// how far later environments are behind the first, and which services have been idle for N days.
import type { Command, CommandContext } from '../runtime/command.js'
import { booleanInput, integerInput, requiredInput } from '../runtime/command.js'
import { UserError } from '../runtime/errors.js'
import { inputRefStart } from '../runtime/surface.js'

interface StatusSettings {
  readonly platformConfig: string
  readonly repository?: string
  readonly service?: string
  readonly token?: string
  readonly json: boolean
  readonly staleDays: number
  readonly serverUrl: string
}

export const statusCommand: Command<StatusSettings> = {
  cli: 'status',
  description:
    "Show what runs in every environment (images, source commit and time, run) from the GitOps repository's render records, how far each later environment is behind the first, and which services have not been promoted for --stale-days.",
  inputs: [
    {
      name: 'platform-config',
      description: 'Path of the platform config: its environments and GitOps targets.',
      required: true
    },
    {
      name: 'repository',
      description:
        "The GitOps repository to read instead of the platform config's: owner/name, a git URL or a path."
    },
    { name: 'service', description: 'Show this service only. Default: every service found.' },
    {
      name: 'token',
      description: 'A token that may read the GitOps repository (private repositories).',
      secret: true
    },
    {
      name: 'stale-days',
      description: 'Days without promotion that mark a service stale.',
      default: '30'
    },
    {
      name: 'json',
      boolean: true,
      description: 'Print the report as JSON.',
      default: 'false'
    }
  ],
  outputs: [],
  settings(read, context: CommandContext): StatusSettings {
    const service = read('service')
    if (service !== undefined && !/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(service))
      throw new UserError({
        message: `${inputRefStart('service')} '${service}' is not a service name.`
      })
    return {
      platformConfig: requiredInput(read, 'platform-config'),
      repository: read('repository'),
      service,
      token: read('token') ?? context.env.GITOPS_TOKEN,
      json: booleanInput(read, 'json', false),
      staleDays: integerInput(read, 'stale-days', 30, 1, 3650),
      serverUrl: context.env.GITHUB_SERVER_URL || 'https://github.com'
    }
  },
  async run(settings, context) {
    // One import at a time: Jest's ESM loader loses modules shared by concurrent import()s.
    const { loadPlatformConfig } = await import('../descriptor/platform.js')
    const { platformInputPath } = await import('../boundary/inputs.js')
    const { readServiceRecords } = await import('../gitops/render-records.js')
    const status = await import('../status/status.js')
    const platform = loadPlatformConfig(
      platformInputPath(context, settings.platformConfig, 'The platform config')
    )
    const folders = status.environmentFolders(platform, {
      repository: settings.repository,
      serverUrl: settings.serverUrl,
      workspace: context.workspace,
      service: settings.service
    })
    const records = await readServiceRecords(
      folders,
      settings.service ? [settings.service] : undefined,
      settings.token,
      context.logger
    )
    const report = status.statusReport(
      folders.map(f => f.environment),
      records,
      { staleDays: settings.staleDays, now: new Date() }
    )
    // The report is this command's result: stdout, as text or JSON.
    process.stdout.write(
      settings.json ? `${JSON.stringify(report, null, 2)}\n` : status.formatStatus(report)
    )
    const unreadable = records.filter(r => r.problem).length
    return unreadable > 0
      ? {
          outputs: {},
          exitCode: 1,
          failure: `${unreadable} render record${unreadable === 1 ? '' : 's'} could not be read (see above).`
        }
      : { outputs: {} }
  }
}
