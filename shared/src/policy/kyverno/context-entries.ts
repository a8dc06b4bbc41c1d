// Rule `context` entries (pkg/engine/context/loaders/variable.go and the CLI's offline loader in
// cmd/cli/kubectl-kyverno/store/contextloader.go): values-file rule values are added first, then
// `variable` entries are computed; `configMap`, `apiCall`, `globalReference` and `imageRegistry` loaders
// are off, exactly as in `kyverno test` without a cluster, so those names exist only when the values
// file supplies them.
import { jmesSearch } from './jmespath.js'
import { isMap } from './json.js'
import type { EvalContext } from './variables.js'
import { defaultResolver, substituteAll } from './variables.js'

type Obj = Record<string, unknown>

export class ContextError extends Error {}

/** Values a values file supplies for one rule: plain values and per-element foreach values. */
export interface RuleValues {
  readonly values?: Readonly<Record<string, unknown>>
  readonly foreachValues?: Readonly<Record<string, readonly unknown[]>>
}

function loadVariable(name: string, entry: Obj, ctx: EvalContext): void {
  const resolve = defaultResolver(ctx)
  let path = ''
  if (typeof entry.jmesPath === 'string' && entry.jmesPath !== '') {
    path = String(substituteAll(entry.jmesPath, resolve))
  }
  const defaultValue =
    entry.default !== undefined ? substituteAll(entry.default, resolve) : undefined
  let output: unknown = defaultValue ?? null
  if (entry.value !== undefined) {
    const value = substituteAll(entry.value, resolve)
    if (path !== '') {
      try {
        const result = jmesSearch(path, value)
        if (result !== null || defaultValue === undefined) output = result
      } catch (error) {
        if (defaultValue === undefined)
          throw new ContextError(
            `failed to apply jmespath ${path} to variable ${name}: ${(error as Error).message}`
          )
      }
    } else {
      output = value
    }
  } else if (path !== '') {
    try {
      const result = ctx.query(path)
      if (result !== null || defaultValue === undefined) output = result
    } catch (error) {
      if (defaultValue === undefined)
        throw new ContextError(
          `failed to apply jmespath ${path} for context entry ${name}: ${(error as Error).message}`
        )
    }
  }
  if (output === null || output === undefined)
    throw new ContextError(
      `unable to add context entry for variable ${name} since it evaluated to nil`
    )
  ctx.data[name] = output
}

/** Loads the entries into ctx (mutating it); throws ContextError when Kyverno would fail the rule. */
export function loadContext(
  entries: unknown,
  ctx: EvalContext,
  values: RuleValues | undefined,
  elementIndex?: number
): void {
  for (const [key, value] of Object.entries(values?.values ?? {})) ctx.setPath(key, value)
  if (Array.isArray(entries)) {
    for (const entry of entries as Obj[]) {
      if (!isMap(entry) || typeof entry.name !== 'string') continue
      if (isMap(entry.variable)) {
        try {
          loadVariable(entry.name, entry.variable, ctx)
        } catch (error) {
          if (error instanceof ContextError) throw error
          throw new ContextError(
            `failed to load context entry ${entry.name}: ${(error as Error).message}`
          )
        }
      }
      // configMap / apiCall / globalReference / imageRegistry: offline, answered only by the values file.
    }
  }
  if (elementIndex !== undefined) {
    for (const [key, list] of Object.entries(values?.foreachValues ?? {}))
      ctx.setPath(key, list[elementIndex])
  }
}
