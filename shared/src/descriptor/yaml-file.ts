import { dirname, resolve } from 'node:path'
import {
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Document,
  type Node,
  type Pair,
  type YAMLMap
} from 'yaml'
import { gitToplevel, readServiceFile } from '../boundary/files.js'
import { parseYamlStream } from '../boundary/yaml-limits.js'
import type { Position, Problem } from '../runtime/errors.js'
import { UserError } from '../runtime/errors.js'
import { yamlValueProblems } from './yaml-values.js'

/** A descriptor or platform config is a few KiB; anything this large is a mistake or an attack. */
export const MAX_CONFIG_BYTES = 1024 * 1024
/** Aliases expand on read; a small cap stops "billion laughs" documents. */
const MAX_ALIAS_COUNT = 100

export type PathSegment = string | number

/** A parsed YAML file that can say where any of its values was written. */
export interface YamlSource {
  /** The path shown to users (relative to the workspace when possible). */
  readonly file: string
  readonly value: unknown
  /** Position of the value at `path`; of the key itself when `key` is set; else the closest parent. */
  positionOf(path: readonly PathSegment[], options?: { key?: boolean }): Position
}

/**
 * Reads one YAML document, reporting every syntax problem at once with its line and column. The file
 * is read through the service boundary (inside `root`, default: the repository holding the file; a
 * regular file; at most MAX_CONFIG_BYTES).
 */
export function readYamlFile(
  path: string,
  displayName: string,
  what: string,
  root?: string
): YamlSource {
  const absolute = resolve(path)
  const text = readServiceFile(
    root ?? gitToplevel(dirname(absolute)) ?? dirname(absolute),
    absolute,
    {
      what,
      display: displayName,
      maxBytes: MAX_CONFIG_BYTES
    }
  )
  return parseYamlText(text, displayName, what)
}

export function parseYamlText(text: string, displayName: string, what: string): YamlSource {
  const lineCounter = new LineCounter()
  // Bounded (boundary/yaml-limits): nesting, document count, duplicate keys in linear time.
  const documents = parseYamlStream(text, { lineCounter, uniqueKeys: true })
  const docs = Array.isArray(documents) ? documents : [documents]
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset)
    return { file: displayName, line, column: col }
  }
  const problems: Problem[] = []
  for (const doc of docs) {
    for (const error of doc.errors) {
      problems.push({
        message: `${what} is not valid YAML: ${yamlMessage(error.code, error.message)}`,
        position: position(error.pos[0])
      })
    }
  }
  if (problems.length > 0) throw new UserError(problems)
  const nonEmpty = docs.filter(d => d.contents !== null)
  if (nonEmpty.length === 0) {
    throw new UserError({ message: `${what} is empty.`, position: position(0) })
  }
  if (nonEmpty.length > 1) {
    throw new UserError({
      message: `${what} holds ${nonEmpty.length} YAML documents; exactly one is expected.`,
      position: position(nonEmpty[1].range[0]),
      hint: 'Remove the extra `---` documents.'
    })
  }
  const doc = nonEmpty[0]
  const refused = yamlValueProblems(doc, text, position, what)
  if (refused.length > 0) throw new UserError(refused)
  let value: unknown
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
  } catch (error) {
    throw new UserError({
      message: `${what} expands too many YAML aliases (${(error as Error).message.toLowerCase()}).`,
      position: position(0),
      hint: 'Write the values out instead of nesting anchors and aliases.'
    })
  }
  return {
    file: displayName,
    value,
    positionOf: (path, options) => position(offsetOf(doc, path, options?.key === true))
  }
}

/**
 * Offset of the node at `path` in a parsed document (of its key when `key` is set), or of the closest
 * existing parent: what every position in idp, descriptor or manifest, is computed from.
 */
export function offsetOf(doc: Document, path: readonly PathSegment[], key = false): number {
  let node: unknown = doc.contents
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]
    const last = i === path.length - 1
    if (isMap(node)) {
      const pair = pairsByKey(node).get(String(segment))
      if (!pair) return offset
      const keyNode = pair.key as Node
      if (last && key) return keyNode.range?.[0] ?? offset
      node = pair.value
      offset = (pair.value as Node | null)?.range?.[0] ?? keyNode.range?.[0] ?? offset
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined
      if (item === undefined) return offset
      node = item
      offset = item.range?.[0] ?? offset
    } else {
      return offset
    }
  }
  return offset
}

/**
 * A mapping's pairs by key text (the first pair of each key), built once per mapping: a position
 * lookup is then constant time, not a scan of every key (50,000 env entries looked up one by one
 * made rendering quadratic).
 */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>()

function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map)
  if (!index) {
    index = new Map()
    for (const p of map.items)
      if (isPair(p) && isScalar(p.key) && !index.has(String(p.key.value)))
        index.set(String(p.key.value), p)
    pairIndex.set(map, index)
  }
  return index
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')
  if (code === 'DUPLICATE_KEY')
    return 'a key appears twice in the same mapping (each key may appear once).'
  return first.endsWith('.') ? first : `${first}.`
}
