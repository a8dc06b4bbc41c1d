// Rule `context` entries (pkg/engine/context/loaders/variable.go and the CLI's offline loader in
// cmd/cli/kubectl-kyverno/store/contextloader.go): values-file rule values are added first, then
// `variable` entries are computed; `configMap`, `apiCall`, `globalReference` and `imageRegistry` are
// answered from the test's cluster resources, mocks and image data when it has them (offline-context.ts),
// and are otherwise off, exactly
// as in `kyverno test` without a cluster, so those names exist only when the values file supplies them.
import { setOwn } from '../../descriptor/own.js'
import type { EvalContext } from './eval-context.js'
import { jmesSearch } from './jmespath.js'
import type { OfflineData } from './offline-context.js'
import {
  OFFLINE_DATA,
  offlineApiCall,
  offlineConfigMap,
  offlineGlobalReference,
  offlineImageData
} from './offline-context.js'
import { isMap } from './json.js'
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
  setOwn(ctx.data, name, output)
}

function offlineData(ctx: EvalContext): OfflineData | undefined {
  return (ctx.data as Record<symbol, unknown>)[OFFLINE_DATA] as OfflineData | undefined
}

/** A configMap / apiCall / globalReference entry from the test's offline data, when it has any. */
function loadOffline(entry: Obj, ctx: EvalContext): void {
  const data = offlineData(ctx)
  if (!data) return
  const name = String(entry.name)
  const resolve = defaultResolver(ctx)
  const text = (v: unknown) => String(substituteAll(v ?? '', resolve))
  let value: unknown
  let jmesPath: unknown
  let defaultValue: unknown
  if (isMap(entry.configMap) && (data.resources ?? []).length > 0) {
    value = offlineConfigMap(data, text(entry.configMap.namespace), text(entry.configMap.name))
    if (value === undefined)
      throw new ContextError(
        `failed to load context entry ${name}: configmap ${text(entry.configMap.namespace)}/${text(entry.configMap.name)} not found`
      )
  } else if (isMap(entry.apiCall)) {
    const call = substituteAll(entry.apiCall, resolve) as Obj
    value = offlineApiCall(data, call)
    jmesPath = call.jmesPath
    defaultValue = entry.apiCall.default
    if (value === undefined) return
  } else if (isMap(entry.imageRegistry)) {
    value = offlineImageData(data, text(entry.imageRegistry.reference))
    jmesPath = entry.imageRegistry.jmesPath
    if (value === undefined) return
  } else if (isMap(entry.globalReference)) {
    value = offlineGlobalReference(data, text(entry.globalReference.name))
    jmesPath = entry.globalReference.jmesPath
    if (value === undefined) return
  } else return
  if (typeof jmesPath === 'string' && jmesPath !== '') {
    try {
      value = jmesSearch(jmesPath, value)
    } catch (error) {
      if (defaultValue === undefined)
        throw new ContextError(
          `failed to apply jmespath ${jmesPath} for context entry ${name}: ${(error as Error).message}`
        )
      value = defaultValue
    }
  }
  setOwn(ctx.data, name, value ?? defaultValue ?? null)
}

/** Loads the entries into ctx (mutating it); throws ContextError when Kyverno would fail the rule. */
export function loadContext(
  entries: unknown,
  ctx: EvalContext,
  values: RuleValues | undefined,
  elementIndex?: number
): void {
  for (const [key, value] of Object.entries(values?.values ?? {})) ctx.setPath(key, value)
  // What the values file supplies wins over the offline loaders.
  const supplied = new Set(Object.keys(values?.values ?? {}).map(k => k.split('.')[0]))
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
      // configMap / apiCall / globalReference / imageRegistry: answered from the test's cluster
      // resources, mocks and image data when it has them; otherwise only by the values file.
      else if (!supplied.has(entry.name)) loadOffline(entry, ctx)
    }
  }
  if (elementIndex !== undefined) {
    for (const [key, list] of Object.entries(values?.foreachValues ?? {}))
      ctx.setPath(key, list[elementIndex])
  }
}
