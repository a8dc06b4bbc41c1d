import { inputRefStart } from './surface.js'
import { UserError } from './errors.js'
import type { Logger } from './logger.js'

/** One input, shared by an action's `action.yml` and the CLI's `--flag` of the same name. */
export interface InputSpec {
  readonly name: string
  readonly description: string
  readonly default?: string
  readonly required?: boolean
  /** Shown in `--help` and the README; `secret` inputs are masked the moment they are read. */
  readonly secret?: boolean
  /** A true/false input: on the CLI a bare `--name` means `--name true`. */
  readonly boolean?: boolean
  /** On the CLI the flag may be repeated; the values are read as one value per line. */
  readonly multiple?: boolean
}

export interface OutputSpec {
  readonly name: string
  readonly description: string
}

/** Reads raw input values by their kebab-case name; `undefined` when unset or empty. */
export type InputReader = (name: string) => string | undefined

/** Where a command's side channels go: logs and annotations, the job summary, masking. */
export interface CommandContext {
  readonly logger: Logger
  /** Markdown appended to the job summary (GitHub) or printed at the end (CLI). */
  readonly summary: { append(markdown: string): void }
  readonly env: NodeJS.ProcessEnv
  /** The folder relative paths are read from: `GITHUB_WORKSPACE` in an action, cwd in the CLI. */
  readonly workspace: string
}

export interface CommandResult {
  readonly outputs: Readonly<Record<string, string>>
  /** Non-zero fails the step (e.g. policy findings above `fail-on`) after outputs are written. */
  readonly exitCode?: number
  /** A one-line reason shown when exitCode is non-zero. */
  readonly failure?: string
}

/**
 * A unit of work exposed both as a GitHub action and as `idp <cli>`: the same inputs, the same
 * settings builder, the same domain call.
 */
export interface Command<Settings> {
  /** The CLI words, e.g. `render` or `policy test`. */
  readonly cli: string
  /** The action folder under `actions/`; absent for CLI-only commands. */
  readonly action?: string
  readonly description: string
  readonly inputs: readonly InputSpec[]
  readonly outputs: readonly OutputSpec[]
  settings(read: InputReader, context: CommandContext): Settings
  run(settings: Settings, context: CommandContext): Promise<CommandResult>
}

/** Input helpers: required throws a user error naming the input, booleans are strict. */
export function requiredInput(read: InputReader, name: string): string {
  const value = read(name)
  if (value === undefined || value === '') {
    throw new UserError({ message: `${inputRefStart(name)} is required but was not given.` })
  }
  return value
}

export function booleanInput(read: InputReader, name: string, fallback: boolean): boolean {
  const value = read(name)
  if (value === undefined || value === '') return fallback
  if (['true', 'True', 'TRUE'].includes(value)) return true
  if (['false', 'False', 'FALSE'].includes(value)) return false
  throw new UserError({
    message: `${inputRefStart(name)} must be true or false, got '${value}'.`
  })
}

/**
 * A whole number from `min` to `max`. Every integer input states its maximum (attempts, seconds, days,
 * ports): a value beyond it, or beyond what a JavaScript number holds exactly, is refused by name.
 */
export function integerInput(
  read: InputReader,
  name: string,
  fallback: number,
  min: number,
  max: number
): number {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max)
    throw new Error(`integerInput '${name}': bounds ${min}..${max} are not safe integers in order`)
  const value = read(name)
  if (value === undefined || value === '') return fallback
  // Digits only, and few enough that Number() is exact (a safe integer has at most 16 digits).
  const digits = /^\d+$/.test(value) ? value.replace(/^0+(?=\d)/, '') : undefined
  const number = digits !== undefined && digits.length <= 16 ? Number(digits) : Number.NaN
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    const shown = value.length > 20 ? `${value.slice(0, 20)}…` : value
    throw new UserError({
      message: `${inputRefStart(name)} must be a whole number from ${min} to ${max}, got '${shown}'.`
    })
  }
  return number
}

export function choiceInput<T extends string>(
  read: InputReader,
  name: string,
  choices: readonly T[],
  fallback: T
): T {
  const value = read(name)
  if (value === undefined || value === '') return fallback
  if (!(choices as readonly string[]).includes(value)) {
    throw new UserError({
      message: `${inputRefStart(name)} must be one of ${choices.join(', ')}; got '${value}'.`
    })
  }
  return value as T
}

/** Newline- or comma-separated lists, blank entries dropped. */
export function listInput(read: InputReader, name: string, separators = /[\n,]/): string[] {
  const value = read(name)
  if (!value) return []
  return value
    .split(separators)
    .map(v => v.trim())
    .filter(v => v.length > 0)
}

/** The reader a command sees: its declared defaults applied, undeclared names rejected. */
export function withDefaults(command: Command<unknown>, raw: InputReader): InputReader {
  const specs = new Map(command.inputs.map(i => [i.name, i]))
  return name => {
    const spec = specs.get(name)
    if (!spec) throw new Error(`command ${command.cli} reads undeclared input '${name}'`)
    const value = raw(name)
    if (value !== undefined && value !== '') return value
    return spec.default === undefined || spec.default === '' ? undefined : spec.default
  }
}
