import { escapePointer, isPlainObject } from '../descriptor/origins.js'
import type { PathSegment } from '../descriptor/yaml-file.js'
import type { Position } from '../runtime/errors.js'
import type { SourceMapEntry } from './record.js'

/** Collects `(rendered file, pointer) → descriptor position` entries while a manifest is built. */
export class SourceMapBuilder {
  readonly entries: SourceMapEntry[] = []

  constructor(
    private readonly file: string,
    private readonly positionOf: (
      path: readonly PathSegment[],
      options?: { key?: boolean }
    ) => Position
  ) {}

  /** One rendered node that came from the descriptor node at `path`. */
  add(pointer: string, path: readonly PathSegment[] | undefined): void {
    if (path) this.entries.push({ file: this.file, pointer, source: this.positionOf(path) })
  }

  /** Every node of `value` (placed at `pointer`), each mapped through `pathOf(innerPointer)`. */
  addTree(
    value: unknown,
    pointer: string,
    pathOf: (inner: string) => readonly PathSegment[] | undefined
  ): void {
    const walk = (node: unknown, inner: string) => {
      this.add(pointer + inner, pathOf(inner))
      if (Array.isArray(node)) node.forEach((item, i) => walk(item, `${inner}/${i}`))
      else if (isPlainObject(node))
        for (const [k, v] of Object.entries(node)) walk(v, `${inner}/${escapePointer(k)}`)
    }
    walk(value, '')
  }
}

export function pointer(...segments: PathSegment[]): string {
  return segments.map(s => `/${escapePointer(s)}`).join('')
}
