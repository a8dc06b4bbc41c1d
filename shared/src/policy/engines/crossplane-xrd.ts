import { isObject } from '../manifest-documents.js'

type Schema = Record<string, unknown>

/** A kind an XRD defines (its composite resource, and for v1 XRDs its claim), with the full schema. */
export interface XrdKind {
  readonly apiVersion: string
  readonly kind: string
  readonly scope: 'Namespaced' | 'Cluster'
  readonly role: 'claim' | 'xr'
  /** `apiextensions.crossplane.io/v1` or `/v2`: decides which machinery fields exist. */
  readonly xrdApiVersion: string
  readonly openAPIV3Schema: Schema
}

// Crossplane adds these to the platform's schema when it generates the CRD of an XR or claim
// (crossplane `internal/xcrd/schemas.go`); no CRD file exists for those kinds to read them from.
const NAME_REF: Schema = {
  type: 'object',
  required: ['name'],
  properties: { name: { type: 'string' } }
}
const LABEL_SELECTOR: Schema = {
  type: 'object',
  required: ['matchLabels'],
  properties: { matchLabels: { type: 'object', additionalProperties: { type: 'string' } } }
}
const OBJECT_REF = (required: string[]): Schema => ({
  type: 'object',
  required,
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
    namespace: { type: 'string' }
  }
})
const COMPOSITION_FIELDS: Schema = {
  compositionRef: NAME_REF,
  compositionSelector: LABEL_SELECTOR,
  compositionRevisionRef: NAME_REF,
  compositionRevisionSelector: LABEL_SELECTOR,
  compositionUpdatePolicy: { type: 'string', enum: ['Automatic', 'Manual'] }
}
const RESOURCE_REFS: Schema = {
  type: 'array',
  items: OBJECT_REF(['apiVersion', 'kind']),
  'x-kubernetes-list-type': 'atomic'
}
const LEGACY_EXTRAS: Schema = {
  environmentConfigRefs: { type: 'array', items: OBJECT_REF(['apiVersion', 'kind']) },
  publishConnectionDetailsTo: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }
}

/** v2 XRs (Namespaced or Cluster scope) keep Crossplane's machinery under `spec.crossplane`. */
function v2XrSpec(): Schema {
  return {
    crossplane: {
      type: 'object',
      properties: { ...COMPOSITION_FIELDS, resourceRefs: RESOURCE_REFS }
    }
  }
}

/** LegacyCluster XRs (every v1 XRD) carry it at the top of `spec`, with claim and secret refs. */
function legacyXrSpec(): Schema {
  return {
    ...COMPOSITION_FIELDS,
    ...LEGACY_EXTRAS,
    resourceRefs: RESOURCE_REFS,
    claimRef: OBJECT_REF(['apiVersion', 'kind', 'namespace', 'name']),
    writeConnectionSecretToRef: {
      type: 'object',
      required: ['name', 'namespace'],
      properties: { name: { type: 'string' }, namespace: { type: 'string' } }
    }
  }
}

function claimSpec(): Schema {
  return {
    ...COMPOSITION_FIELDS,
    ...LEGACY_EXTRAS,
    compositeDeletePolicy: { type: 'string', enum: ['Background', 'Foreground'] },
    resourceRef: OBJECT_REF(['apiVersion', 'kind', 'name']),
    writeConnectionSecretToRef: NAME_REF
  }
}

function withSpecFields(base: Schema, extra: Schema): Schema {
  const properties = { ...((base.properties as Schema | undefined) ?? {}) }
  const spec = isObject(properties.spec) ? properties.spec : { type: 'object' }
  properties.spec = {
    ...spec,
    type: 'object',
    properties: { ...((spec.properties as Schema | undefined) ?? {}), ...extra }
  }
  // Status is written by Crossplane, never by the manifest's author.
  properties.status = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }
  return { ...base, type: 'object', properties }
}

export function isXrd(object: Readonly<Record<string, unknown>>): boolean {
  return (
    object.kind === 'CompositeResourceDefinition' &&
    typeof object.apiVersion === 'string' &&
    object.apiVersion.startsWith('apiextensions.crossplane.io/')
  )
}

/** Every served version of the XR kind and (v1 XRDs only) the claim kind, with generated schemas. */
export function xrdKinds(xrd: Readonly<Record<string, unknown>>): XrdKind[] {
  // The XRD is input: parts of the wrong type are read as absent (its kinds then have no schema).
  const spec = (isPlainObject(xrd.spec) ? xrd.spec : {}) as Schema
  const group = String(spec.group ?? '')
  const names = (isPlainObject(spec.names) ? spec.names : {}) as Schema
  const claimNames = isPlainObject(spec.claimNames) ? (spec.claimNames as Schema) : undefined
  const xrdApiVersion = String(xrd.apiVersion)
  const isV2 = xrdApiVersion === 'apiextensions.crossplane.io/v2'
  const declaredScope = typeof spec.scope === 'string' ? spec.scope : undefined
  const scope = declaredScope ?? (isV2 ? 'Namespaced' : 'LegacyCluster')
  const out: XrdKind[] = []
  const versions = (Array.isArray(spec.versions) ? spec.versions : []).filter(isPlainObject)
  for (const version of versions as Schema[]) {
    if (version.served === false) continue
    const given = isPlainObject(version.schema) ? version.schema.openAPIV3Schema : undefined
    const schema = (isPlainObject(given) ? given : { type: 'object' }) as Schema
    const apiVersion = `${group}/${String(version.name)}`
    out.push({
      apiVersion,
      kind: String(names.kind),
      scope: scope === 'Namespaced' ? 'Namespaced' : 'Cluster',
      role: 'xr',
      xrdApiVersion,
      openAPIV3Schema: withSpecFields(
        schema,
        scope === 'LegacyCluster' ? legacyXrSpec() : v2XrSpec()
      )
    })
    if (claimNames && typeof claimNames.kind === 'string') {
      out.push({
        apiVersion,
        kind: claimNames.kind,
        scope: 'Namespaced',
        role: 'claim',
        xrdApiVersion,
        openAPIV3Schema: withSpecFields(schema, claimSpec())
      })
    }
  }
  return out
}

/**
 * Fields a v2 XR must not set, with the reason: the schema's "unknown field" would be true but would
 * not tell the author that Crossplane v2 removed them.
 */
export function v2RemovedFields(kind: XrdKind, object: Readonly<Record<string, unknown>>) {
  if (kind.role !== 'xr' || kind.xrdApiVersion !== 'apiextensions.crossplane.io/v2') return []
  const spec = (object.spec ?? {}) as Schema
  const problems: { pointer: string; message: string }[] = []
  if ('writeConnectionSecretToRef' in spec)
    problems.push({
      pointer: '/spec/writeConnectionSecretToRef',
      message: `\`spec.writeConnectionSecretToRef\` is not supported on ${kind.kind}: Crossplane v2 XRs have no connection secrets; the Composition must compose the Secret itself.`
    })
  for (const field of ['compositeDeletePolicy', 'resourceRef', 'claimRef'])
    if (field in spec)
      problems.push({
        pointer: `/spec/${field}`,
        message: `\`spec.${field}\` is a claim field; apiextensions.crossplane.io/v2 XRDs have no claims.`
      })
  for (const field of Object.keys(COMPOSITION_FIELDS))
    if (field in spec)
      problems.push({
        pointer: `/spec/${field}`,
        message: `\`spec.${field}\` belongs under \`spec.crossplane\` on a Crossplane v2 XR.`
      })
  return problems
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}
