import { builtinComponentTypes, builtinTraitTypes, type JSONSchema } from './kubevela/index.js'
import type { PlatformConfig, ResourceTypeConfig } from './types.js'
import { hasOwnKey } from './own.js'

export type TypeKind = 'component' | 'trait'

/** The schema of an allowed component or trait type; undefined when the platform does not allow it. */
export function typeSchema(
  platform: PlatformConfig,
  kind: TypeKind,
  name: string
): JSONSchema | undefined {
  const config = kind === 'component' ? platform.spec.componentTypes : platform.spec.traitTypes
  const custom = config?.custom?.find(c => c.name === name)
  if (custom) return custom.schema as JSONSchema
  const builtins = kind === 'component' ? builtinComponentTypes : builtinTraitTypes
  if (!hasOwnKey(builtins, name)) return undefined
  if (config?.allowed && !config.allowed.includes(name)) return undefined
  return builtins[name]
}

/** Names a service may use, for "did you mean" hints. */
export function allowedTypes(platform: PlatformConfig, kind: TypeKind): string[] {
  const config = kind === 'component' ? platform.spec.componentTypes : platform.spec.traitTypes
  const builtins = Object.keys(kind === 'component' ? builtinComponentTypes : builtinTraitTypes)
  const allowed = config?.allowed ? builtins.filter(b => config.allowed!.includes(b)) : builtins
  return [...allowed, ...(config?.custom ?? []).map(c => c.name)]
}

/** Names in the platform's `allowed` lists that are neither built-in nor custom. */
export function unknownAllowedTypes(
  platform: PlatformConfig,
  kind: TypeKind
): { name: string; index: number }[] {
  const config = kind === 'component' ? platform.spec.componentTypes : platform.spec.traitTypes
  const builtins = kind === 'component' ? builtinComponentTypes : builtinTraitTypes
  const custom = new Set((config?.custom ?? []).map(c => c.name))
  return (config?.allowed ?? [])
    .map((name, index) => ({ name, index }))
    .filter(({ name }) => !hasOwnKey(builtins, name) && !custom.has(name))
}

export function resourceType(
  platform: PlatformConfig,
  name: string
): ResourceTypeConfig | undefined {
  return platform.spec.resourceTypes?.find(r => r.name === name)
}
