import type { EffectiveComponent } from './effective.js'
import type { WiredEnvVar } from './env-wiring.js'
import { originOf } from './origins.js'
import type { PathSegment } from './yaml-file.js'

/** Fields the descriptor sets on the component itself, never through `properties`. */
export const RESERVED_PROPERTIES = ['image', 'ports', 'env'] as const

/** A component's KubeVela `properties` as rendered, with the descriptor path of each part. */
export interface AssembledProperties {
  readonly value: Record<string, unknown>
  /** Descriptor path of the node at a pointer inside `value` (closest recorded parent). */
  pathOf(pointer: string): readonly PathSegment[]
}

export function assembleComponentProperties(
  component: EffectiveComponent,
  env: readonly WiredEnvVar[],
  image: string | undefined
): AssembledProperties {
  const value: Record<string, unknown> = {}
  if (image !== undefined) value.image = image
  if (component.ports) value.ports = component.ports.value.map(p => ({ ...p }))
  if (env.length > 0) value.env = env.map(e => e.entry)
  for (const [key, item] of Object.entries(component.properties)) {
    if (!(RESERVED_PROPERTIES as readonly string[]).includes(key)) value[key] = item
  }
  return {
    value,
    pathOf: pointer => {
      const [, first, second] = pointer.split('/')
      if (first === 'image') return component.image?.path ?? component.path
      if (first === 'ports')
        return component.ports
          ? second === undefined
            ? component.ports.path
            : [...component.ports.path, Number(second)]
          : component.path
      if (first === 'env')
        return second === undefined
          ? [...component.path, 'env']
          : (env[Number(second)]?.path ?? component.path)
      return originOf(component.origins, pointer) ?? [...component.path, 'properties']
    }
  }
}
