import type { EffectiveResource } from '../descriptor/effective.js'
import { isPlainObject, originOf } from '../descriptor/origins.js'
import { fillPattern } from '../descriptor/patterns.js'
import { resourceType } from '../descriptor/type-registry.js'
import type { ResourceTypeConfig } from '../descriptor/types.js'
import type { RenderContext, RenderedManifest } from './context.js'
import type { SourceMapBuilder } from './source-map.js'

export function crossplaneFile(type: ResourceTypeConfig, resource: string): string {
  return `${type.kind.toLowerCase()}-${resource}.yaml`
}

/**
 * A Crossplane object per infra resource, shaped by the platform's XRD version: a claim for a v1 XRD
 * (composition machinery at the top of `spec`, `writeConnectionSecretToRef`) or a namespaced XR for a
 * v2 XRD (machinery under `spec.crossplane`; the Composition writes the connection Secret by convention).
 */
export function renderCrossplane(
  ctx: RenderContext,
  resource: EffectiveResource,
  map: SourceMapBuilder
): RenderedManifest | undefined {
  const type = resourceType(ctx.platform, resource.type)
  if (!type) return undefined
  const service = ctx.loaded.descriptor.metadata.name
  const vars = {
    service,
    resource: resource.name,
    namespace: ctx.namespace,
    environment: ctx.environment.name
  }
  const parameters = mergeDefaults(fillStrings(type.defaults ?? {}, vars), resource.properties)
  map.add('', resource.path)
  map.add('/metadata/name', [...resource.path, 'name'])
  for (const key of Object.keys(resource.properties)) {
    map.addTree(
      resource.properties[key],
      `/spec/parameters/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`,
      inner => {
        const full = `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}${inner}`
        return originOf(resource.origins, full)
      }
    )
  }
  const composition = {
    ...(type.compositionRef ? { compositionRef: { ...type.compositionRef } } : {}),
    ...(type.compositionSelector
      ? { compositionSelector: { matchLabels: { ...type.compositionSelector.matchLabels } } }
      : {})
  }
  const connectionSecret = fillPattern(type.connectionSecret, {
    service,
    resource: resource.name,
    environment: ctx.environment.name
  })
  const spec =
    type.style === 'claim'
      ? { parameters, ...composition, writeConnectionSecretToRef: { name: connectionSecret } }
      : { parameters, ...(Object.keys(composition).length > 0 ? { crossplane: composition } : {}) }
  return {
    file: crossplaneFile(type, resource.name),
    object: {
      apiVersion: type.apiVersion,
      kind: type.kind,
      metadata: {
        name: `${service}-${resource.name}`,
        namespace: ctx.namespace,
        labels: ctx.labels,
        // A v2 XR has no connection-secret field; the name the workload reads is recorded for reviewers.
        ...(type.style === 'xr'
          ? { annotations: { 'idp.dev/connection-secret': connectionSecret } }
          : {})
      },
      spec
    }
  }
}

function fillStrings(value: unknown, vars: Readonly<Record<string, string>>): unknown {
  if (typeof value === 'string') return fillPattern(value, vars)
  if (Array.isArray(value)) return value.map(v => fillStrings(v, vars))
  if (isPlainObject(value))
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillStrings(v, vars)]))
  return value
}

/** Platform defaults under the service's properties: mappings merge, the service's values win. */
function mergeDefaults(defaults: unknown, properties: unknown): unknown {
  if (!isPlainObject(defaults) || !isPlainObject(properties))
    return properties === undefined ? defaults : properties
  const out: Record<string, unknown> = { ...defaults }
  for (const [k, v] of Object.entries(properties))
    out[k] = k in defaults ? mergeDefaults(defaults[k], v) : v
  return out
}
