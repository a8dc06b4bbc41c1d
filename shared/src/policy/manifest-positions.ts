/**
 * Where a place in a manifest stands in its file: RFC 6901 pointers, and the compact offset index each
 * manifest keeps to answer `positionOf` after its YAML document is gone.
 */
import type { Document, LineCounter, Node } from 'yaml'
import { isMap, isPair, isScalar, isSeq } from 'yaml'
import { offsetOf } from '../descriptor/yaml-file.js'
import type { Manifest } from './engine.js'

/**
 * A document's offsets by path: for each mapping its keys (the first pair of each scalar key, as
 * `offsetOf` reads them), for each sequence its items; what `offsetOf` walks, without the rest of the
 * document (scalar values, sources, ranges' ends, tags, comments). Flat, as numbers: node `n` is the
 * cells `n * CELLS ...` (its start, its key's start, its kind, its first child, its child count; -1 for
 * no offset), the children of a node are consecutive, and `keys[n]` is the key naming a mapping's
 * child. A run keeps an index per manifest: a tree of objects and Maps took several times the space.
 */
export interface OffsetIndex {
  readonly cells: Int32Array
  readonly keys: readonly string[]
}

const CELLS = 5
const [AT, KEY_AT, KIND, FIRST, COUNT] = [0, 1, 2, 3, 4]
const [LEAF, MAPPING, SEQUENCE] = [0, 1, 2]

export function offsetIndex(doc: Document): OffsetIndex {
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
export function positionsIn(
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
export function pointerOffset(doc: Document, pointer: string): number {
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
