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
          .join(', ')}.`
      })
    }
    return value
  })
}

/** Placeholder names a pattern uses that are not in `allowed`. */
export function unknownPlaceholders(pattern: string, allowed: readonly string[]): string[] {
  return [...pattern.matchAll(/\{([a-zA-Z]+)\}/g)].map(m => m[1]).filter(n => !allowed.includes(n))
}
