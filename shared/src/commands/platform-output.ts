// The shape both `idp platform …` commands share: read the platform config, render a folder of files
// per environment, tell what matters, and write it into a platform-owned folder of the GitOps
// repository (platform/output.ts). A command supplies only what it renders and what it tells.
import type { PlatformConfig } from '../descriptor/types.js'
import type { Command, CommandContext } from '../runtime/command.js'
import { requiredInput } from '../runtime/command.js'

export interface PlatformOutputSettings {
  readonly platformConfig: string
  readonly output: string
  readonly serverUrl: string
}

export interface PlatformOutputSpec {
  readonly cli: string
  readonly description: string
  /** What of the platform config the command reads, for the input's description. */
  readonly readsFromPlatform: string
  /** The output folder's usual name in the GitOps repository checkout, e.g. `clusters`. */
  readonly outputExample: string
  /** The files to write (paths relative to the output folder); logs what the user should know. */
  render(
    platform: PlatformConfig,
    serverUrl: string,
    context: CommandContext
  ): Promise<ReadonlyMap<string, string>>
}

/** A CLI-only command that renders the platform config into an output folder. */
export function platformOutputCommand(spec: PlatformOutputSpec): Command<PlatformOutputSettings> {
  return {
    cli: spec.cli,
    description: spec.description,
    inputs: [
      {
        name: 'platform-config',
        description: `Path of the platform config: ${spec.readsFromPlatform}.`,
        required: true
      },
      {
        name: 'output',
        description: `The folder to write (one sub-folder per environment), e.g. ${spec.outputExample} in the GitOps repository checkout.`,
        required: true
      }
    ],
    outputs: [],
    settings(read, context: CommandContext): PlatformOutputSettings {
      return {
        platformConfig: requiredInput(read, 'platform-config'),
        output: requiredInput(read, 'output'),
        serverUrl: context.env.GITHUB_SERVER_URL || 'https://github.com'
      }
    },
    async run(settings, context) {
      const { loadPlatformConfig } = await import('../descriptor/platform.js')
      const { platformInputPath } = await import('../boundary/inputs.js')
      const { writeOutputFolder } = await import('../platform/output.js')
      const platform = loadPlatformConfig(
        platformInputPath(context, settings.platformConfig, 'The platform config')
      )
      const files = await spec.render(platform, settings.serverUrl, context)
      const written = writeOutputFolder(context, settings.output, files)
      context.logger.info(`Wrote ${files.size} files to ${written}.`)
      return { outputs: {} }
    }
  }
}
