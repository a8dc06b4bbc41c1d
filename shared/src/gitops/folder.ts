import { inputRefStart } from '../runtime/surface.js'
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { dirname, join, posix } from 'node:path'
import { passesThroughLink } from '../boundary/folders.js'
import { UserError } from '../runtime/errors.js'

/**
 * Checks a folder path inside the GitOps repository: relative, forward slashes, no `.`/`..` segments,
 * not the root and not inside `.git`. Returns it normalised (no leading/trailing slashes).
 */
export function normaliseRepoPath(path: string, input = 'path'): string {
  const trimmed = path.trim().replace(/^\/+|\/+$/g, '')
  const segments = trimmed.split('/')
  if (
    trimmed === '' ||
    path.includes('\\') ||
    segments.some(s => s === '' || s === '.' || s === '..') ||
    segments[0] === '.git' ||
    posix.normalize(trimmed) !== trimmed
  ) {
    throw new UserError({
      message: `${inputRefStart(input)} must be a folder inside the repository such as envs/prod/checkout; got '${path}'.`,
      hint: 'Use forward slashes, no leading /, no . or .. segments, and not the repository root.'
    })
  }
  return trimmed
}

/**
 * Makes `<worktree>/<targetPath>` exactly the contents of `sourceFolder`: files no longer present are
 * gone, nothing outside the folder is touched. Symbolic links are copied as links, never followed.
 */
export function replaceFolder(worktree: string, targetPath: string, sourceFolder: string): void {
  const target = join(worktree, targetPath)
  // A link the repository holds on the way (e.g. `envs/dev` → anywhere) would take the write off
  // the worktree, onto the runner.
  if (passesThroughLink(worktree, dirname(target)))
    throw new UserError({
      message: `The repository holds a symbolic link on the way to ${targetPath}; idp does not write through it.`,
      hint: 'Replace the link in the repository with a real folder (the repository owners decide), then promote again.'
    })
  rmSync(target, { recursive: true, force: true })
  mkdirSync(dirname(target), { recursive: true })
  cpSync(sourceFolder, target, { recursive: true, dereference: false, verbatimSymlinks: true })
}

/** Relative paths of every file under `folder`, sorted; `[]` when the folder does not exist. */
export function listFiles(folder: string): string[] {
  if (!existsSync(folder)) return []
  const out: string[] = []
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(join(dir, entry.name), rel)
      else out.push(rel)
    }
  }
  walk(folder, '')
  return out.sort()
}

/** True when `folder` is an existing directory (not a file, not a dangling link). */
export function isDirectory(folder: string): boolean {
  try {
    return lstatSync(folder).isDirectory()
  } catch {
    return false
  }
}
