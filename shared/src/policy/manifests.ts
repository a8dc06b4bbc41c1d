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
import { LineCounter } from 'yaml'
import { parseYamlStream } from '../boundary/yaml-limits.js'
import type { Document, Node } from 'yaml'
import { isMap, isPair, isScalar, isSeq } from 'yaml'
import { offsetOf } from '../descriptor/yaml-file.js'
import { yamlValueProblems } from '../descriptor/yaml-values.js'
import type { RenderRecord } from '../render/record.js'
import { parseRenderRecord } from '../render/read-record.js'
import { RENDER_RECORD_PATH } from '../render/record.js'
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import type { Manifest } from './engine.js'
import type { Finding } from './finding.js'

const MANIFEST_EXTENSIONS = /\.(ya?ml|json)$/i
const GLOB_CHARS = /[*?[\]{}]/
/** Aliases expand on read; a small cap stops "billion laughs" documents. */
const MAX_ALIAS_COUNT = 1000
/** Objects in one validation run: a rendered environment holds a few hundred. */
const MAX_MANIFESTS = 20_000
/** Lists in Lists and components in components: far beyond any real file, short of a stack overflow. */
const MAX_EMBEDDING_DEPTH = 32

type Holder = NonNullable<Manifest['embedded']>['holder']

/** The objects of a KubeVela Application's `k8s-objects` components, with their pointers. */
function embeddedObjects(object: Record<string, unknown>): { at: string; object: unknown }[] {
  if (object.kind !== 'Application' || !String(object.apiVersion).startsWith('core.oam.dev/'))
    return []
  const spec = isObject(object.spec) ? object.spec : {}
  const components = Array.isArray(spec.components) ? spec.components : []
  return components.flatMap((component, i) => {
    if (!isObject(component) || component.type !== 'k8s-objects') return []
    const properties = isObject(component.properties) ? component.properties : {}
    const objects = Array.isArray(properties.objects) ? properties.objects : []
    return objects.map((embedded, j) => ({
      at: `/spec/components/${i}/properties/objects/${j}`,
      object: embedded
    }))
  })
}

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

/** Parses one file's documents; `render` is the environment record when the file has one. */
export function parseManifestText(
  text: string,
  file: string,
  render?: Manifest['render']
): { manifests: Manifest[]; findings: Finding[] } {
  const lineCounter = new LineCounter()
  // Bounded: nesting, document count and duplicate keys checked without recursion or quadratic time.
  const docs = parseYamlStream(text, { lineCounter, uniqueKeys: true })
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  const manifests: Manifest[] = []
  const findings: Finding[] = []
  const problem = (
    where: number | { line: number; column: number },
    message: string,
    rule = 'yaml'
  ) => {
    const position = { file, ...(typeof where === 'number' ? at(where) : where) }
    findings.push({
      source: 'manifests',
      policy: 'manifest-syntax',
      rule,
      result: 'error',
      severity: 'error',
      category: 'Syntax',
      message,
      manifest: { file, line: position.line, column: position.column },
      position
    })
  }
  docs.forEach((doc, documentIndex) => {
    if (doc.errors.length > 0) {
      // The first error of a document is the cause; the rest are usually its echoes.
      const [error] = doc.errors
      problem(error.pos[0], `Not valid YAML: ${error.message.split('\n')[0]}`)
      return
    }
    if (doc.contents === null) return
    // A tag outside the core schema (`!include`, `!!binary`, a local `!x`) means something only to
    // the tool that wrote it; what idp checks would not be what the API server reads.
    const tagged = yamlValueProblems(
      doc,
      text,
      offset => ({ file, ...at(offset) }),
      'The manifest',
      {
        kubernetes: true
      }
    )
    if (tagged.length > 0) {
      for (const refused of tagged) problem(refused.position!, `${refused.message} ${refused.hint}`)
      return
    }
    let value: unknown
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
    } catch (error) {
      problem(doc.range[0], `Cannot read the document: ${(error as Error).message}`)
      return
    }
    // A document of comments only holds nothing to apply.
    if (value === null || value === undefined) return
    const start = (doc.contents as Node).range?.[0] ?? doc.range[0]
    // Positions come from a compact index of the document's offsets, not the document itself: a run
    // keeps every manifest, and the document is several times the size of its object.
    let offsets: OffsetIndex | undefined
    const make = (object: Record<string, unknown>, prefix: string, holder?: Holder) => {
      offsets ??= offsetIndex(doc)
      const index = offsets
      manifests.push({
        file,
        documentIndex,
        object,
        positionOf: positionsIn(index, prefix, lineCounter),
        ...(render ? { render } : {}),
        ...(holder ? { embedded: { at: prefix, holder } } : {})
      })
    }
    // A JSON array, a List (any object with an `items` array, as kubectl and Argo CD read it) and a
    // KubeVela `k8s-objects` component hold objects that reach the cluster: each is inspected like a
    // top-level one, at its own position.
    const accept = (item: unknown, prefix: string, holder?: Holder, depth = 0): void => {
      if (depth === 0 && Array.isArray(item)) {
        item.forEach((element, i) => accept(element, `${prefix}/${i}`, 'list', depth + 1))
        return
      }
      if (!isObject(item) || typeof item.kind !== 'string' || typeof item.apiVersion !== 'string') {
        problem(
          prefix ? pointerOffset(doc, prefix) : start,
          'This document is not a Kubernetes object: it needs `apiVersion` and `kind`.',
          'kubernetes-object'
        )
        return
      }
      if (depth > MAX_EMBEDDING_DEPTH) {
        problem(
          pointerOffset(doc, prefix),
          `Objects nest deeper than ${MAX_EMBEDDING_DEPTH} Lists or components.`,
          'kubernetes-object'
        )
        return
      }
      // Kustomize's own files configure the build and are never applied, but what they say changes
      // what is: they are kept, for the guardrail that reads them (`isBuildFile`), and nothing else.
      if (item.apiVersion.startsWith('kustomize.config.k8s.io/')) {
        make(item, prefix, holder)
        return
      }
      if (Array.isArray(item.items)) {
        item.items.forEach((element, i) =>
          accept(element, `${prefix}/items/${i}`, 'list', depth + 1)
        )
        // Only a `…List` is surely never applied itself; anything else is inspected as well.
        if (item.kind.endsWith('List')) return
      }
      make(item, prefix, holder)
      embeddedObjects(item).forEach(({ at: pointer, object }) =>
        accept(object, prefix + pointer, 'k8s-objects', depth + 1)
      )
    }
    accept(value, '')
  })
  return { manifests, findings }
}

/**
 * A document's offsets by path: for each mapping its keys (the first pair of each scalar key, as
 * `offsetOf` reads them), for each sequence its items; what `offsetOf` walks, without the rest of the
 * document (scalar values, sources, ranges' ends, tags, comments). Flat, as numbers: node `n` is the
 * cells `n * CELLS ...` (its start, its key's start, its kind, its first child, its child count; -1 for
 * no offset), the children of a node are consecutive, and `keys[n]` is the key naming a mapping's
 * child. A run keeps an index per manifest: a tree of objects and Maps took several times the space.
 */
interface OffsetIndex {
  readonly cells: Int32Array
  readonly keys: readonly string[]
}

const CELLS = 5
const [AT, KEY_AT, KIND, FIRST, COUNT] = [0, 1, 2, 3, 4]
const [LEAF, MAPPING, SEQUENCE] = [0, 1, 2]

function offsetIndex(doc: Document): OffsetIndex {
  const cells: number[] = []
  const keys: string[] = []
  const nodes: unknown[] = []
  const add = (node: unknown, keyAt: number | undefined, key: string): void => {
    const at = node === null || node === undefined ? undefined : (node as Node).range?.[0]
    const kind = isMap(node) ? MAPPING : isSeq(node) ? SEQUENCE : LEAF
    cells.push(at ?? -1, keyAt ?? -1, kind, 0, 0)
    keys.push(key)
    nodes.push(node)
  }
  add(doc.contents, undefined, '')
  if (cells[AT] === -1) cells[AT] = 0
  // Breadth first, so that each node's children are added next to each other.
  for (let n = 0; n < nodes.length; n++) {
    const node = nodes[n]
    const first = nodes.length
    if (isMap(node)) {
      // The first pair of each key counts; a large mapping is checked through a set, a small one by
      // looking at the keys added so far (most mappings of a manifest hold a few keys).
      const seen = node.items.length > 8 ? new Set<string>() : undefined
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue
        const key = String(pair.key.value)
        if (seen ? seen.has(key) : keys.indexOf(key, first) !== -1) continue
        seen?.add(key)
        add(pair.value, pair.key.range?.[0], key)
      }
    } else if (isSeq(node)) for (const item of node.items) add(item, undefined, '')
    cells[n * CELLS + FIRST] = first
    cells[n * CELLS + COUNT] = nodes.length - first
  }
  return { cells: Int32Array.from(cells), keys }
}

/**
 * A manifest's `positionOf`, made outside the parser's scope: a closure made there would keep that
 * scope's document alive, which the index is there to let go.
 */
function positionsIn(
  index: OffsetIndex,
  prefix: string,
  lineCounter: LineCounter
): Manifest['positionOf'] {
  return pointer => {
    const { line, col } = lineCounter.linePos(indexOffset(index, splitPointer(prefix + pointer)))
    return { line, column: col }
  }
}

/** `offsetOf(doc, path)` on the index: the node's offset, or the closest existing parent's. */
function indexOffset(index: OffsetIndex, path: readonly string[]): number {
  const { cells, keys } = index
  let node = 0
  let offset = cells[AT]
  for (const segment of path) {
    const first = cells[node * CELLS + FIRST]
    const count = cells[node * CELLS + COUNT]
    let child = -1
    switch (cells[node * CELLS + KIND]) {
      case MAPPING:
        for (let c = first; c < first + count; c++)
          if (keys[c] === segment) {
            child = c
            break
          }
        break
      case SEQUENCE: {
        // As `items[Number(segment)]` reads it.
        const i = Number(segment)
        if (Number.isInteger(i) && i >= 0 && i < count) child = first + i
        break
      }
      default:
        return offset
    }
    if (child === -1) return offset
    node = child
    const at = cells[child * CELLS + AT]
    const keyAt = cells[child * CELLS + KEY_AT]
    offset = at !== -1 ? at : keyAt !== -1 ? keyAt : offset
  }
  return offset
}

/** Offset of the node at an RFC 6901 pointer, or of the closest existing parent. */
function pointerOffset(doc: Document, pointer: string): number {
  return offsetOf(doc, splitPointer(pointer))
}

export function splitPointer(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return []
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
}

export function joinPointer(segments: readonly (string | number)[]): string {
  return segments.map(s => `/${String(s).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('')
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

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
