import type { Command, CommandContext } from './command.js'
import { withDefaults } from './command.js'
import { describeFailure } from './errors.js'
import type { Logger } from './logger.js'

export interface LocalRun {
  readonly outputs: Readonly<Record<string, string>>
  readonly exitCode: number
  /** The failure message, for a non-zero exit. */
  readonly failure?: string
  /** The job summary the command wrote, as markdown. */
  readonly summary: string
}

/**
 * Runs a command in this process with the given inputs (action defaults applied), as scripts and
 * end-to-end tests do: the same settings builder and domain call as the action and the CLI.
 */
export async function runLocal<S>(
  command: Command<S>,
  inputs: Readonly<Record<string, string>>,
  options: { readonly workspace: string; readonly logger: Logger; readonly env?: NodeJS.ProcessEnv }
): Promise<LocalRun> {
  const secret = new Set(command.inputs.filter(i => i.secret).map(i => i.name))
  for (const [name, value] of Object.entries(inputs))
    if (secret.has(name)) options.logger.setSecret(value)
  const parts: string[] = []
  const context: CommandContext = {
    logger: options.logger,
    summary: { append: markdown => void parts.push(markdown) },
    env: options.env ?? process.env,
    workspace: options.workspace
  }
  const read = withDefaults(command as Command<unknown>, name => inputs[name])
  try {
    const result = await command.run(command.settings(read, context), context)
    return {
      outputs: result.outputs,
      exitCode: result.exitCode ?? 0,
      failure: result.failure,
      summary: parts.join('\n\n')
    }
  } catch (error) {
    return {
      outputs: {},
      exitCode: 1,
      failure: describeFailure(error),
      summary: parts.join('\n\n')
    }
  }
}
