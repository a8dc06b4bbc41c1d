import { collectOrigins, mergeWithOrigins, type Origins } from './origins.js'
import type { EnvValue, ServiceDescriptor } from './types.js'
import type { PathSegment } from './yaml-file.js'
import { hasOwnKey, ownValue } from './own.js'

/** A value with the descriptor path it was written at (the override's, when overridden). */
export interface Traced<T> {
  readonly value: T
  readonly path: readonly PathSegment[]
}

export interface NormalizedPort {
  readonly port: number
  readonly expose: boolean
  readonly name?: string
  readonly protocol?: string
}

export interface EffectiveEnvVar {
  readonly name: string
  readonly value: EnvValue
  /** Path of the value; the variable's name sits at the same path's key. */
  readonly path: readonly PathSegment[]
}

export interface EffectiveTrait {
  readonly type: string
  readonly path: readonly PathSegment[]
  readonly properties: Record<string, unknown>
  /** Pointers inside `properties` → descriptor paths. */
  readonly origins: Origins
}

export interface EffectiveComponent {
  readonly name: string
  readonly type: string
  readonly path: readonly PathSegment[]
  readonly image?: Traced<string>
  readonly ports?: Traced<readonly NormalizedPort[]>
  readonly env: readonly EffectiveEnvVar[]
  readonly properties: Record<string, unknown>
  readonly origins: Origins
  readonly traits: readonly EffectiveTrait[]
  readonly dependsOn: readonly string[]
}

export interface EffectiveSecret {
  readonly name: string
  readonly path: readonly PathSegment[]
  readonly store: Traced<string>
  readonly refreshInterval?: Traced<string>
  readonly data: readonly {
    readonly secretKey: string
    /** Absent when the value is only sealed (environments that map the store to Sealed Secrets). */
    readonly key?: string
    readonly property?: string
    readonly version?: string
    readonly path: readonly PathSegment[]
  }[]
}

export interface EffectiveResource {
  readonly name: string
  readonly type: string
  readonly path: readonly PathSegment[]
  readonly properties: Record<string, unknown>
  readonly origins: Origins
}

/** The service as one environment sees it: base descriptor with that environment's overrides merged. */
export interface EffectiveService {
  readonly environment: string
  readonly components: readonly EffectiveComponent[]
  readonly secrets: readonly EffectiveSecret[]
  readonly resources: readonly EffectiveResource[]
}

export function effectiveService(
  descriptor: ServiceDescriptor,
  environment: string
): EffectiveService {
  const overrides = ownValue(descriptor.spec.environments, environment)
  const overridePath = ['spec', 'environments', environment]
  const components = descriptor.spec.components.map((component, i): EffectiveComponent => {
    const base = ['spec', 'components', i]
    const over = ownValue(overrides?.components, component.name)
    const overPath = [...overridePath, 'components', component.name]
    const origins: Origins = new Map()
    const properties = mergeWithOrigins(
      component.properties ?? {},
      [...base, 'properties'],
      over?.properties,
      over?.properties ? [...overPath, 'properties'] : undefined,
      '',
      origins
    ) as Record<string, unknown>
    if (!component.properties && !over?.properties) origins.clear()
    const env: EffectiveEnvVar[] = []
    for (const [name, value] of Object.entries(component.env ?? {})) {
      const overridden = hasOwnKey(over?.env, name)
      env.push({
        name,
        value: overridden ? over!.env![name] : value,
        path: overridden ? [...overPath, 'env', name] : [...base, 'env', name]
      })
    }
    for (const [name, value] of Object.entries(over?.env ?? {})) {
      if (!hasOwnKey(component.env, name))
        env.push({ name, value, path: [...overPath, 'env', name] })
    }
    const ports = over?.ports
      ? { value: normalizePorts(over.ports), path: [...overPath, 'ports'] }
      : component.ports
        ? { value: normalizePorts(component.ports), path: [...base, 'ports'] }
        : undefined
    const image = over?.image
      ? { value: over.image, path: [...overPath, 'image'] }
      : component.image
        ? { value: component.image, path: [...base, 'image'] }
        : undefined
    const traits = (component.traits ?? []).map((trait, t): EffectiveTrait => {
      const traitOrigins: Origins = new Map()
      const overTrait = ownValue(over?.traits, trait.type)
      const merged = mergeWithOrigins(
        trait.properties ?? {},
        [...base, 'traits', t, 'properties'],
        overTrait,
        overTrait ? [...overPath, 'traits', trait.type] : undefined,
        '',
        traitOrigins
      ) as Record<string, unknown>
      return {
        type: trait.type,
        path: [...base, 'traits', t],
        properties: merged,
        origins: traitOrigins
      }
    })
    return {
      name: component.name,
      type: component.type,
      path: base,
      image,
      ports,
      env,
      properties,
      origins,
      traits,
      dependsOn: component.dependsOn ?? []
    }
  })
  const secrets = (descriptor.spec.secrets ?? []).map((secret, i): EffectiveSecret => {
    const base = ['spec', 'secrets', i]
    const over = ownValue(overrides?.secrets, secret.name)
    const overPath = [...overridePath, 'secrets', secret.name]
    const refresh = over?.refreshInterval ?? secret.refreshInterval
    return {
      name: secret.name,
      path: base,
      store: over?.store
        ? { value: over.store, path: [...overPath, 'store'] }
        : { value: secret.store, path: [...base, 'store'] },
      refreshInterval:
        refresh === undefined
          ? undefined
          : {
              value: refresh,
              path: over?.refreshInterval
                ? [...overPath, 'refreshInterval']
                : [...base, 'refreshInterval']
            },
      data: Object.entries(secret.data).map(([secretKey, ref]) => ({
        secretKey,
        key: ref.key,
        property: ref.property,
        version: ref.version,
        path: [...base, 'data', secretKey]
      }))
    }
  })
  const resources = (descriptor.spec.resources ?? []).map((resource, i): EffectiveResource => {
    const base = ['spec', 'resources', i]
    const over = ownValue(overrides?.resources, resource.name)
    const origins: Origins = new Map()
    const properties = mergeWithOrigins(
      resource.properties ?? {},
      [...base, 'properties'],
      over,
      over ? [...overridePath, 'resources', resource.name] : undefined,
      '',
      origins
    ) as Record<string, unknown>
    return { name: resource.name, type: resource.type, path: base, properties, origins }
  })
  return { environment, components, secrets, resources }
}

function normalizePorts(
  ports: NonNullable<ServiceDescriptor['spec']['components'][number]['ports']>
): NormalizedPort[] {
  // A bare number is a port the service serves: exposed through a Service, as KubeVela's `expose: true`.
  return ports.map(p =>
    typeof p === 'number' ? { port: p, expose: true } : { ...p, expose: p.expose ?? true }
  )
}

export { collectOrigins }
