// Where a command runs — as a GitHub action or as `idp` in a terminal — for the few things that are
// worded or limited differently there: how a message names an input (`--image` on the command line,
// input 'image' in a workflow) and GitHub-only limits such as annotations per step.
// runCli and runAction set it for the length of one command; everything else (runLocal, scripts,
// tests calling domain code) is worded as an action, the pipeline's own words.

export type Surface = 'action' | 'cli'

let current: Surface = 'action'

export function currentSurface(): Surface {
  return current
}

/** Runs `body` with `surface` in effect, and puts the previous one back afterwards. */
export async function withSurface<T>(surface: Surface, body: () => Promise<T>): Promise<T> {
  const previous = current
  current = surface
  try {
    return await body()
  } finally {
    current = previous
  }
}

/** An input as a message names it mid-sentence: `--image` on the CLI, input 'image' in an action. */
export function inputRef(name: string): string {
  return current === 'cli' ? `--${name}` : `input '${name}'`
}

/** The same at the start of a sentence: `--image` or Input 'image'. */
export function inputRefStart(name: string): string {
  return current === 'cli' ? `--${name}` : `Input '${name}'`
}
