import * as core from '@actions/core'
import type { Command, CommandContext } from './command.js'
import { withDefaults } from './command.js'
import { describeFailure, formatProblem, isUserError } from './errors.js'
import type { Annotation, Logger } from './logger.js'
import { printable } from './logger.js'
import { withSurface } from './surface.js'

/**
 * A message for the runner's log: printable (logger.ts), and no line of it starts a workflow command.
 * The runner reads any printed line starting with `::` as one, so a quoted value could otherwise set
 * an output, mask text or stop command processing; a zero-width space after the first colon keeps
 * the text as it reads. (core.warning/error/debug escape line breaks themselves.)
 */
function inert(message: string): string {
  return printable(message).replace(/(^|\n)([^\S\n]*):(?=:)/g, '$1$2:\u200b')
}

/** The Logger backed by the runner's workflow commands. */
export const actionsLogger: Logger = {
  debug: message => core.debug(printable(message)),
  info: message => core.info(inert(message)),
  warning: message => core.warning(printable(message)),
  error: message => core.error(printable(message)),
  annotate: (annotation: Annotation) => {
    const properties: core.AnnotationProperties = {
      title: annotation.title,
      file: annotation.position?.file,
      startLine: annotation.position?.line,
      startColumn: annotation.position?.column,
      endLine: annotation.endLine,
      endColumn: annotation.endColumn
    }
    const message = printable(annotation.message)
    if (annotation.level === 'error') core.error(message, properties)
    else if (annotation.level === 'warning') core.warning(message, properties)
    else core.notice(message, properties)
  },
  setSecret: value => {
    if (value) core.setSecret(value)
  },
  group: (name, run) => core.group(printable(name), run)
}

/**
 * Runs a command as a GitHub action: inputs from `INPUT_*` (secret inputs masked on read), outputs
 * through `core.setOutput`, the summary written once, and one `setFailed` for any failure.
 */
export async function runAction<S>(command: Command<S>): Promise<void> {
  // Messages name inputs as the workflow does (input 'image'), whatever ran before in this process.
  return withSurface('action', () => runActionCommand(command))
}

async function runActionCommand<S>(command: Command<S>): Promise<void> {
  const secretInputs = new Set(command.inputs.filter(i => i.secret).map(i => i.name))
  const read = withDefaults(command as Command<unknown>, name => {
    const value = core.getInput(name)
    if (value && secretInputs.has(name)) core.setSecret(value)
    return value === '' ? undefined : value
  })
  const parts: string[] = []
  const context: CommandContext = {
    logger: actionsLogger,
    summary: { append: markdown => void parts.push(markdown) },
    env: process.env,
    workspace: process.env.GITHUB_WORKSPACE || process.cwd()
  }
  try {
    const settings = command.settings(read, context)
    const result = await command.run(settings, context)
    for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value)
    if (result.exitCode)
      core.setFailed(printable(result.failure ?? `${command.action ?? command.cli} failed.`))
  } catch (error) {
    // A user's mistake with a place in their file also lands on that line in the pull request.
    if (isUserError(error)) {
      for (const problem of error.problems) {
        if (problem.position)
          actionsLogger.annotate({
            level: 'error',
            message: formatProblem(problem),
            position: problem.position
          })
      }
    }
    core.setFailed(printable(describeFailure(error)))
  } finally {
    if (parts.length > 0 && process.env.GITHUB_STEP_SUMMARY) {
      // A summary that cannot be written must not hide the step's real result.
      await core.summary
        .addRaw(parts.join('\n\n'), true)
        .write()
        .catch((error: unknown) =>
          core.warning(`Could not write the job summary: ${(error as Error).message}`)
        )
    }
  }
}
