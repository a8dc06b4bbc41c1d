// `{{ }}` variable substitution (pkg/engine/variables/vars.go): every string leaf (and map key) of a
// document is scanned for variables, innermost first, until none is left. A string that is exactly one
// variable takes the typed value; embedded variables are spliced in as text (JSON for non-strings).
// The context the variables are resolved in is `eval-context.ts`.
import { setOwn } from '../../descriptor/own.js'
import type { EvalContext } from './eval-context.js'

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

// `(^|[^\\])(\{\{(?:\{[^{}]*\}|[^{}])*\}\})`: one level of inner braces; `\{{` is an escape.
const variableRe = /(^|[^\\])(\{\{(?:\{[^{}]*\}|[^{}])*\}\})/g

export class SubstitutionError extends Error {
  constructor(
    message: string,
    readonly notFound = false
  ) {
    super(message)
    this.name = 'SubstitutionError'
  }
}

export type Resolver = (variable: string) => unknown

export function defaultResolver(ctx: EvalContext): Resolver {
  return ctx.resolver()
}

/**
 * Preconditions and conditions. Before Kyverno 1.8 a variable that could not be resolved became `""`;
 * since 1.8 (`newPreconditionsVariableResolver` returns the error) it is an error, so the rule reports
 * `error` instead of deciding on an empty string. Inside JMESPath, `||`, functions and comparisons
 * still absorb missing keys (`{{ request.object.x || '' }}`).
 */
export function lenientResolver(ctx: EvalContext): Resolver {
  return ctx.resolver()
}

function variableName(raw: string): string {
  let inner = raw.slice(2, -2)
  if (inner.startsWith('-')) inner = inner.slice(1)
  return inner.trim()
}

export function hasVariables(value: string): boolean {
  variableRe.lastIndex = 0
  return variableRe.test(value)
}

// By policy string: the variable's name when the whole string is exactly one `{{ }}` (its value is
// returned typed, without scanning the string again), null otherwise. Bounded: a string built from
// resource data (a foreach list, a context entry) may be new each time.
const singleVariables = new Map<string, string | null>()

function singleVariableOf(input: string): string | null {
  let single = singleVariables.get(input)
  if (single === undefined) {
    variableRe.lastIndex = 0
    const m = variableRe.exec(input)
    single = m && m.index === 0 && m[1] === '' && m[2] === input ? variableName(input) : null
    variableRe.lastIndex = 0
    if (singleVariables.size >= 10_000) singleVariables.clear()
    singleVariables.set(input, single)
  }
  return single
}

/** One variable (its name, braces removed) resolved: `{{@}}` names the value at `path`. */
function resolveVariable(
  name: string,
  resolve: Resolver,
  path: readonly string[],
  isDelete: boolean
): unknown {
  let variable = name
  if (variable === '@') {
    variable = path.reduce(
      (expr, p) =>
        /^\d+$/.test(p)
          ? `${expr}[${p}]`
          : /^[A-Za-z_][A-Za-z0-9_]*$/.test(p)
            ? `${expr}.${p}`
            : `${expr}."${p}"`,
      'request.object'
    )
  }
  if (isDelete) variable = variable.split('request.object').join('request.oldObject')
  try {
    return resolve(variable)
  } catch (error) {
    const notFound = (error as Error).name === 'NotFoundError'
    throw new SubstitutionError(
      `failed to resolve ${variable} at path /${path.join('/')}: ${(error as Error).message}`,
      notFound
    )
  }
}

/** Substitutes the variables of one string; `path` is the JSON path (anchors stripped) used by `{{@}}`. */
export function substituteString(
  input: string,
  resolve: Resolver,
  path: readonly string[] = [],
  isDelete = false
): unknown {
  // No `{{` at all (most messages): nothing to substitute or unescape.
  if (!input.includes('{{')) return input
  // The whole string is one variable (`{{ request.object.x }}`): its value, typed.
  const single = singleVariableOf(input)
  if (single !== null) return resolveVariable(single, resolve, path, isDelete)
  let value = input
  // `{{- expr }}` is shallow: its result is spliced in after the loop so it is never scanned again.
  const shallow: string[] = []
  for (let round = 0; round < 50; round++) {
    variableRe.lastIndex = 0
    const matches = [...value.matchAll(variableRe)]
    if (matches.length === 0) break
    const original = value
    for (const m of matches) {
      const prefix = m[1]
      const raw = m[2]
      const resolved = resolveVariable(variableName(raw), resolve, path, isDelete)
      if (original === raw) return resolved
      let text = typeof resolved === 'string' ? resolved : JSON.stringify(resolved ?? null)
      if (raw.startsWith('{{-')) {
        shallow.push(text)
        text = `\uE000${shallow.length - 1}\uE000`
      }
      const at = value.indexOf(prefix + raw)
      if (at >= 0)
        value = value.slice(0, at) + prefix + text + value.slice(at + prefix.length + raw.length)
    }
    if (value === original) break
  }
  if (value.includes('\\{{')) value = value.split('\\{{').join('{{')
  return shallow.length === 0
    ? value
    : value.replace(/\uE000(\d+)\uE000/g, (_, i: string) => shallow[Number(i)])
}

function stripAnchor(key: string): string {
  const m = /^(?:[=^X+<]?\()(.*)\)$/.exec(key)
  return m ? m[1] : key
}

const variableFree = new WeakMap<object, boolean>()

/** Does a subtree hold no `{{` anywhere (keys included)? Cached per object: policies are reused. */
function isVariableFree(document: object): boolean {
  let free = variableFree.get(document)
  if (free === undefined) {
    free = !JSON.stringify(document).includes('{{')
    variableFree.set(document, free)
  }
  return free
}

/** Substitutes every string leaf and key of a JSON document. */
export function substituteAll(
  document: unknown,
  resolve: Resolver,
  path: readonly string[] = [],
  isDelete = false
): unknown {
  if (typeof document === 'string')
    return document.includes('{{') ? substituteString(document, resolve, path, isDelete) : document
  if (document && typeof document === 'object' && isVariableFree(document)) return document
  if (Array.isArray(document))
    return document.map((item, i) => substituteAll(item, resolve, [...path, String(i)], isDelete))
  if (document && typeof document === 'object') {
    const out: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(document)) {
      const newKey = key.includes('{{')
        ? String(substituteString(key, resolve, path, isDelete))
        : key
      setOwn(out, newKey, substituteAll(value, resolve, [...path, stripAnchor(newKey)], isDelete))
    }
    return out
  }
  return document
}
