// Small JSON helpers shared by the engine modules.
import { setOwn } from '../../descriptor/own.js'

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as unknown[]
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]))
  }
  const ka = Object.keys(a)
  const kb = Object.keys(b)
  return ka.length === kb.length && ka.every(k => deepEqual((a as never)[k], (b as never)[k]))
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** A deep copy through JSON, as Kyverno's untyped round-trips do. */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T)
}

/**
 * `{ ...source }` — own enumerable keys in order (`__proto__` as a plain key) and symbols — built by
 * assignment: V8 clones a spread object into a shape of its own, and every key added to it afterwards
 * (an element, a context entry) then takes its slow path, about twenty times as long as this copy.
 */
export function copyOwn(source: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const keys = Object.keys(source)
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]
    if (key === '__proto__') setOwn(out, key, source[key])
    else out[key] = source[key]
  }
  const symbols = Object.getOwnPropertySymbols(source)
  for (let i = 0; i < symbols.length; i++)
    if (Object.prototype.propertyIsEnumerable.call(source, symbols[i]))
      (out as Record<symbol, unknown>)[symbols[i]] = (source as Record<symbol, unknown>)[symbols[i]]
  return out
}
