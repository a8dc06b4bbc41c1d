import { UserError } from '../runtime/errors.js'
import { ownValue } from './own.js'

/** Fills `{name}` placeholders (e.g. `envs/{environment}/{service}`); unknown names are an error. */
export function fillPattern(pattern: string, values: Readonly<Record<string, string>>): string {
  return pattern.replace(/\{([a-z]+)\}/g, (whole, name: string) => {
    const value = ownValue(values, name)
    if (value === undefined) {
      throw new UserError({
        message: `The pattern '${pattern}' uses {${name}}, which is not one of ${Object.keys(values)
          .map(k => `{${k}}`)
          .join(', ')}.`,
        hint: `Use ${Object.keys(values)
          .map(k => `{${k}}`)
          .join(' or ')} in the platform config's pattern, or remove the braces.`
      })
    }
    return value
  })
}

/** Placeholder names a pattern uses that are not in `allowed`. */
export function unknownPlaceholders(pattern: string, allowed: readonly string[]): string[] {
  return [...pattern.matchAll(/\{([a-zA-Z]+)\}/g)].map(m => m[1]).filter(n => !allowed.includes(n))
}

/** Every string inside `value` (a platform mapping such as a resource type's defaults) with a placeholder not in `allowed`: where and which. */
export function unknownPlaceholdersIn(
  value: unknown,
  allowed: readonly string[],
  path: readonly (string | number)[] = []
): { path: (string | number)[]; name: string }[] {
  if (typeof value === 'string')
    return unknownPlaceholders(value, allowed).map(name => ({ path: [...path], name }))
  if (Array.isArray(value))
    return value.flatMap((item, i) => unknownPlaceholdersIn(item, allowed, [...path, i]))
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) =>
      unknownPlaceholdersIn(v, allowed, [...path, k])
    )
  return []
}

/** `{service}, {resource} and {environment}`, for messages. */
export function placeholderList(allowed: readonly string[]): string {
  const names = allowed.map(n => `{${n}}`)
  return names.length > 1
    ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`
    : names.join('')
}
