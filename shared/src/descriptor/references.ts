/** Parsing of `${secrets.<name>.<key>}` and `${resources.<name>.<output>}` in component env values. */

import type { Problem } from '../runtime/errors.js'
import type { PathSegment, YamlSource } from './yaml-file.js'

export type EnvPart =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'secret'
      readonly secret: string
      readonly key: string
      readonly expression: string
    }
  | {
      readonly kind: 'resource'
      readonly resource: string
      readonly output: string
      readonly expression: string
    }

export type ParsedEnvValue =
  { readonly parts: readonly EnvPart[] } | { readonly error: string; readonly hint: string }

const FORMS = '${secrets.<secret>.<key>} or ${resources.<resource>.<output>}'
const ESCAPE = 'For a literal dollar sign write $$ (so $${ gives the text ${).'
const HINT = `Write ${FORMS}. ${ESCAPE}`

/**
 * Splits a value into text and references; `$$` escapes a dollar sign (as in Score), a `$` before
 * anything but `{` or `$` is text. A `${` that is not closed, holds `$`/`{`, or does not name a
 * secret key or resource output is refused: passing it through would hand the container a
 * placeholder instead of the value the developer meant.
 */
export function parseEnvValue(value: string): ParsedEnvValue {
  const parts: EnvPart[] = []
  let text = ''
  let i = 0
  while (i < value.length) {
    const dollar = value.indexOf('$', i)
    if (dollar < 0) break
    text += value.slice(i, dollar)
    const next = value[dollar + 1]
    if (next === '$') {
      text += '$'
      i = dollar + 2
      continue
    }
    if (next !== '{') {
      text += '$'
      i = dollar + 1
      continue
    }
    const close = value.indexOf('}', dollar + 2)
    const inner = value.slice(dollar + 2, close < 0 ? undefined : close)
    const shown = `\${${inner}${close < 0 ? '' : '}'}`
    const nested = inner.search(/[${]/)
    if (nested >= 0) {
      return {
        error: `'${shown}' has '${inner[nested]}' inside a reference; references do not nest.`,
        hint: HINT
      }
    }
    if (close < 0) {
      return {
        error: `'${shown}' is not closed: a reference ends with '}'.`,
        hint: `Close it with '}' (${FORMS}). ${ESCAPE}`
      }
    }
    const parsed = parseReference(inner.trim())
    if ('error' in parsed) return parsed
    if (text) parts.push({ kind: 'text', text })
    text = ''
    parts.push(parsed)
    i = close + 1
  }
  text += value.slice(i)
  if (text) parts.push({ kind: 'text', text })
  return { parts }
}

function parseReference(
  expression: string
): Exclude<EnvPart, { kind: 'text' }> | { error: string; hint: string } {
  if (expression === '') {
    return {
      error: `'\${}' is empty.`,
      hint: HINT
    }
  }
  const segments = expression.split('.')
  if (segments.length !== 3 || segments.some(s => s.length === 0)) {
    return {
      error: `'\${${expression}}' is not a reference idp understands.`,
      hint: HINT
    }
  }
  const [root, name, field] = segments
  if (root === 'secrets') return { kind: 'secret', secret: name, key: field, expression }
  if (root === 'resources') return { kind: 'resource', resource: name, output: field, expression }
  return {
    error: `'\${${expression}}' starts with '${root}'; references start with 'secrets' or 'resources'.`,
    hint: HINT
  }
}

const STRAY = /\$\{\s*(secrets|resources)\s*\./

/**
 * `${secrets.…}` / `${resources.…}` written anywhere but a component's `env` (a property, a trait,
 * a resource): idp resolves references only in env, so there it would reach the cluster as literal
 * text. Each is refused at its line with the way to get the value there.
 */
export function strayReferenceProblems(descriptor: unknown, source: YamlSource): Problem[] {
  const problems: Problem[] = []
  const spec = (descriptor as { spec?: Record<string, unknown> } | null)?.spec ?? {}
  // What is rendered into manifests; metadata and API definitions are text for people.
  const stack: { value: unknown; path: PathSegment[] }[] = [
    'components',
    'resources',
    'environments'
  ]
    .filter(key => key in spec)
    .map(key => ({ value: spec[key], path: ['spec', key] }))
  while (stack.length > 0) {
    const { value, path } = stack.pop()!
    if (typeof value === 'string') {
      const match = STRAY.exec(value)
      if (match) {
        problems.push({
          message: `'${value.slice(match.index, match.index + 60)}' is not expanded here: idp resolves \${${match[1]}.…} references only in a component's env.`,
          position: source.positionOf(path),
          hint: 'Set an env variable to the reference and use it as $(VARIABLE) in the property (e.g. in cmd or args).'
        })
      }
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }))
    } else if (value !== null && typeof value === 'object') {
      // A component's env (in the service or an environment's override) is where references live.
      if (path.length >= 2 && path[path.length - 2] === 'components' && 'env' in value) {
        for (const [key, item] of Object.entries(value))
          if (key !== 'env') stack.push({ value: item, path: [...path, key] })
        continue
      }
      for (const [key, item] of Object.entries(value))
        stack.push({ value: item, path: [...path, key] })
    }
  }
  return problems.sort((a, b) => a.position!.line - b.position!.line)
}
