import { lstatSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { stringify } from 'yaml'
import { parseYamlStream } from '../boundary/yaml-limits.js'
import { readServiceBytes } from '../boundary/files.js'
import { passesThroughLink } from '../boundary/folders.js'
import type { Logger } from '../runtime/logger.js'
import { privateTempRoot } from '../runtime/private-temp.js'
import { listFiles } from './folder.js'
import { GitCommandManager } from './git-command-manager.js'

export type ChangeKind = 'added' | 'changed' | 'removed'

export interface ResourceChange {
  readonly change: ChangeKind
  /** `Kind namespace/name`, or the file name for content that is not a Kubernetes object. */
  readonly resource: string
  readonly file: string
}

export interface FolderDiff {
  readonly changes: readonly ResourceChange[]
  /** A unified diff of added, changed and removed resources, `data`/`stringData` values redacted. */
  readonly unified: string
}

interface Resource {
  readonly key: string
  readonly file: string
  readonly value: unknown
}

/** Top-level maps whose values are never shown (Secrets, and anything else that uses the names). */
const REDACTED_FIELDS = ['data', 'stringData']

/**
 * Compares two rendered folders resource by resource (the `.idp/` bookkeeping is left out): which
 * Kubernetes objects are added, changed or removed, and a unified diff made by `git diff --no-index`
 * over redacted copies. Redacted values still say whether they changed, never what they are.
 */
export async function diffRenderedFolders(
  before: string,
  after: string,
  logger: Logger,
  /** The worktree `before` lies in: a link on the way there is shown as such, never followed. */
  beforeRoot?: string
): Promise<FolderDiff> {
  const old = readResources(before, beforeRoot)
  const now = readResources(after)
  const changes: ResourceChange[] = []
  for (const [key, res] of now) {
    const prev = old.get(key)
    if (!prev) changes.push({ change: 'added', resource: key, file: res.file })
    else if (!isDeepStrictEqual(prev.value, res.value))
      changes.push({ change: 'changed', resource: key, file: res.file })
  }
  for (const [key, res] of old)
    if (!now.has(key)) changes.push({ change: 'removed', resource: key, file: res.file })
  changes.sort((a, b) => a.resource.localeCompare(b.resource))
  if (changes.length === 0) return { changes, unified: '' }

  const scratch = mkdtempSync(join(privateTempRoot(), 'idp-diff-'))
  try {
    mkdirSync(join(scratch, 'before'))
    mkdirSync(join(scratch, 'after'))
    const git = await GitCommandManager.create(scratch, logger)
    const parts: string[] = []
    for (const { resource } of changes) {
      const name = resource.replace(/[^A-Za-z0-9._-]+/g, '_') + '.yaml'
      const prev = old.get(resource)?.value
      const next = now.get(resource)?.value
      const a = prev === undefined ? '/dev/null' : join('before', name)
      const b = next === undefined ? '/dev/null' : join('after', name)
      if (prev !== undefined) writeFileSync(join(scratch, a), stringify(redact(prev)))
      if (next !== undefined) writeFileSync(join(scratch, b), stringify(redact(next, prev)))
      parts.push(await git.diffNoIndex(scratch, a, b))
    }
    return { changes, unified: parts.join('') }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

function readResources(folder: string, root?: string): Map<string, Resource> {
  const out = new Map<string, Resource>()
  if (root !== undefined && passesThroughLink(root, folder)) {
    const value = '(the folder is a symbolic link; its content is not shown)'
    out.set('(folder link)', { key: '(folder link)', file: '.', value })
    return out
  }
  for (const file of listFiles(folder)) {
    if (file.startsWith('.idp/')) continue
    // A link (or special file) someone committed to the GitOps folder is never followed on the
    // runner: the diff says what it is, never what it points at.
    const stat = lstatSync(join(folder, file))
    if (!stat.isFile()) {
      const what = stat.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'
      out.set(file, { key: file, file, value: `(${what}; its content is not shown)` })
      continue
    }
    const text = readServiceBytes(folder, join(folder, file), {
      what: 'The rendered file',
      display: file
    }).toString('utf8')
    if (!/\.ya?ml$/.test(file)) {
      out.set(file, { key: file, file, value: text })
      continue
    }
    parseYamlStream(text, { uniqueKeys: true }).forEach((doc, index) => {
      let value: unknown
      try {
        // Too deep or too many documents (boundary/yaml-limits): shown as unreadable, like a bomb.
        const limit = doc.errors.find(e => e.code === 'RESOURCE_EXHAUSTION')
        if (limit) throw new Error(limit.message)
        value = doc.toJS()
      } catch (error) {
        // An alias bomb (or another document the library refuses) is shown as such, never expanded.
        const key = `${file}#${index + 1}`
        out.set(key, { key, file, value: `(YAML idp cannot read: ${(error as Error).message})` })
        return
      }
      if (value === null || value === undefined) return
      const kind = (value as { kind?: unknown }).kind
      // Unnamed documents (a kustomization.yaml) are known by kind and file instead.
      const key =
        resourceKey(value) ??
        (typeof kind === 'string' ? `${kind} ${file}` : `${file}#${index + 1}`)
      out.set(key, { key, file, value })
    })
  }
  return out
}

function resourceKey(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined
  const obj = value as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } }
  if (typeof obj.kind !== 'string' || typeof obj.metadata?.name !== 'string') return undefined
  const ns = typeof obj.metadata.namespace === 'string' ? `${obj.metadata.namespace}/` : ''
  return `${obj.kind} ${ns}${obj.metadata.name}`
}

/**
 * A copy with every `data`/`stringData` value replaced by a marker. Given the previous version, the
 * marker says whether the value was added or changed, so the diff shows that it did, never what it is.
 */
export function redact(value: unknown, previous?: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) }
  const before =
    previous && typeof previous === 'object' ? (previous as Record<string, unknown>) : undefined
  for (const field of REDACTED_FIELDS) {
    const map = copy[field]
    if (!map || typeof map !== 'object' || Array.isArray(map)) continue
    const old = (before?.[field] ?? {}) as Record<string, unknown>
    copy[field] = Object.fromEntries(
      Object.entries(map as Record<string, unknown>).map(([k, v]) => [
        k,
        !before || isDeepStrictEqual(old[k], v)
          ? '<redacted>'
          : k in old
            ? '<redacted: changed>'
            : '<redacted: added>'
      ])
    )
  }
  return copy
}

/** Markdown/text lines `+ added Kind ns/name` for logs, outputs and summaries. */
export function describeChanges(changes: readonly ResourceChange[]): string {
  const sign: Record<ChangeKind, string> = { added: '+', changed: '~', removed: '-' }
  return changes.map(c => `${sign[c.change]} ${c.change} ${c.resource} (${c.file})`).join('\n')
}
