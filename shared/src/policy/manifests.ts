/**
 * Which files a `manifests` input names (files, folders walked, globs, all inside the repository) and
 * which environment render record each file belongs to; reading a file's objects is manifest-documents.ts.
 */
import { inputRefStart } from '../runtime/surface.js'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { Minimatch } from 'minimatch'
import {
  gitToplevel,
  readOptionalServiceFile,
  readServiceFile,
  serviceEntryKind
} from '../boundary/files.js'
import { listServiceFolder } from '../boundary/folders.js'
import type { RenderRecord } from '../render/record.js'
import { parseRenderRecord } from '../render/read-record.js'
import { RENDER_RECORD_PATH } from '../render/record.js'
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import type { Manifest } from './engine.js'
import type { Finding } from './finding.js'
import { parseManifestText } from './manifest-documents.js'

const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i
const GLOB_CHARS = /[*?[\]{}]/
/** Objects in one validation run: a rendered environment holds a few hundred. */
const MAX_MANIFESTS = 20_000

export interface LoadedManifests {
  readonly manifests: Manifest[]
  /** Syntax and shape problems in the files, as findings with their file:line. */
  readonly findings: Finding[]
  /** Every file read, as shown to users. */
  readonly files: string[]
}

/**
 * Reads every Kubernetes object from files, folders (recursively) and globs, each with a way back to
 * its line, and attaches the `.idp/render.json` of the environment folder the file sits in.
 */
export function loadManifests(
  entries: readonly string[],
  workspace: string,
  logger: Logger
): LoadedManifests {
  const root = gitToplevel(workspace) ?? resolve(workspace)
  const paths = expandEntries(entries, workspace, 'manifests', root)
  const records = new RecordCache(workspace, root)
  const manifests: Manifest[] = []
  const findings: Finding[] = []
  for (const path of paths) {
    const file = displayPath(path, workspace)
    const render = records.find(path)
    const text = readServiceFile(root, path, { what: 'The manifest file', display: file })
    const loaded = parseManifestText(text, file, render)
    if (manifests.length + loaded.manifests.length > MAX_MANIFESTS)
      throw new UserError({
        message: `The manifests hold more than ${MAX_MANIFESTS} objects (${file} reached the limit); idp validates at most that many in one run.`,
        hint: 'Validate one rendered environment at a time; a real one holds a few hundred objects.'
      })
    for (const manifest of loaded.manifests) manifests.push(manifest)
    for (const finding of loaded.findings) findings.push(finding)
  }
  logger.debug(`read ${manifests.length} manifests from ${paths.length} files`)
  return { manifests, findings, files: paths.map(p => displayPath(p, workspace)) }
}

/**
 * Files named by the `manifests` entries, sorted and without duplicates. Entries, folders walked and
 * links followed stay inside `root` (the repository holding the workspace; `null` when the caller
 * already confined the paths); special files are refused (boundary/files).
 */
export function expandEntries(
  entries: readonly string[],
  workspace: string,
  inputName = 'manifests',
  root: string | null = gitToplevel(workspace) ?? resolve(workspace)
): string[] {
  const within = root ?? '/'
  const found = new Set<string>()
  const missing: string[] = []
  const walk = (folder: string, display: string, include: (path: string) => boolean) =>
    listServiceFolder(within, folder, {
      include,
      what: `The ${inputName} entry`,
      display,
      symlinks: 'inside',
      // `.idp/` holds provenance, `.git/` history; neither holds manifests.
      skip: name => name.startsWith('.') || name === 'node_modules'
    })
  for (const entry of entries) {
    const absolute = resolve(workspace, entry)
    const before = found.size
    const options = { what: `The ${inputName} entry`, display: entry }
    const kind = serviceEntryKind(within, absolute, options)
    if (kind === 'folder') {
      for (const f of walk(absolute, entry, f => MANIFEST_EXTENSIONS.test(f))) found.add(f)
    } else if (kind === 'file') {
      found.add(absolute)
    } else if (GLOB_CHARS.test(entry)) {
      const pattern = toPosix(isAbsolute(entry) ? entry : join(workspace, entry))
      const base = globBase(pattern)
      if (serviceEntryKind(within, base, options) === 'folder') {
        // Compiled once per entry, braces expanded to at most 64 patterns: `{a,b}{a,b}…` cannot
        // turn into 100,000 regular expressions tried on every file.
        const glob = new Minimatch(pattern, { dot: false, braceExpandMax: 64 })
        for (const f of walk(base, entry, f => glob.match(toPosix(f)))) found.add(f)
      }
    }
    if (found.size === before) missing.push(entry)
  }
  if (missing.length > 0) {
    throw new UserError(
      missing.map(entry => ({
        message: `${inputRefStart(inputName)} names '${entry}', which matches no file.`,
        hint: 'Give folders, files or globs relative to the repository root.'
      }))
    )
  }
  return [...found].sort()
}

/** Finds and caches `.idp/render.json` of the environment folder above each file. */
class RecordCache {
  private readonly byDir = new Map<string, { dir: string; record: RenderRecord } | null>()
  constructor(
    private readonly workspace: string,
    private readonly root: string
  ) {}

  find(path: string): Manifest['render'] | undefined {
    const found = this.lookup(dirname(path))
    if (!found) return undefined
    return { record: found.record, fileInRender: toPosix(relative(found.dir, path)) }
  }

  private lookup(dir: string): { dir: string; record: RenderRecord } | null {
    const cached = this.byDir.get(dir)
    if (cached !== undefined) return cached
    let result: { dir: string; record: RenderRecord } | null = null
    const candidate = join(dir, RENDER_RECORD_PATH)
    const display = displayPath(candidate, this.workspace)
    const text = isInsideFolder(this.root, dir)
      ? readOptionalServiceFile(this.root, candidate, { what: 'The render record', display })
      : undefined
    if (text !== undefined) {
      result = { dir, record: readRecord(text, display) }
    } else {
      // Up to the workspace root for files inside it: a record above the repository is not ours.
      const parent = dirname(dir)
      if (parent !== dir && dir !== resolve(this.workspace)) result = this.lookup(parent)
    }
    this.byDir.set(dir, result)
    return result
  }
}

function readRecord(text: string, file: string): RenderRecord {
  return parseRenderRecord(text, file, ['environment', 'namespace', 'sourceMap'])
}

/** True when `path` is `folder` or lies below it. */
function isInsideFolder(folder: string, path: string): boolean {
  const rel = relative(folder, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

function globBase(pattern: string): string {
  const parts = pattern.split('/')
  const index = parts.findIndex(p => GLOB_CHARS.test(p))
  return parts.slice(0, index).join('/') || '/'
}

/** Repository-relative with forward slashes inside the workspace; absolute outside it. */
export function displayPath(path: string, workspace: string): string {
  const rel = relative(workspace, path)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return toPosix(path)
  return toPosix(rel)
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/')
}

/** A kustomize build file (Kustomization, Component): not an object, configures the folder's build. */
export function isBuildFile(manifest: Manifest): boolean {
  return String(manifest.object.apiVersion).startsWith('kustomize.config.k8s.io/')
}
