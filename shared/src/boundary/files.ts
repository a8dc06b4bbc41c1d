/**
 * The service boundary, part "files": which files idp may read for a service, and how it reads them.
 *
 * Every file read for a service (idp.yaml, API definitions, docs, manifests, the policy and CRD files it
 * names, the folder promote publishes) goes through `readServiceFile` here or `listServiceFolder` /
 * `copyPublishableFolder` in folders.ts (inputs.ts decides where an input may point):
 * - the path resolves inside the repository root: no `..` or absolute path out of it, and no symbolic
 *   link, in any component, that leads out of it;
 * - the file is a regular file: never a folder where a file is expected, a device, a FIFO or a socket.
 *   It is opened with O_NOFOLLOW|O_NONBLOCK and checked on the open descriptor (fstat, and on Linux
 *   /proc/self/fd), so a FIFO cannot block and nothing can be swapped in between check and use;
 * - at most `maxBytes` are read from the descriptor (never trusting `stat` size, which lies for /proc
 *   and devices), and text must be UTF-8.
 */
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync
} from 'node:fs'
import type { Stats } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import type { Position } from '../runtime/errors.js'
import { UserError } from '../runtime/errors.js'

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

// --- shared with the boundary's inputs.ts and folders.ts; not for callers outside the boundary ---

export interface Resolved {
  readonly absolute: string
  /** The real path (links resolved) inside the root; undefined when nothing exists there. */
  readonly real: string | undefined
  readonly display: string
}

export function realRoot(root: string): string {
  try {
    return realpathSync(root)
  } catch {
    throw new UserError({
      message: `The repository root '${root}' does not exist.`,
      hint: 'Run idp inside the repository (the CLI) or after actions/checkout (an action).'
    })
  }
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}

export function displayOf(rootReal: string, absolute: string, given: string): string {
  const rel = relative(rootReal, absolute)
  return rel !== '' && isInside(rootReal, absolute) ? rel.split(sep).join('/') : given
}

export function resolveInside(root: string, path: string, options: ReadOptions): Resolved {
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

export function kindOf(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)'
  if (stat.isSocket()) return 'a socket'
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device'
  if (stat.isSymbolicLink()) return 'a symbolic link'
  if (stat.isDirectory()) return 'a folder'
  return 'not a regular file'
}

export function size(bytes: number): string {
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

export function notRegular(what: string, display: string, kind: string): UserError {
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
