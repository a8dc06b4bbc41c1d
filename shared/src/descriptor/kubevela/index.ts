// JSON Schemas for the properties of KubeVela's built-in component types and traits.
export type { JSONSchema } from './schema-parts.js'
export { builtinComponentTypes } from './component-types.js'
export { builtinTraitTypes } from './trait-types.js'
