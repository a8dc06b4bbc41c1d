import type { Ajv, ErrorObject, ValidateFunction } from 'ajv'
import type { Manifest } from '../engine.js'
import { isObject } from '../manifest-documents.js'
import type { KindDeclaration } from '../../boundary/kinds.js'
import { resolveScope } from '../../boundary/kinds.js'
import { CORE_KINDS } from './core-kinds.js'
import { IDP_OUTPUT_CRDS, IDP_OUTPUT_MODELS } from './idp-output-kinds.js'
import type { CompiledValidator, Scope } from './core-kinds.js'
import type { XrdKind } from './crossplane-xrd.js'
import { isXrd, v2RemovedFields, xrdKinds } from './crossplane-xrd.js'
import type { SchemaViolation } from './openapi-schema.js'
import { compileCrdSchema, kubernetesAjv, violationsOf } from './openapi-schema.js'

type Schema = Record<string, unknown>

/** Everything known about one apiVersion + kind. */
export interface KindSchema {
  readonly apiVersion: string
  readonly kind: string
  readonly scope: Scope
  /** Where the schema came from: a CRD or XRD file, or `kubernetes-models`. */
  readonly origin: string
  validate(object: Readonly<Record<string, unknown>>): SchemaViolation[]
}

/** A group+kind whose CRD exists but does not serve the manifest's version. */
export interface UnservedVersion {
  readonly served: readonly string[]
  readonly origin: string
}

/**
 * The kinds validation knows: core kinds from `kubernetes-models`, every served version of each CRD,
 * and the XR / claim kinds each Crossplane XRD generates. Schemas compile on first use.
 */
export class SchemaCatalog {
  private readonly kinds = new Map<string, KindSchema>()
  private readonly versionsByGroupKind = new Map<string, { served: string[]; origin: string }>()
  /** Kinds whose schema idp ships; the first definition given as input replaces it. */
  private readonly builtin = new Set<string>()
  private ajv: Ajv | undefined

  constructor(options: { core?: boolean; idpOutput?: boolean } = {}) {
    if (options.core !== false) {
      for (const [apiVersion, kind, scope, validator] of CORE_KINDS)
        this.put(apiVersion, kind, scope, 'kubernetes-models', object =>
          runPrecompiled(validator, object)
        )
    }
    // The kinds idp renders (idp-output-kinds.ts); a CRD given later replaces them.
    if (options.idpOutput !== false) {
      const before = new Set(this.kinds.keys())
      for (const crd of IDP_OUTPUT_CRDS) this.add(crd)
      for (const [apiVersion, kind, scope, origin, validate] of IDP_OUTPUT_MODELS)
        this.put(apiVersion, kind, scope, origin, validate)
      for (const key of this.kinds.keys()) if (!before.has(key)) this.builtin.add(key)
    }
  }

  get size(): number {
    return this.kinds.size
  }

  /** Adds a CRD or an XRD; anything else is ignored (a CRD folder may hold other files). */
  add(definition: Manifest): boolean {
    const object = definition.object
    if (isXrd(object)) {
      for (const kind of xrdKinds(object)) this.addXrdKind(kind, definition.file)
      return true
    }
    if (object.kind !== 'CustomResourceDefinition' || !isObject(object.spec)) return false
    const spec = object.spec as Schema
    const group = String(spec.group ?? '')
    const kind = String((spec.names as Schema | undefined)?.kind ?? '')
    // The API server requires one of the two; anything else is read the way that lets nothing through.
    const scope: Scope = spec.scope === 'Namespaced' ? 'Namespaced' : 'Cluster'
    // The CRD is input: versions of the wrong type are skipped (their kinds then have no schema).
    const versions = (Array.isArray(spec.versions) ? spec.versions : []).filter(isObject)
    for (const version of versions as Schema[]) {
      if (version.served === false) continue
      const apiVersion = group ? `${group}/${String(version.name)}` : String(version.name)
      const given = isObject(version.schema) ? version.schema.openAPIV3Schema : undefined
      // A schema of the wrong type does not compile, which fails the kind's manifests (lazy below).
      const openAPIV3Schema = (given ?? {
        type: 'object',
        'x-kubernetes-preserve-unknown-fields': true
      }) as Schema
      const validate = this.lazy(openAPIV3Schema, definition.file)
      this.put(apiVersion, kind, scope, definition.file, object =>
        violationsOf(run(validate, object))
      )
    }
    return true
  }

  lookup(apiVersion: string, kind: string): KindSchema | undefined {
    return this.kinds.get(`${apiVersion}|${kind}`)
  }

  /** When the kind exists under another version of the same group. */
  unserved(apiVersion: string, kind: string): UnservedVersion | undefined {
    return this.versionsByGroupKind.get(`${groupOf(apiVersion)}|${kind}`)
  }

  /**
   * Scope from the CRD or XRD given, idp's own knowledge and the platform's `spec.kinds`
   * (`boundary/kinds.ts`); undefined when none of them knows the kind.
   */
  scopeOf(
    apiVersion: string,
    kind: string,
    declarations: readonly KindDeclaration[] = []
  ): Scope | undefined {
    return resolveScope(apiVersion, kind, this.lookup(apiVersion, kind)?.scope, declarations)
  }

  private addXrdKind(xrdKind: XrdKind, origin: string): void {
    const validate = this.lazy(xrdKind.openAPIV3Schema, origin)
    this.put(xrdKind.apiVersion, xrdKind.kind, xrdKind.scope, origin, object => {
      const removed = v2RemovedFields(xrdKind, object)
      const fromSchema = violationsOf(run(validate, object)).filter(
        v => !removed.some(r => r.pointer === v.pointer)
      )
      return [...removed, ...fromSchema]
    })
  }

  private put(
    apiVersion: string,
    kind: string,
    scope: Scope,
    origin: string,
    validate: KindSchema['validate']
  ): void {
    if (this.builtin.delete(`${apiVersion}|${kind}`)) {
      this.kinds.delete(`${apiVersion}|${kind}`)
      this.versionsByGroupKind.delete(`${groupOf(apiVersion)}|${kind}`)
    }
    const existing = this.kinds.get(`${apiVersion}|${kind}`)
    // Two definitions of one kind (e.g. a v1 XRD's claim and the v2 XRD that replaced it, both
    // given as `crds`): a manifest valid for either passes; else the closer one's violations count.
    const combined: KindSchema['validate'] = existing
      ? object => {
          const a = existing.validate(object)
          if (a.length === 0) return a
          const b = validate(object)
          return b.length <= a.length ? b : a
        }
      : validate
    this.kinds.set(`${apiVersion}|${kind}`, {
      apiVersion,
      kind,
      // Two definitions that disagree: cluster-scoped, the answer that lets nothing through.
      scope: existing?.scope === 'Cluster' ? 'Cluster' : scope,
      origin: existing ? `${existing.origin}, ${origin}` : origin,
      validate: combined
    })
    const key = `${groupOf(apiVersion)}|${kind}`
    const entry = this.versionsByGroupKind.get(key) ?? { served: [], origin }
    entry.served.push(apiVersion.split('/').pop() ?? apiVersion)
    this.versionsByGroupKind.set(key, entry)
  }

  /**
   * Compiles on first use. A schema that does not compile (the CRD or XRD is itself broken) fails
   * every object of its kind with one error naming the file, since nothing about them can be proven.
   */
  private lazy(openAPIV3Schema: Schema, origin: string): () => ValidateFunction | ErrorObject {
    let compiled: ValidateFunction | ErrorObject | undefined
    return () => {
      this.ajv ??= kubernetesAjv()
      if (compiled === undefined) {
        try {
          if (!isObject(openAPIV3Schema)) throw new Error('openAPIV3Schema is not a mapping')
          compiled = compileCrdSchema(this.ajv, openAPIV3Schema)
        } catch (error) {
          const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]
          compiled = {
            keyword: 'idpSchema',
            instancePath: '',
            schemaPath: '#',
            params: {},
            message: `cannot be checked: the schema in ${origin} is not valid (${reason}); fix its openAPIV3Schema`
          }
        }
      }
      return compiled
    }
  }
}

function run(
  validate: () => ValidateFunction | ErrorObject,
  object: unknown
): ErrorObject[] | null {
  const fn = validate()
  if (typeof fn !== 'function') return [fn]
  // A copy: validation fills in the schema's defaults (kubernetesAjv's useDefaults).
  return fn(copyTree(object)) ? null : (fn.errors ?? null)
}

/**
 * A copy of parsed YAML (mappings, lists, scalars). Not structuredClone: its objects may come from
 * another realm (under jest's VM modules), which the CEL evaluator does not recognise as lists.
 */
function copyTree(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyTree)
  if (!isObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value))
    Object.defineProperty(out, key, {
      value: copyTree(item),
      writable: true,
      enumerable: true,
      configurable: true
    })
  return out
}

function runPrecompiled(validator: CompiledValidator, object: unknown): SchemaViolation[] {
  if (validator(object)) return []
  return violationsOf((validator.errors ?? []) as ErrorObject[])
}

function groupOf(apiVersion: string): string {
  const slash = apiVersion.lastIndexOf('/')
  return slash < 0 ? '' : apiVersion.slice(0, slash)
}
