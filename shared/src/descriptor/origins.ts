import type { PathSegment } from './yaml-file.js'

/** RFC 6901 pointer (inside an assembled value) → path of the descriptor node it came from. */
export type Origins = Map<string, readonly PathSegment[]>

export function escapePointer(segment: PathSegment): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1')
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Records every node of `value` (containers and leaves) as coming from `path`. */
export function collectOrigins(
  value: unknown,
  path: readonly PathSegment[],
  pointer: string,
  out: Origins
): void {
  out.set(pointer, path)
  if (Array.isArray(value)) {
    value.forEach((item, i) => collectOrigins(item, [...path, i], `${pointer}/${i}`, out))
  } else if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      collectOrigins(item, [...path, key], `${pointer}/${escapePointer(key)}`, out)
    }
  }
}

/**
 * Deep-merges an environment override into a base value: mappings merge key by key, lists and scalars
 * are replaced whole. Origins point each resulting node at the line that set it.
 */
export function mergeWithOrigins(
  base: unknown,
  basePath: readonly PathSegment[],
  override: unknown,
  overridePath: readonly PathSegment[] | undefined,
  pointer: string,
  out: Origins
): unknown {
  if (override === undefined || overridePath === undefined) {
    collectOrigins(base, basePath, pointer, out)
    return base
  }
  if (!isPlainObject(base) || !isPlainObject(override)) {
    collectOrigins(override, overridePath, pointer, out)
    return override
  }
  out.set(pointer, overridePath)
  const result: Record<string, unknown> = {}
  for (const key of new Set([...Object.keys(base), ...Object.keys(override)])) {
    const child = `${pointer}/${escapePointer(key)}`
    // Own keys only: a key named `constructor` or `toString` is the user's, not Object.prototype's.
    const overridden = Object.hasOwn(override, key)
    result[key] = mergeWithOrigins(
      Object.hasOwn(base, key) ? base[key] : undefined,
      [...basePath, key],
      overridden ? override[key] : undefined,
      overridden ? [...overridePath, key] : undefined,
      child,
      out
    )
  }
  return result
}

/** The origin of the node at `pointer`, or of its closest recorded parent. */
export function originOf(origins: Origins, pointer: string): readonly PathSegment[] | undefined {
  let current = pointer
  for (;;) {
    const found = origins.get(current)
    if (found) return found
    if (current === '') return undefined
    current = current.slice(0, current.lastIndexOf('/'))
  }
}

export function pathToPointer(path: readonly PathSegment[]): string {
  return path.map(s => `/${escapePointer(s)}`).join('')
}
