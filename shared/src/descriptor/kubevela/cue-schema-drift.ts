// Compares a CUE parameter shape (see cue-parameter-shape.ts) with a hand-written JSON Schema and lists
// the differences: field names, required fields, open/closed structs, JSON types, enums, defaults and
// patterns. An empty list means the schema still describes the upstream parameter block.
import type { CueParameters, CueShape } from './cue-parameter-shape.js'
import type { JSONSchema } from './schema-parts.js'

const KEYWORD_TYPES: Record<string, string> = {
  string: 'string',
  int: 'integer',
  number: 'number',
  float: 'number',
  bool: 'boolean',
  null: 'null'
}

/** A CUE scalar as JSON: `"x"` → 'x', `1` → 1, `true` → true; undefined for a type keyword. */
function literalValue(text: string): unknown {
  if (text in KEYWORD_TYPES && text !== 'null') return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function jsonTypeOf(shape: CueShape): string | undefined {
  if (shape.kind === 'struct') return 'object'
  if (shape.kind === 'list') return 'array'
  if (shape.kind !== 'scalar') return undefined
  if (shape.text in KEYWORD_TYPES) return KEYWORD_TYPES[shape.text]
  if (shape.text.startsWith('=~') || shape.text.startsWith('!~')) return 'string'
  const value = literalValue(shape.text)
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value === 'string' ? 'string' : typeof value === 'boolean' ? 'boolean' : undefined
}

const asSchema = (value: unknown): JSONSchema | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as JSONSchema)
    : undefined

const sameSet = (a: Iterable<unknown>, b: Iterable<unknown>) => {
  const left = [...new Set(a)].map(v => JSON.stringify(v)).sort()
  const right = [...new Set(b)].map(v => JSON.stringify(v)).sort()
  return left.join('\n') === right.join('\n')
}

const describeList = (values: Iterable<unknown>) =>
  [...values].map(v => JSON.stringify(v)).join(', ') || '(none)'

/** Every difference between the CUE parameter block and `schema`, one line each, with its path. */
export function parameterDrift(cue: CueParameters, schema: JSONSchema): string[] {
  const drift: string[] = []

  const resolve = (shape: CueShape, path: string): CueShape | undefined => {
    let current = shape
    for (let hops = 0; current.kind === 'ref'; hops++) {
      const target = cue.definitions.get(current.name)
      if (!target || hops > 10) {
        drift.push(`${path}: unresolved CUE reference ${current.name}`)
        return undefined
      }
      current = target
    }
    return current
  }

  const checkTypes = (path: string, expected: Set<string>, s: JSONSchema) => {
    const declared = s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type]
    if (!sameSet(expected, declared)) {
      drift.push(
        `${path}: CUE type ${describeList(expected)}, schema type ${describeList(declared)}`
      )
    }
  }

  const compare = (raw: CueShape, s: JSONSchema | undefined, path: string): void => {
    if (!s) {
      drift.push(`${path}: no schema`)
      return
    }
    const shape = resolve(raw, path)
    if (!shape) return
    if (shape.kind === 'disjunction') {
      compareDisjunction(shape, s, path)
      return
    }
    if (shape.kind === 'struct') {
      compareStruct(shape, s, path)
      return
    }
    if (shape.kind === 'list') {
      checkTypes(path, new Set(['array']), s)
      if (shape.element) compare(shape.element, asSchema(s.items), `${path}[]`)
      return
    }
    const type = jsonTypeOf(shape)
    if (type) checkTypes(path, new Set([type]), s)
    if (shape.kind === 'scalar' && shape.text.startsWith('=~')) {
      const regex = literalValue(shape.text.slice(2))
      if (s.pattern !== regex)
        drift.push(`${path}: CUE pattern ${String(regex)}, schema ${String(s.pattern)}`)
    }
  }

  const compareDisjunction = (
    shape: CueShape & { kind: 'disjunction' },
    s: JSONSchema,
    path: string
  ) => {
    const options = shape.options.map(o => resolve(o, path)).filter(o => o !== undefined)
    const structs = options.filter(o => o.kind === 'struct')
    if (structs.length > 1) {
      const branches = (s.oneOf ?? s.anyOf) as unknown[] | undefined
      if (!Array.isArray(branches) || branches.length !== structs.length) {
        drift.push(
          `${path}: CUE has ${structs.length} struct alternatives, schema oneOf/anyOf does not`
        )
        return
      }
      structs.forEach((struct, i) => compare(struct, asSchema(branches[i]), `${path}<${i}>`))
      return
    }
    if (structs.length === 1) {
      compare(structs[0]!, s, path)
      return
    }
    const lists = options.filter(o => o.kind === 'list')
    if (lists.length > 0) {
      checkTypes(path, new Set(['array']), s)
      const typed = lists.find(l => l.element !== undefined)
      if (typed?.element) compare(typed.element, asSchema(s.items), `${path}[]`)
      return
    }
    const scalars = options.filter(o => o.kind === 'scalar')
    checkTypes(path, new Set(scalars.map(jsonTypeOf).filter(t => t !== undefined)), s)
    const literals = scalars.map(o => literalValue(o.text)).filter(v => v !== undefined)
    const open = scalars.some(o => o.text in KEYWORD_TYPES && o.text !== 'null')
    if (!open && !sameSet(literals, (s.enum as unknown[] | undefined) ?? [])) {
      drift.push(
        `${path}: CUE values ${describeList(literals)}, schema enum ${describeList((s.enum as unknown[]) ?? [])}`
      )
    }
    if (open && s.enum !== undefined)
      drift.push(`${path}: CUE accepts any value, schema has an enum`)
    const chosen = shape.defaultIndex === undefined ? undefined : shape.options[shape.defaultIndex]
    const defaultValue = chosen?.kind === 'scalar' ? literalValue(chosen.text) : undefined
    if (JSON.stringify(defaultValue) !== JSON.stringify(s.default)) {
      drift.push(
        `${path}: CUE default ${JSON.stringify(defaultValue)}, schema default ${JSON.stringify(s.default)}`
      )
    }
  }

  const compareStruct = (shape: CueShape & { kind: 'struct' }, s: JSONSchema, path: string) => {
    checkTypes(path, new Set(['object']), s)
    const properties = asSchema(s.properties) ?? {}
    const cueNames = [...shape.fields.keys()]
    const schemaNames = Object.keys(properties)
    const missing = cueNames.filter(n => !(n in properties))
    const extra = schemaNames.filter(n => !shape.fields.has(n))
    if (missing.length > 0) drift.push(`${path}: schema lacks ${missing.join(', ')}`)
    if (extra.length > 0) drift.push(`${path}: schema has ${extra.join(', ')}, which CUE does not`)

    const expectedRequired = [...shape.fields]
      .filter(([, f]) => !f.optional && !f.conditional && !hasDefault(f.shape))
      .map(([name]) => name)
    const required = (s.required as string[] | undefined) ?? []
    if (!sameSet(expectedRequired, required)) {
      drift.push(
        `${path}: CUE requires ${describeList(expectedRequired)}, schema requires ${describeList(required)}`
      )
    }

    if (shape.pattern) {
      compare(shape.pattern, asSchema(s.additionalProperties), `${path}[*]`)
    } else if (shape.open && s.additionalProperties === false) {
      drift.push(`${path}: CUE struct is open (...), schema is closed`)
    } else if (!shape.open && s.additionalProperties !== false) {
      drift.push(`${path}: CUE struct is closed, schema is open`)
    }
    for (const [name, field] of shape.fields) {
      if (name in properties) compare(field.shape, asSchema(properties[name]), `${path}.${name}`)
    }
  }

  compare(cue.parameter, schema, 'parameter')
  return drift
}

function hasDefault(shape: CueShape): boolean {
  return shape.kind === 'disjunction' && shape.defaultIndex !== undefined
}
