// Values crossing into and out of CEL. Kubernetes decodes a JSON/YAML object into int64 where a number
// is whole and float64 otherwise (`k8s.io/apimachinery` unstructured), so an integer field is a CEL `int`
// (`object.spec.replicas == 3`, `type(x) == int`); cel-js represents `int` as BigInt. Out of CEL, ints
// become JavaScript numbers again and optionals their value.

type Obj = Record<string, unknown>

const converted = new WeakMap<object, unknown>()

/** A YAML/JSON value as Kubernetes' CEL sees it: whole numbers as int (BigInt), the rest unchanged. */
export function toCel(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return convert(value)
  // A value is converted once: a resource checked by many policies is walked once (the cache is by the
  // value given, not by every object inside it, which would cost a lookup per node).
  const cached = converted.get(value)
  if (cached !== undefined) return cached
  const out = convert(value)
  converted.set(value, out)
  return out
}

function convert(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value
  if (value === null || typeof value !== 'object') return value
  if (value instanceof Date || value instanceof Uint8Array) return value
  if (Array.isArray(value)) return value.map(convert)
  const copy: Obj = {}
  for (const k in value)
    if (Object.prototype.hasOwnProperty.call(value, k)) {
      const v = (value as Obj)[k]
      if (v !== undefined) copy[k] = convert(v)
    }
  return copy
}

interface OptionalLike {
  hasValue(): boolean
  value(): unknown
}

function isOptional(value: unknown): value is OptionalLike {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.prototype.toString.call(value) === '[object optional]'
  )
}

/** A CEL result as plain JSON-like data (for messages, annotations, variables shown to a user). */
export function fromCel(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value)
  if (value === null || typeof value !== 'object') return value
  if (isOptional(value)) return value.hasValue() ? fromCel(value.value()) : null
  if (Array.isArray(value)) return value.map(fromCel)
  if (value instanceof Map)
    return Object.fromEntries([...value].map(([k, v]) => [String(k), fromCel(v)]))
  if (value instanceof Date || value instanceof Uint8Array) return value
  if (Object.getPrototypeOf(value) !== Object.prototype) return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fromCel(v)]))
}

/** Go's `%v`-like text of a CEL value, for messages. */
export function celText(value: unknown): string {
  const plain = fromCel(value)
  if (typeof plain === 'string') return plain
  if (plain instanceof Date) return plain.toISOString()
  return JSON.stringify(plain) ?? String(plain)
}

export { isOptional }
