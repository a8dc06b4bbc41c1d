import { parseArgs } from 'node:util'
import type { Command, CommandContext } from '../runtime/command.js'
import { withDefaults } from '../runtime/command.js'
import { describeFailure, formatPosition } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import { redact } from '../runtime/logger.js'
import { commands } from './commands.js'

/** Logs to stderr (results and summaries go to stdout), with every registered secret redacted. */
function consoleLogger(secrets: string[], verbose: boolean): Logger {
  const write = (line: string) => process.stderr.write(`${redact(line, secrets)}\n`)
  return {
    debug: message => (verbose ? write(`debug: ${message}`) : undefined),
    info: message => write(message),
    warning: message => write(`warning: ${message}`),
    error: message => write(`error: ${message}`),
    annotate: annotation => {
      const where = annotation.position ? `${formatPosition(annotation.position)}: ` : ''
      const title = annotation.title ? `[${annotation.title}] ` : ''
      write(`${where}${annotation.level}: ${title}${annotation.message}`)
    },
    setSecret: value => void (value && secrets.push(value)),
    group: async (name, run) => {
      write(`── ${name}`)
      return run()
    }
  }
}

export function helpText(command: Command<unknown>): string {
  const lines = [`Usage: idp ${command.cli} [flags]`, '', command.description, '', 'Flags:']
  for (const input of command.inputs) {
    const def =
      input.default !== undefined && input.default !== '' ? ` (default: ${input.default})` : ''
    const req = input.required ? ' (required)' : ''
    lines.push(`  --${input.name}${req}${def}`, `      ${input.description}`)
  }
  lines.push('  --help', '      Show this help.', '', 'Outputs (printed as name=value on stdout):')
  for (const output of command.outputs) lines.push(`  ${output.name}: ${output.description}`)
  return lines.join('\n') + '\n'
}

function usage(): string {
  const lines = ['Usage: idp <command> [flags]', '', 'Commands:']
  for (const command of commands)
    lines.push(`  ${command.cli.padEnd(12)} ${command.description.split('\n')[0]}`)
  lines.push('', 'Run `idp <command> --help` for the flags of a command.')
  return lines.join('\n') + '\n'
}

/** `--json` alone means `--json true` for boolean inputs (unless a true/false value follows). */
function withBareBooleans(args: readonly string[], command: Command<unknown>): string[] {
  const booleans = new Set(command.inputs.filter(i => i.boolean).map(i => `--${i.name}`))
  const out: string[] = []
  args.forEach((arg, i) => {
    out.push(arg)
    if (booleans.has(arg) && !['true', 'false'].includes(args[i + 1] ?? '')) out.push('true')
  })
  return out
}

/** Runs `idp <command> --flag value ...` and returns the process exit code. */
export async function runCli(argv: readonly string[]): Promise<number> {
  const name = argv[0]
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage())
    return name ? 0 : 2
  }
  // Longest match first, so `policy test` wins over a hypothetical `policy`.
  const command = [...commands]
    .sort((a, b) => b.cli.split(' ').length - a.cli.split(' ').length)
    .find(c => c.cli.split(' ').every((word, i) => argv[i] === word)) as
    Command<unknown> | undefined
  if (!command) {
    process.stderr.write(`error: unknown command '${argv.slice(0, 2).join(' ')}'.\n\n${usage()}`)
    return 2
  }
  const rest = withBareBooleans(argv.slice(command.cli.split(' ').length), command)
  const options: Record<string, { type: 'string' | 'boolean' }> = {
    help: { type: 'boolean' },
    verbose: { type: 'boolean' }
  }
  for (const input of command.inputs) options[input.name] = { type: 'string' }
  let values: Record<string, string | boolean | undefined>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: [...rest],
      options,
      allowPositionals: true,
      strict: true
    }))
  } catch (error) {
    process.stderr.write(`error: ${(error as Error).message}\n\n${helpText(command)}`)
    return 2
  }
  if (values.help) {
    process.stdout.write(helpText(command))
    return 0
  }
  const secrets: string[] = []
  const logger = consoleLogger(secrets, values.verbose === true)
  const secretInputs = new Set(command.inputs.filter(i => i.secret).map(i => i.name))
  const summaryParts: string[] = []
  const context: CommandContext = {
    logger,
    summary: { append: markdown => void summaryParts.push(markdown) },
    env: process.env,
    workspace: process.cwd()
  }
  const read = withDefaults(command, inputName => {
    // A lone positional argument stands for the first input (e.g. `idp policy test <folder>`).
    const raw =
      values[inputName] ?? (inputName === command.inputs[0]?.name ? positionals[0] : undefined)
    const value = typeof raw === 'string' ? raw : undefined
    if (value && secretInputs.has(inputName)) logger.setSecret(value)
    return value
  })
  try {
    const settings = command.settings(read, context)
    const result = await command.run(settings, context)
    if (summaryParts.length > 0 && process.env.IDP_CLI_SUMMARY !== 'off') {
      process.stderr.write(redact(`\n${summaryParts.join('\n\n')}\n`, secrets))
    }
    for (const [key, value] of Object.entries(result.outputs)) {
      process.stdout.write(
        redact(`${key}=${value.includes('\n') ? JSON.stringify(value) : value}\n`, secrets)
      )
    }
    if (result.exitCode) {
      process.stderr.write(
        redact(`error: ${result.failure ?? `${command.cli} failed.`}\n`, secrets)
      )
    }
    return result.exitCode ?? 0
  } catch (error) {
    process.stderr.write(redact(`error: ${describeFailure(error)}\n`, secrets))
    return 1
  }
}
