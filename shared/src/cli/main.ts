import { parseArgs } from 'node:util'
import type { Command, CommandContext } from '../runtime/command.js'
import { withDefaults } from '../runtime/command.js'
import { describeFailure, formatPosition } from '../runtime/errors.js'
import type { AnnotationLevel, Logger } from '../runtime/logger.js'
import { printable, redact } from '../runtime/logger.js'
import { withSurface } from '../runtime/surface.js'
import { commands } from './commands.js'

type Paint = (level: AnnotationLevel, text: string) => string

const COLOURS: Record<AnnotationLevel, string> = { error: '31', warning: '33', notice: '36' }

/**
 * Colours a level word for `stream`: only on a terminal, never when NO_COLOR is set to anything
 * non-empty (no-color.org) or TERM is dumb, so pipes, files and CI logs get plain text.
 */
export function colourFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Paint {
  const on = stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb'
  return (level, text) => (on ? `\x1b[${COLOURS[level]}m${text}\x1b[39m` : text)
}

/** Logs to stderr (results and summaries go to stdout), with every registered secret redacted. */
function consoleLogger(secrets: string[], verbose: boolean, paint: Paint): Logger {
  const write = (line: string) => process.stderr.write(`${redact(line, secrets)}\n`)
  // Only idp's own colour codes reach the terminal: what a message quotes is made printable first.
  return {
    debug: message => (verbose ? write(`debug: ${printable(message)}`) : undefined),
    info: message => write(printable(message)),
    warning: message => write(`${paint('warning', 'warning:')} ${printable(message)}`),
    error: message => write(`${paint('error', 'error:')} ${printable(message)}`),
    annotate: annotation => {
      const where = annotation.position ? `${formatPosition(annotation.position)}: ` : ''
      const title = annotation.title ? `[${annotation.title}] ` : ''
      write(
        `${printable(where)}${paint(annotation.level, `${annotation.level}:`)} ${printable(title + annotation.message)}`
      )
    },
    setSecret: value => void (value && secrets.push(value)),
    group: async (name, run) => {
      write(`── ${printable(name)}`)
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
    const repeat = input.multiple ? ' (repeatable)' : ''
    lines.push(`  --${input.name}${req}${repeat}${def}`, `      ${input.description}`)
  }
  lines.push('  --help', '      Show this help.', '', 'Outputs (printed as name=value on stdout):')
  for (const output of command.outputs) lines.push(`  ${output.name}: ${output.description}`)
  return lines.join('\n') + '\n'
}

/** What `idp` returns; the README's "Exit codes" section says the same. */
const EXIT_CODES = [
  '  0  success (validate: no finding at or above --fail-on)',
  '  1  failure: a mistake in a flag or file (the message names it), findings at or above',
  '     --fail-on, disagreeing policy tests, or a failed promotion or registration',
  '  2  usage: an unknown command or flag, or a group without its command'
]

function usage(): string {
  const lines = ['Usage: idp <command> [flags]', '', 'Commands:']
  for (const command of commands)
    lines.push(`  ${command.cli.padEnd(12)} ${command.description.split('\n')[0]}`)
  lines.push('', 'Run `idp <command> --help` for the flags of a command.', '', 'Exit codes:')
  lines.push(...EXIT_CODES)
  return lines.join('\n') + '\n'
}

/** The first words of multi-word commands (`policy` of `policy test`), each a group with a usage. */
function groupOf(word: string | undefined): Command<unknown>[] {
  return commands.filter(c => c.cli.includes(' ') && c.cli.split(' ')[0] === word)
}

function groupUsage(group: string, members: readonly Command<unknown>[]): string {
  const lines = [`Usage: idp ${group} <command> [flags]`, '', 'Commands:']
  for (const command of members)
    lines.push(`  ${command.cli.padEnd(12)} ${command.description.split('\n')[0]}`)
  lines.push('', `Run \`idp ${group} <command> --help\` for the flags of a command.`)
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

/**
 * Runs `idp <command> --flag value ...` and returns the process exit code; messages name inputs as
 * flags (`--image`) and GitHub-only limits do not apply while it runs.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  return withSurface('cli', () => runCliCommand(argv))
}

const isHelp = (word: string | undefined) => word === '--help' || word === '-h' || word === 'help'

async function runCliCommand(argv: readonly string[]): Promise<number> {
  const name = argv[0]
  const paint = colourFor(process.stderr, process.env)
  if (isHelp(name)) {
    process.stdout.write(usage())
    return 0
  }
  if (!name) {
    // A usage error: the usage goes to stderr, stdout stays for results.
    process.stderr.write(usage())
    return 2
  }
  // Longest match first, so `policy test` wins over a hypothetical `policy`.
  const command = [...commands]
    .sort((a, b) => b.cli.split(' ').length - a.cli.split(' ').length)
    .find(c => c.cli.split(' ').every((word, i) => argv[i] === word)) as
    Command<unknown> | undefined
  const group = groupOf(name)
  if (!command && group.length > 0) {
    if (argv.length === 2 && isHelp(argv[1])) {
      process.stdout.write(groupUsage(name, group))
      return 0
    }
    const what =
      argv[1] === undefined ? `'${name}' needs a command` : `unknown command '${name} ${argv[1]}'`
    process.stderr.write(`${paint('error', 'error:')} ${what}.\n\n${groupUsage(name, group)}`)
    return 2
  }
  if (!command) {
    process.stderr.write(
      `${paint('error', 'error:')} unknown command '${argv.slice(0, 2).join(' ')}'.\n\n${usage()}`
    )
    return 2
  }
  const rest = withBareBooleans(argv.slice(command.cli.split(' ').length), command)
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {
    help: { type: 'boolean' },
    verbose: { type: 'boolean' }
  }
  for (const input of command.inputs)
    options[input.name] = input.multiple ? { type: 'string', multiple: true } : { type: 'string' }
  let values: Record<string, string | boolean | (string | boolean)[] | undefined>
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: [...rest],
      options,
      allowPositionals: true,
      strict: true
    }))
  } catch (error) {
    process.stderr.write(
      `${paint('error', 'error:')} ${(error as Error).message}\n\n${helpText(command)}`
    )
    return 2
  }
  if (values.help) {
    process.stdout.write(helpText(command))
    return 0
  }
  const secrets: string[] = []
  const logger = consoleLogger(secrets, values.verbose === true, paint)
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
    // A repeated flag (`--image a=x --image b=y`) is one value per line, as the action input takes it.
    const value = typeof raw === 'string' ? raw : Array.isArray(raw) ? raw.join('\n') : undefined
    if (value && secretInputs.has(inputName)) logger.setSecret(value)
    return value
  })
  try {
    const settings = command.settings(read, context)
    const result = await command.run(settings, context)
    if (summaryParts.length > 0 && process.env.IDP_CLI_SUMMARY !== 'off') {
      process.stderr.write(printable(redact(`\n${summaryParts.join('\n\n')}\n`, secrets)))
    }
    for (const [key, value] of Object.entries(result.outputs)) {
      process.stdout.write(
        printable(
          redact(`${key}=${value.includes('\n') ? JSON.stringify(value) : value}\n`, secrets)
        )
      )
    }
    if (result.exitCode) {
      process.stderr.write(
        `${paint('error', 'error:')} ${printable(redact(`${result.failure ?? `${command.cli} failed.`}\n`, secrets))}`
      )
    }
    return result.exitCode ?? 0
  } catch (error) {
    process.stderr.write(
      `${paint('error', 'error:')} ${printable(redact(`${describeFailure(error)}\n`, secrets))}`
    )
    return 1
  }
}
