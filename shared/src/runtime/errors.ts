/** A place in a user's file; lines and columns count from 1. */
export interface Position {
  readonly file: string
  readonly line: number
  readonly column: number
}

/** One thing wrong with a user's input, said in plain words with where and what to do. */
export interface Problem {
  readonly message: string
  readonly position?: Position
  readonly hint?: string
}

/**
 * A mistake the user can fix (bad input, a refused push, a policy violation): reported as one clear
 * message without a stack trace. Everything else is an internal failure and says so.
 */
export class UserError extends Error {
  readonly problems: readonly Problem[]

  constructor(problems: Problem | readonly Problem[] | string) {
    const list: readonly Problem[] =
      typeof problems === 'string'
        ? [{ message: problems }]
        : Array.isArray(problems)
          ? (problems as readonly Problem[])
          : [problems as Problem]
    super(list.map(formatProblem).join('\n'))
    this.name = 'UserError'
    this.problems = list
  }
}

export function formatPosition(position: Position): string {
  return `${position.file}:${position.line}:${position.column}`
}

export function formatProblem(problem: Problem): string {
  const where = problem.position ? `${formatPosition(problem.position)}: ` : ''
  const hint = problem.hint ? ` ${problem.hint}` : ''
  return `${where}${problem.message}${hint}`
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError
}

/** The message a user sees for any thrown value; internal failures are labelled as such. */
export function describeFailure(error: unknown): string {
  if (isUserError(error)) return error.message
  const detail = error instanceof Error ? error.message : String(error)
  return `Internal error (a bug in idp, not in your input): ${detail}`
}
