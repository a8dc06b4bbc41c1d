/**
 * The service boundary, part "folders": walking a folder idp reads for a service (links followed only
 * inside the repository) or publishes (no links, no nested `.git`, no special files, capped in files
 * and bytes), and telling when a GitOps folder is reached through a link.
 */
import { lstatSync, mkdirSync, readdirSync, realpathSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { UserError } from '../runtime/errors.js'
import {
  displayOf,
  isInside,
  kindOf,
  MAX_FILE_BYTES,
  MAX_FOLDER_BYTES,
  MAX_FOLDER_FILES,
  notRegular,
  readServiceBytes,
  realRoot,
  resolveInside,
  resolveServiceFolder,
  size
} from './files.js'

export interface WalkOptions {
  readonly what: string
  readonly display?: string
  /**
   * `inside`: links are followed when they stay inside the root (each folder walked once), refused
   * when they lead out; `refuse`: every link is refused (a folder that is published).
   */
  readonly symlinks: 'inside' | 'refuse'
  /** Entries left out by name (e.g. dot-folders in a manifests folder). Never hides a refusal of `.git` in `refuse` mode. */
  readonly skip?: (name: string) => boolean
  /** Only files this accepts are listed (and counted against `maxFiles`). */
  readonly include?: (path: string) => boolean
  readonly maxFiles?: number
}

/**
 * Every regular file under a folder inside the root, as absolute paths, sorted. In `refuse` mode also
 * refuses a nested `.git` (file or folder): a published folder holds only files and folders.
 */
export function listServiceFolder(root: string, folder: string, options: WalkOptions): string[] {
  const rootReal = realRoot(root)
  resolveServiceFolder(root, folder, options)
  // Listed under the path as given (not its real path), so callers can relate them to their workspace.
  const start = resolve(root, folder)
  const shownRoot = options.display ?? displayOf(resolve(root), start, folder)
  const maxFiles = options.maxFiles ?? MAX_FOLDER_FILES
  const files: string[] = []
  const seen = new Set<string>()
  const walk = (dir: string, shown: string) => {
    const real = realpathSync(dir)
    if (seen.has(real)) return
    seen.add(real)
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    )
    for (const entry of entries) {
      const path = join(dir, entry.name)
      const entryShown = `${shown}/${entry.name}`
      if (options.symlinks === 'refuse' && entry.name === '.git')
        throw new UserError({
          message: `${options.what} '${shownRoot}' holds a nested '.git' (${entryShown}).`,
          hint: 'Remove it: a published folder holds only the rendered files, never a repository of its own.'
        })
      if (options.skip?.(entry.name)) continue
      let stat = lstatSync(path)
      if (stat.isSymbolicLink()) {
        if (options.symlinks === 'refuse')
          throw new UserError({
            message: `${options.what} '${shownRoot}' holds a symbolic link (${entryShown}).`,
            hint: 'idp publishes regular files only; replace the link with the file itself.'
          })
        const target = resolveInside(rootReal, path, { what: options.what, display: entryShown })
        if (target.real === undefined) continue // a dangling link names nothing
        stat = lstatSync(target.real)
      }
      if (stat.isDirectory()) walk(path, entryShown)
      else if (stat.isFile()) {
        if (options.include && !options.include(path)) continue
        files.push(path)
        if (files.length > maxFiles)
          throw new UserError({
            message: `${options.what} '${shownRoot}' holds more than ${maxFiles} files.`,
            hint: 'Name a smaller folder; a rendered environment holds tens of files.'
          })
      } else throw notRegular(options.what, entryShown, kindOf(stat))
    }
  }
  walk(start, shownRoot.replace(/\/+$/, ''))
  return files.sort()
}

/**
 * Copies a folder that is about to be published into `destination` (which must exist): the folder is
 * checked first as `listServiceFolder` in `refuse` mode (no links, no nested `.git`, no special
 * files), then each file's bytes are read through the boundary, so nothing outside it is copied.
 */
export function copyPublishableFolder(
  source: string,
  destination: string,
  options: {
    readonly what: string
    readonly display: string
    readonly maxBytes?: number
    readonly maxTotalBytes?: number
  }
): string[] {
  const files = listServiceFolder(source, source, {
    what: options.what,
    display: options.display,
    symlinks: 'refuse'
  })
  const root = resolve(source)
  const maxTotal = options.maxTotalBytes ?? MAX_FOLDER_BYTES
  let total = 0
  for (const file of files) {
    const rel = relative(root, file)
    const bytes = readServiceBytes(root, file, {
      what: options.what,
      display: `${options.display}/${rel.split(sep).join('/')}`,
      maxBytes: options.maxBytes ?? MAX_FILE_BYTES
    })
    total += bytes.length
    if (total > maxTotal)
      throw new UserError({
        message: `${options.what} '${options.display}' holds more than ${size(maxTotal)} of files.`,
        hint: 'A rendered environment is a few hundred KiB; promote the folder idp render wrote.'
      })
    const target = join(destination, rel)
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, bytes)
  }
  return files
}

/**
 * True when some part of `path` below `root` is a symbolic link (e.g. a GitOps folder committed as a
 * link): what lies there is not `root`'s to show, wherever the link points.
 */
export function passesThroughLink(root: string, path: string): boolean {
  const rel = relative(resolve(root), resolve(path))
  if (rel === '' || !isInside(resolve(root), resolve(path))) return false
  let probe = resolve(root)
  for (const part of rel.split(sep)) {
    probe = join(probe, part)
    try {
      if (lstatSync(probe).isSymbolicLink()) return true
    } catch {
      return false
    }
  }
  return false
}
