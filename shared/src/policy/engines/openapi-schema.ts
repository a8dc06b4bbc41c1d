import { Ajv } from 'ajv'
import type { ErrorObject, ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { ajvRegExpEngine, regExpSyntaxProblem } from '../../boundary/regex.js'
import type { CrdRule } from './crd-cel.js'
import { compileCrdRule, crdRulesOf, runCrdRule } from './crd-cel.js'
import { isObject } from '../manifest-documents.js'
import { joinPointer } from '../manifest-positions.js'

// ajv-formats is CommonJS; under ESM its default export arrives wrapped once more.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv

type Schema = Record<string, unknown>

/** One thing a schema rejected: where (RFC 6901 pointer into the object) and why. */
export interface SchemaViolation {
  readonly pointer: string
  readonly message: string
}

/**
 * Turns a CRD's structural `openAPIV3Schema` into the JSON Schema the API server effectively applies:
 * - `nullable: true` admits null;
 * - `x-kubernetes-int-or-string` admits an integer or a string;
 * - `x-kubernetes-embedded-resource` requires `apiVersion` and `kind` and allows `metadata`;
 * - `x-kubernetes-preserve-unknown-fields` keeps unknown fields; everywhere else an object with
 *   `properties` rejects unknown fields, as `kubectl apply` (strict field validation) does;
 * - `x-kubernetes-list-type: set|map` rejects duplicates (by the `x-kubernetes-list-map-keys`);
 * - `default`s are filled in before anything is checked, as the API server defaults before it
 *   validates (ajv `useDefaults`: the caller validates a copy);
 * - `x-kubernetes-validations` CEL rules hold (those about `oldSelf` only apply to updates); a rule
 *   that does not compile fails the compilation, one that errors fails the object (`crd-cel.ts`);
 * - at the root, `apiVersion`, `kind` and `metadata` (labels and annotations as strings) are implied.
 */
export function crdSchemaToJsonSchema(openAPIV3Schema: Schema): Schema {
  const converted = convert(openAPIV3Schema)
  const properties = { ...((converted.properties as Schema | undefined) ?? {}) }
  properties.apiVersion = { type: 'string' }
  properties.kind = { type: 'string' }
  properties.metadata = METADATA_SCHEMA
  return { ...converted, type: 'object', properties }
}

const STRING_MAP = { type: 'object', additionalProperties: { type: 'string' } }
const METADATA_SCHEMA: Schema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    generateName: { type: 'string' },
    namespace: { type: 'string' },
    labels: STRING_MAP,
    annotations: STRING_MAP
  }
}

function convert(schema: Schema): Schema {
  const out: Schema = {}
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' || key === 'patternProperties' || key === 'definitions') {
      out[key] = Object.fromEntries(
        Object.entries(value as Schema).map(([k, v]) => [k, isObject(v) ? convert(v) : v])
      )
    } else if (key === 'items' || key === 'not' || key === 'additionalItems') {
      out[key] = Array.isArray(value)
        ? value.map(v => (isObject(v) ? convert(v) : v))
        : isObject(value)
          ? convert(value)
          : value
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      out[key] = (value as unknown[]).map(v => (isObject(v) ? convert(v) : v))
    } else if (key === 'additionalProperties') {
      out[key] = isObject(value) ? convert(value) : value
    } else if (
      key.startsWith('x-kubernetes-') ||
      key === 'nullable' ||
      key === 'example' ||
      key === 'externalDocs'
    ) {
      continue
    } else {
      out[key] = value
    }
  }
  if (schema['x-kubernetes-int-or-string'] === true) {
    delete out.type
    if (
      Array.isArray(out.anyOf) &&
      out.anyOf.every(b => isObject(b) && Object.keys(b).length === 1)
    )
      delete out.anyOf
    out.type = ['integer', 'string']
  }
  if (schema['x-kubernetes-embedded-resource'] === true) {
    const properties = { ...((out.properties as Schema | undefined) ?? {}) }
    properties.apiVersion = { type: 'string', minLength: 1 }
    properties.kind = { type: 'string', minLength: 1 }
    properties.metadata = properties.metadata ?? { type: 'object' }
    out.type = 'object'
    out.properties = properties
    out.required = [...new Set([...((out.required as string[]) ?? []), 'apiVersion', 'kind'])]
  }
  const preserve = schema['x-kubernetes-preserve-unknown-fields'] === true
  if (
    out.type === 'object' &&
    isObject(out.properties) &&
    !preserve &&
    !('additionalProperties' in out)
  )
    out.additionalProperties = false
  const celRules = crdRulesOf(schema['x-kubernetes-validations'])
  if (celRules.length > 0) out.k8sCel = celRules
  if (schema['x-kubernetes-list-type'] === 'set') out.uniqueItems = true
  const mapKeys = schema['x-kubernetes-list-map-keys']
  if (schema['x-kubernetes-list-type'] === 'map' && Array.isArray(mapKeys))
    out.k8sListMapKeys = mapKeys
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null']
    else if (Array.isArray(out.type)) out.type = [...out.type, 'null']
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null]
  }
  return out
}

/** Formats Kubernetes names in CRDs that JSON Schema does not define; the API server ignores them too. */
const LENIENT_FORMATS = ['int-or-string', 'quantity', 'cidr', 'mac', 'bsonobjectid', 'password']

/** An ajv set up for Kubernetes schemas; each compiled schema is cached by the caller. */
export function kubernetesAjv(): Ajv {
  // CRD `pattern`s are Go regular expressions (the API server runs them on RE2): the same engine here,
  // linear in the value's length whatever the CRD says.
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    logger: false,
    validateFormats: true,
    // The API server applies the schema's defaults before validating (CEL rules read them). This fills
    // missing properties in the data given: callers validate a copy.
    useDefaults: true,
    code: { regExp: ajvRegExpEngine({ ecmaScript: false, onInvalid: 'reject-values' }) }
  })
  addFormats(ajv)
  for (const name of LENIENT_FORMATS) ajv.addFormat(name, true)
  ajv.addKeyword({
    keyword: 'k8sCel',
    schemaType: 'array',
    errors: true,
    // After `properties`, which fills in the defaults the rules may read.
    post: true,
    // A rule that does not compile throws here, so the whole schema does not compile (fail closed).
    compile: (rules: CrdRule[]) => {
      const programs = rules.map(rule => ({ rule, program: compileCrdRule(rule.rule) }))
      const check = (data: unknown, context?: { instancePath?: string }) => {
        const errors: Partial<ErrorObject>[] = []
        for (const { rule, program } of programs) {
          const outcome = runCrdRule(program, data)
          if ('error' in outcome)
            errors.push({
              keyword: 'k8sCel',
              instancePath: context?.instancePath ?? '',
              params: { rule: rule.rule, evaluationError: outcome.error },
              message: `the rule \`${rule.rule}\` cannot be evaluated (${outcome.error}); the API server rejects the object`
            })
          else if (!outcome.holds)
            errors.push({
              keyword: 'k8sCel',
              instancePath: (context?.instancePath ?? '') + fieldPathPointer(rule.fieldPath),
              params: { rule: rule.rule },
              message: rule.message?.replace(/\.$/, '') ?? `failed rule: ${rule.rule}`
            })
        }
        check.errors = errors.length > 0 ? errors : null
        return errors.length === 0
      }
      check.errors = null as Partial<ErrorObject>[] | null
      return check as never
    }
  })
  ajv.addKeyword({
    keyword: 'k8sListMapKeys',
    type: 'array',
    schemaType: 'array',
    errors: false,
    validate: (keys: string[], data: unknown[]) => {
      const seen = new Set<string>()
      for (const item of data) {
        if (!isObject(item)) continue
        const key = JSON.stringify(keys.map(k => item[k] ?? null))
        if (seen.has(key)) return false
        seen.add(key)
      }
      return true
    }
  })
  return ajv
}

/** `.spec.foo['bar']` (a rule's fieldPath) as a JSON pointer suffix. */
function fieldPathPointer(fieldPath: string | undefined): string {
  if (!fieldPath) return ''
  const segments = [...fieldPath.matchAll(/\.([A-Za-z0-9_-]+)|\['([^']*)'\]|\[(\d+)\]/g)].map(
    m => m[1] ?? m[2] ?? m[3]
  )
  return joinPointer(segments)
}

export function compileCrdSchema(ajv: Ajv, openAPIV3Schema: Schema): ValidateFunction {
  return ajv.compile(crdSchemaToJsonSchema(openAPIV3Schema))
}

/** ajv errors (from ajv itself or from precompiled standalone code) as pointer + plain message. */
export function violationsOf(errors: readonly ErrorObject[] | null | undefined): SchemaViolation[] {
  if (!errors) return []
  // A failed anyOf/oneOf also reports every branch's errors; the summary error says it better.
  const branchParents = errors
    .filter(e => e.keyword === 'anyOf' || e.keyword === 'oneOf')
    .map(e => e.schemaPath)
  const kept = errors.filter(
    e =>
      !branchParents.some(
        parent => e.schemaPath !== parent && e.schemaPath.startsWith(parent + '/')
      )
  )
  const seen = new Set<string>()
  const out: SchemaViolation[] = []
  for (const error of kept) {
    const violation = describe(error)
    const key = `${violation.pointer}|${violation.message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(violation)
  }
  return out
}

function describe(error: ErrorObject): SchemaViolation {
  const at = error.instancePath
  const p = error.params as Record<string, unknown>
  const field = at === '' ? 'the object' : `\`${at.slice(1).split('/').join('.')}\``
  switch (error.keyword) {
    case 'required':
      return {
        pointer: at,
        message: `${field} is missing the required field \`${String(p.missingProperty)}\`.`
      }
    case 'additionalProperties': {
      const name = String(p.additionalProperty)
      return {
        pointer: `${at}${joinPointer([name])}`,
        message: `\`${[...at.slice(1).split('/').filter(Boolean), name].join('.')}\` is not a field of this kind (unknown fields are rejected).`
      }
    }
    case 'type':
      return { pointer: at, message: `${field} must be of type ${[p.type].flat().join(' or ')}.` }
    case 'enum':
      return {
        pointer: at,
        message: `${field} must be one of ${(p.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(', ')}.`
      }
    case 'k8sCel':
      return { pointer: at, message: `${field}: ${error.message ?? 'fails a validation rule'}.` }
    case 'k8sListMapKeys':
    case 'uniqueItems':
      return { pointer: at, message: `${field} has duplicate entries.` }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return {
        pointer: at,
        message: `${field} must be ${String(p.comparison)} ${String(p.limit)}.`
      }
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
    case 'minProperties':
    case 'maxProperties': {
      const bound = error.keyword.startsWith('min') ? 'at least' : 'at most'
      const unit = error.keyword.endsWith('Length')
        ? 'characters'
        : error.keyword.endsWith('Items')
          ? 'items'
          : 'fields'
      return { pointer: at, message: `${field} must have ${bound} ${String(p.limit)} ${unit}.` }
    }
    case 'pattern': {
      const invalid = regExpSyntaxProblem(String(p.pattern))
      return {
        pointer: at,
        message: invalid
          ? `${field} cannot be checked: the schema's pattern \`${String(p.pattern)}\` is not a valid Go regular expression (${invalid}).`
          : `${field} must match the pattern \`${String(p.pattern)}\`.`
      }
    }
    case 'format':
      return { pointer: at, message: `${field} must be a valid ${String(p.format)}.` }
    default:
      return { pointer: at, message: `${field} ${error.message ?? `fails \`${error.keyword}\``}.` }
  }
}
