import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { ajvRegExpEngine } from '../boundary/regex.js'
import type { Problem } from '../runtime/errors.js'
import type { PathSegment, YamlSource } from './yaml-file.js'

type JsonSchema = Readonly<Record<string, unknown>>

// ajv-formats is CommonJS; its default export arrives wrapped under ESM interop.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv

// `pattern`s (idp's and the platform's custom-type schemas) run on RE2: linear in the value's length.
const ajv = addFormats(
  new Ajv({
    allErrors: true,
    strict: false,
    allowUnionTypes: true,
    verbose: true,
    code: { regExp: ajvRegExpEngine({ ecmaScript: true }) }
  })
)
const compiled = new WeakMap<object, ValidateFunction>()

export function compileSchema(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema)
  if (!validate) {
    validate = ajv.compile(schema as Record<string, unknown>)
    compiled.set(schema, validate)
  }
  return validate
}

/** Whether a schema compiles; the error text otherwise (for platform-supplied schemas). */
export function schemaCompileError(schema: JsonSchema): string | undefined {
  try {
    compileSchema(schema)
    return undefined
  } catch (error) {
    return (error as Error).message
  }
}

export interface SchemaCheckOptions {
  /** Where `value` sits inside the source document. */
  readonly basePath: readonly PathSegment[]
  /** Maps a path inside `value` to a path in the source document, when the value was assembled. */
  readonly mapPath?: (path: readonly PathSegment[]) => readonly PathSegment[]
  /** Words naming what is validated, e.g. "component 'checkout' (type webservice)". */
  readonly subject: string
  /** Says where a `maximum` comes from, e.g. "the platform's quota". */
  readonly maximumMeans?: string
}

/** Validates and returns one plain-words problem per failing field, positioned in the source file. */
export function checkSchema(
  schema: JsonSchema,
  value: unknown,
  source: YamlSource,
  options: SchemaCheckOptions
): Problem[] {
  const validate = compileSchema(schema)
  if (validate(value)) return []
  const errors = dropUnionNoise(validate.errors ?? [])
  const seen = new Set<string>()
  const problems: Problem[] = []
  for (const error of errors) {
    const inner = pointerToPath(error.instancePath)
    // Errors about a key (unknown field, bad key name, missing field) point at the key, not its value.
    const badKey =
      error.keyword === 'additionalProperties'
        ? String(error.params.additionalProperty)
        : error.propertyName
    const isKeyError = badKey !== undefined || error.keyword === 'required'
    const path = badKey !== undefined ? [...inner, badKey] : inner
    const mapped = options.mapPath ? options.mapPath(path) : path
    const full = [...options.basePath, ...mapped]
    const problem: Problem = {
      message: describe(error, path, options),
      position: source.positionOf(full, { key: isKeyError }),
      hint: hintFor(error)
    }
    const key = `${problem.position?.line}:${problem.position?.column}:${problem.message}`
    if (!seen.has(key)) {
      seen.add(key)
      problems.push(problem)
    }
  }
  return problems
}

function pointerToPath(pointer: string): PathSegment[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map(s => (/^\d+$/.test(s) ? Number(s) : s))
}

/** With anyOf/oneOf every branch reports; keep the branch errors only when nothing more specific exists. */
function dropUnionNoise(errors: readonly ErrorObject[]): ErrorObject[] {
  const specific = errors.filter(
    e => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if'
  )
  return specific.length > 0 ? specific : [...errors]
}

function fieldName(path: readonly PathSegment[]): string {
  return path.length === 0 ? 'the value' : `'${path.map(String).join('.')}'`
}

function describe(
  error: ErrorObject,
  path: readonly PathSegment[],
  options: SchemaCheckOptions
): string {
  const field = fieldName(path)
  const where = `In ${options.subject}`
  const p = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return `${where}: ${path.length ? `${field} is missing` : 'a field is missing'} the required field '${String(p.missingProperty)}'.`
    case 'additionalProperties':
      return `${where}: unknown field ${field}.`
    case 'type':
      return `${where}: ${field} must be ${article(String(p.type))}, got ${typeName(error.data)}.`
    case 'enum':
      return `${where}: ${field} must be one of ${(p.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ')}; got ${JSON.stringify(error.data)}.`
    case 'const':
      return `${where}: ${field} must be ${JSON.stringify(p.allowedValue)}; got ${JSON.stringify(error.data)}.`
    case 'pattern': {
      if (error.propertyName !== undefined) {
        const described = (error.parentSchema as { description?: string } | undefined)?.description
        return `${where}: the key '${error.propertyName}' is not ${described ?? `matching ${String(p.pattern)}`}.`
      }
      const described = (error.parentSchema as { description?: string } | undefined)?.description
      return `${where}: ${field} is ${JSON.stringify(error.data)}, which is not ${described ?? `matching ${String(p.pattern)}`}.`
    }
    case 'maximum':
    case 'exclusiveMaximum':
      return `${where}: ${field} is ${JSON.stringify(error.data)}, above the maximum of ${String(p.limit)}${options.maximumMeans ? ` (${options.maximumMeans})` : ''}.`
    case 'minimum':
    case 'exclusiveMinimum':
      return `${where}: ${field} is ${JSON.stringify(error.data)}, below the minimum of ${String(p.limit)}.`
    case 'maxLength':
      return `${where}: ${field} is longer than ${String(p.limit)} characters.`
    case 'minLength':
      return `${where}: ${field} must not be empty.`
    case 'minItems':
      return `${where}: ${field} needs at least ${String(p.limit)} item(s).`
    case 'maxItems':
      return `${where}: ${field} has more than ${String(p.limit)} items.`
    case 'maxProperties':
      return `${where}: ${field} has more than ${String(p.limit)} entries.`
    case 'uniqueItems':
      return `${where}: ${field} lists the same value twice.`
    case 'format':
      return `${where}: ${field} is not a valid ${String(p.format)}.`
    default:
      return `${where}: ${field} ${error.message ?? 'is invalid'}.`
  }
}

function hintFor(error: ErrorObject): string | undefined {
  if (error.keyword === 'additionalProperties') {
    const allowed = Object.keys(
      (error.parentSchema as { properties?: object } | undefined)?.properties ?? {}
    )
    return allowed.length > 0
      ? `Allowed fields here: ${allowed.join(', ')}.`
      : 'No extra fields are allowed here.'
  }
  return undefined
}

function article(type: string): string {
  const words = type
    .split(',')
    .map(t =>
      t === 'integer'
        ? 'a whole number'
        : t === 'object'
          ? 'a mapping'
          : t === 'array'
            ? 'a list'
            : `a ${t}`
    )
  return words.join(' or ')
}

function typeName(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a mapping'
  if (typeof value === 'number')
    return Number.isInteger(value) ? `the number ${value}` : `the number ${value}`
  if (typeof value === 'string') return `the text ${JSON.stringify(value)}`
  return `${typeof value} ${String(value)}`
}
