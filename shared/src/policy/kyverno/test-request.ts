/**
 * The admission request a kyverno-test resource stands for: its operation, the values and user info the
 * test gives it, the old object of an UPDATE and the subresource a `subresources:` kind names.
 */
import type { CelTestInputs } from '../cel/test-support.js'
import type { ResourceRequest } from './engine.js'
import type { PolicyException } from './exceptions.js'
import { isMap } from './json.js'
import type { LoadedResource, UserInfoFile, ValuesFile } from './test-files.js'

type Obj = Record<string, unknown>

export function resourceName(r: LoadedResource): string {
  const meta = isMap(r.object.metadata) ? r.object.metadata : {}
  return String(meta.name ?? '')
}

/** A resource of a `subresources:` kind is a request for that subresource of its parent. */
function subresourceOf(
  resource: LoadedResource,
  values: ValuesFile | undefined
): Pick<ResourceRequest, 'subresource' | 'subResource' | 'parent'> {
  const apiVersion = String(resource.object.apiVersion ?? '')
  const entry = values?.subresources.find(
    s =>
      s.subresource.kind === resource.object.kind &&
      (s.subresource.group
        ? `${s.subresource.group}/${s.subresource.version}`
        : s.subresource.version) === apiVersion
  )
  if (!entry) return {}
  const name = entry.subresource.name.split('/').slice(1).join('/')
  const parent = {
    group: entry.parent.group,
    version: entry.parent.version,
    kind: entry.parent.kind
  }
  return {
    subresource: { parent, name },
    subResource: name,
    parent: { ...parent, plural: entry.parent.name }
  }
}

export function identityOf(r: LoadedResource): string {
  return `${String(r.object.kind)}|${resourceNamespace(r)}|${resourceName(r)}`
}

export function resourceNamespace(r: LoadedResource): string {
  const meta = isMap(r.object.metadata) ? r.object.metadata : {}
  return String(meta.namespace ?? '')
}

export function requestFor(
  resource: LoadedResource,
  values: ValuesFile | undefined,
  user: UserInfoFile | undefined,
  exceptions: readonly PolicyException[],
  operation?: string,
  cel?: CelTestInputs,
  oldObject?: Obj
): ResourceRequest {
  const name = resourceName(resource)
  const merged: Obj = { ...(values?.globalValues ?? {}) }
  for (const p of values?.policies ?? [])
    for (const r of p.resources) if (r.name === name) Object.assign(merged, r.values)
  const op =
    operation ??
    (typeof merged['request.operation'] === 'string'
      ? (merged['request.operation'] as string)
      : 'CREATE')
  return {
    operation: op,
    values: merged,
    namespaceLabels: values?.namespaceLabels,
    exceptions,
    ...(user ? { userInfo: user } : {}),
    ...(cel ? { celFixtures: cel.fixtures, paramResources: cel.paramResources } : {}),
    ...(oldObject && op === 'UPDATE' ? { oldObject } : {}),
    ...subresourceOf(resource, values),
    ruleValues: (policy, rule) => {
      const p = values?.policies.find(x => x.name === policy)
      const r = p?.rules.find(x => x.name === rule)
      return r ? { values: r.values, foreachValues: r.foreachValues } : undefined
    }
  }
}
