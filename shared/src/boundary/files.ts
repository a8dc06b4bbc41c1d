/**
 * The service boundary, part "files": which files idp may read for a service, and how it reads them.
 *
 * Every file read for a service (idp.yaml, API definitions, docs, manifests, the policy and CRD files it
 * names, the folder promote publishes) goes through `readServiceFile` / `listServiceFolder` here:
 * - the path resolves inside the repository root: no `..` or absolute path out of it, and no symbolic
 *   link, in any component, that leads out of it;
 * - the file is a regular file: never a folder where a file is expected, a device, a FIFO or a socket.
 *   It is opened with O_NOFOLLOW|O_NONBLOCK and checked on the open descriptor (fstat, and on Linux
 *   /proc/self/fd), so a FIFO cannot block and nothing can be swapped in between check and use;
 * - at most `maxBytes` are read from the descriptor (never trusting `stat` size, which lies for /proc
 *   and devices), and text must be UTF-8.
 * A folder that is published (promote) holds only regular files and folders: no symbolic link, no
 * nested `.git`, no special file.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readlinkSync,
  readSync,
  realpathSync,
  statSync,
  writeFileSync
} from 'node:fs'
import type { Stats } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { Position } from '../runtime/errors.js'
import { UserError } from '../runtime/errors.js'
import { currentSurface } from '../runtime/surface.js'

const KiB = 1024
const MiB = 1024 * KiB
/** A descriptor or platform config is a few KiB. */
export const MAX_CONFIG_BYTES = 1 * MiB
/** One rendered manifest file, policy file or API definition. */
export const MAX_FILE_BYTES = 8 * MiB
/** CRD bundles (a Crossplane provider's CRDs) are large. */
export const MAX_CRD_BYTES = 32 * MiB
/** All files of a folder that is published together. */
export const MAX_FOLDER_BYTES = 64 * MiB
/** Files in one walked folder: a rendered environment holds tens. */
export const MAX_FOLDER_FILES = 10_000

export interface ReadOptions {
  /** What the file is, capitalised, for messages: `The service descriptor`. */
  readonly what: string
  /** The path as users know it; by default relative to the root. */
  readonly display?: string
  /** Default MAX_FILE_BYTES. */
  readonly maxBytes?: number
  /** Relative paths resolve against this folder (default: the root). */
  readonly base?: string
  /** Where the path was written (a line of idp.yaml), for "not found" and "outside" messages. */
  readonly position?: Position
  /** What to do when the file is missing. */
  readonly hint?: string
}

/**
 * The repository root a command reads service files from: `GITHUB_WORKSPACE` in an action (the
 * command context's workspace); in the CLI (runtime/surface) the git top level above the working
 * folder, else the working folder itself.
 */
export function repositoryRoot(context: InputContext): string {
  const workspace = resolve(context.workspace)
  if (currentSurface() !== 'cli') return workspace
  return gitToplevel(workspace) ?? workspace
}

/** What a command knows of where it runs (a CommandContext fits). */
export interface InputContext {
  readonly workspace: string
}

/**
 * An input naming a service file or folder (relative to the workspace, or absolute): its absolute
 * path, refused when it lies outside the repository root or leads out of it through a link.
 */
export function serviceInputPath(context: InputContext, input: string, what: string): string {
  const root = repositoryRoot(context)
  const options = { what, display: input, base: resolve(context.workspace) }
  resolveInside(root, input, options)
  return resolve(options.base, input)
}

/**
 * An input naming a platform file (platform.yaml): in an action it must lie inside the workspace
 * like any other (the service's workflow sets inputs); in the CLI it is the developer's own choice.
 */
export function platformInputPath(context: InputContext, input: string, what: string): string {
  if (currentSurface() !== 'cli') return serviceInputPath(context, input, what)
  return resolve(context.workspace, input)
}

/**
 * An input naming a file or folder idp writes (rendered manifests, catalog-info.yaml, reports). A
 * path inside the repository must stay inside it where it lands: no existing link on the way (the
 * path itself included) may lead out of it, since a write follows links. Returns the absolute path.
 */
export function serviceOutputPath(context: InputContext, input: string, what: string): string {
  const root = repositoryRoot(context)
  const absolute = resolve(context.workspace, input)
  if (!isInside(resolve(root), absolute)) return absolute
  const rootReal = realRoot(root)
  // The deepest part that exists decides where the write lands.
  for (let probe = absolute; ; probe = dirname(probe)) {
    let exists = true
    try {
      lstatSync(probe)
    } catch {
      exists = false
    }
    if (exists) {
      let real: string | undefined
      try {
        real = realpathSync(probe)
      } catch {
        real = undefined // a dangling link: the write would create its target, wherever it is
      }
      if (real === undefined || !isInside(rootReal, real))
        throw new UserError({
          message: `${what} '${input}' is or passes through a symbolic link that leads outside the repository; idp writes only inside it.`,
          hint: 'Remove the link (or name another path); idp never writes through a link out of the repository.'
        })
      return absolute
    }
    if (dirname(probe) === probe) return absolute
  }
}

/**
 * An input naming a file idp writes (a report, SARIF, catalog-info.yaml): as serviceOutputPath, and
 * refused when it names a folder (an existing one, or a path ending in `/`), which no write can replace.
 */
export function serviceOutputFile(context: InputContext, input: string, what: string): string {
  const absolute = serviceOutputPath(context, input, what)
  let folder = input === '' || /[/\\]$/.test(input)
  try {
    folder ||= statSync(absolute).isDirectory()
  } catch {
    // Not there yet: the write creates it.
  }
  if (folder)
    throw new UserError({
      message: `${what} '${input}' is a folder, not a file.`,
      hint: 'Give the path of the file to write (inside the folder, if you like).'
    })
  return absolute
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

/** The nearest folder at or above `start` holding `.git` (a folder or a worktree's file). */
export function gitToplevel(start: string): string | undefined {
  let dir = resolve(start)
  for (;;) {
    try {
      lstatSync(join(dir, '.git'))
      return dir
    } catch {
      const parent = dirname(dir)
      if (parent === dir) return undefined
      dir = parent
    }
  }
}

/** Reads a service file as UTF-8 text; every rule of this module applies. */
export function readServiceFile(root: string, path: string, options: ReadOptions): string {
  const { bytes, display } = readBytes(root, path, options)
  return decodeText(bytes, display, options.what)
}

/**
 * Reads a file a caller has already confined (a platform file, an expanded entry): inside the
 * repository that holds it, with the same rules for links, special files and size.
 */
export function readFileInItsRepository(path: string, options: ReadOptions): string {
  const absolute = resolve(path)
  const folder = dirname(absolute)
  return readServiceFile(gitToplevel(folder) ?? folder, absolute, options)
}

/** Like readServiceFile, but `undefined` when nothing exists at the path. */
export function readOptionalServiceFile(
  root: string,
  path: string,
  options: ReadOptions
): string | undefined {
  if (!existsSync(root)) return undefined
  return serviceEntryKind(root, path, options) === 'missing'
    ? undefined
    : readServiceFile(root, path, options)
}

/** Reads a service file's bytes (no text check), with the same rules. */
export function readServiceBytes(root: string, path: string, options: ReadOptions): Buffer {
  return readBytes(root, path, options).bytes
}

/**
 * What is at a path inside the root: `missing`, `file` or `folder`. A path outside the root (also
 * through a link) and special files are refused, never reported.
 */
export function serviceEntryKind(
  root: string,
  path: string,
  options: ReadOptions
): 'missing' | 'file' | 'folder' {
  const resolved = resolveInside(root, path, options)
  if (resolved.real === undefined) return 'missing'
  const stat = lstatSync(resolved.real)
  if (stat.isDirectory()) return 'folder'
  if (stat.isFile()) return 'file'
  throw notRegular(options.what, resolved.display, kindOf(stat))
}

/**
 * Resolves a path that must name a folder inside the root; returns its real path. Used for inputs
 * that name folders (the manifests folder, the folder promote publishes).
 */
export function resolveServiceFolder(root: string, path: string, options: ReadOptions): string {
  const resolved = resolveInside(root, path, options)
  if (resolved.real === undefined) throw notFound(options, resolved.display)
  const stat = lstatSync(resolved.real)
  if (!stat.isDirectory())
    throw new UserError({
      message: `${options.what} '${resolved.display}' is ${stat.isFile() ? 'a file' : kindOf(stat)}, not a folder.`,
      position: options.position,
      hint: 'Name a folder inside the repository.'
    })
  return resolved.real
}

/** Resolves a path that must be a file or missing inside the root; returns its absolute path. */
export function resolveServicePath(root: string, path: string, options: ReadOptions): string {
  const resolved = resolveInside(root, path, options)
  return resolved.real ?? resolved.absolute
}

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

// --- internals --------------------------------------------------------------------------------

interface Resolved {
  readonly absolute: string
  /** The real path (links resolved) inside the root; undefined when nothing exists there. */
  readonly real: string | undefined
  readonly display: string
}

function realRoot(root: string): string {
  try {
    return realpathSync(root)
  } catch {
    throw new UserError({
      message: `The repository root '${root}' does not exist.`,
      hint: 'Run idp inside the repository (the CLI) or after actions/checkout (an action).'
    })
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

function displayOf(rootReal: string, absolute: string, given: string): string {
  const rel = relative(rootReal, absolute)
  return rel !== '' && isInside(rootReal, absolute) ? rel.split(sep).join('/') : given
}

function resolveInside(root: string, path: string, options: ReadOptions): Resolved {
  const rootReal = realRoot(root)
  const absolute = resolve(options.base ?? root, path)
  const display = options.display ?? displayOf(rootReal, absolute, path)
  // Lexically first: `../x` or `/etc/passwd` never reach the file system.
  if (!isInside(resolve(root), absolute) && !isInside(rootReal, absolute))
    throw new UserError({
      message: `${options.what} '${display}' is outside the repository; idp reads only files inside it.`,
      position: options.position,
      hint: 'Give a path inside the repository (relative, without leading .. segments).'
    })
  let real: string
  try {
    real = realpathSync(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'ENOTDIR') return { absolute, real: undefined, display }
    if (code === 'ELOOP') throw linkOut(options, display, 'is a loop of symbolic links')
    throw cannotRead(options, display, code)
  }
  if (!isInside(rootReal, real))
    throw linkOut(
      options,
      display,
      'is or passes through a symbolic link that leads outside the repository'
    )
  return { absolute, real, display }
}

function readBytes(
  root: string,
  path: string,
  options: ReadOptions
): { bytes: Buffer; display: string } {
  const resolved = resolveInside(root, path, options)
  const { display } = resolved
  if (resolved.real === undefined) throw notFound(options, display)
  // Refused before opening: opening a device can have effects of its own.
  const before = lstatSync(resolved.real)
  if (before.isDirectory()) throw isFolder(options, display)
  if (!before.isFile()) throw notRegular(options.what, display, kindOf(before))
  let fd: number
  try {
    fd = openSync(
      resolved.real,
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0)
    )
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP')
      throw linkOut(options, display, 'became a symbolic link while it was read')
    throw cannotRead(options, display, code)
  }
  try {
    const stat = fstatSync(fd)
    if (stat.isDirectory()) throw isFolder(options, display)
    if (!stat.isFile()) throw notRegular(options.what, display, kindOf(stat))
    const opened = openedPath(fd)
    if (opened !== undefined && !isInside(realRoot(root), opened))
      throw linkOut(options, display, 'moved outside the repository while it was read')
    const max = options.maxBytes ?? MAX_FILE_BYTES
    const bytes = readAtMost(fd, max + 1)
    if (bytes.length > max)
      throw new UserError({
        message: `${options.what} '${display}' is larger than ${size(max)}; at most ${size(max)} is accepted.`,
        position: { file: display, line: 1, column: 1 },
        hint: 'Point the input at the right file; idp reads only that much of any file.'
      })
    return { bytes, display }
  } finally {
    closeSync(fd)
  }
}

/** What the descriptor really opened (Linux); undefined where /proc is not there. */
function openedPath(fd: number): string | undefined {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`)
  } catch {
    return undefined
  }
}

/** Reads up to `limit` bytes in chunks: the file decides how much is there, not `stat`. */
function readAtMost(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = []
  let total = 0
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * KiB, limit - total))
    let n: number
    try {
      n = readSync(fd, chunk, 0, chunk.length, null)
    } catch (error) {
      // A FIFO or device opened non-blocking that has nothing to say.
      if ((error as NodeJS.ErrnoException).code === 'EAGAIN') break
      throw error
    }
    if (n === 0) break
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n))
    total += n
  }
  return Buffer.concat(chunks, total)
}

/** Text if the bytes are UTF-8 without NUL characters; a BOM is dropped. */
function decodeText(bytes: Buffer, display: string, what: string): string {
  let text: string | undefined
  if (!bytes.includes(0)) {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      text = undefined
    }
  }
  if (text === undefined)
    throw new UserError({
      message: `${what} '${display}' is not a UTF-8 text file (it looks binary).`,
      position: { file: display, line: 1, column: 1 },
      hint: 'Point the input at the text file.'
    })
  return text.startsWith('\uFEFF') ? text.slice(1) : text
}

function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)'
  if (stat.isSocket()) return 'a socket'
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device'
  if (stat.isSymbolicLink()) return 'a symbolic link'
  if (stat.isDirectory()) return 'a folder'
  return 'not a regular file'
}

function size(bytes: number): string {
  return bytes >= MiB && bytes % MiB === 0 ? `${bytes / KiB} KiB` : `${bytes} bytes`
}

function notFound(options: ReadOptions, display: string): UserError {
  return new UserError({
    message: `${options.what} '${display}' was not found.`,
    position: options.position,
    hint: options.hint ?? 'Check the path (it is relative to the repository root).'
  })
}

function isFolder(options: ReadOptions, display: string): UserError {
  return new UserError({
    message: `${options.what} '${display}' is a folder, not a file.`,
    position: options.position,
    hint: 'Name the file itself.'
  })
}

function notRegular(what: string, display: string, kind: string): UserError {
  return new UserError({
    message: `${what} '${display}' is ${kind}, not a regular file; idp reads only regular files.`,
    hint: 'Point it at a file committed to the repository.'
  })
}

function linkOut(options: ReadOptions, display: string, how: string): UserError {
  return new UserError({
    message: `${options.what} '${display}' ${how}; idp reads only files inside the repository.`,
    position: options.position,
    hint: 'Commit the file itself instead of a link to it.'
  })
}

function cannotRead(options: ReadOptions, display: string, code: string | undefined): UserError {
  return new UserError({
    message: `${options.what} '${display}' cannot be read (${code ?? 'unknown error'}).`,
    position: options.position,
    hint: 'Check the path and its permissions.'
  })
}
