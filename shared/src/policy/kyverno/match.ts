// `match` / `exclude` (pkg/engine/utils/match.go, pkg/utils/match/*.go): `any` needs one filter to
// match, `all` every filter; within a filter every given field must match. Kinds may be `Kind`,
// `version/Kind` or `group/version/Kind` (with `*` anywhere, and an optional subresource).
import { gvkOf, type GroupVersionKind } from '../cel/resources.js'
import { isMap } from './json.js'
import { wildcardMatch } from './wildcard.js'

type Obj = Record<string, unknown>

export interface RequestInfo {
  readonly operation: string
  /**
   * When the resource is a subresource (a `PodExecOptions`, a `Scale`), its parent's kind and the
   * subresource name — from the values file's `subresources` — which kinds such as `Pod/exec` match.
   */
  readonly subresource?: { readonly parent: GroupVersionKind; readonly name: string }
  /** Labels of namespaces, from the values file's `namespaceSelector`. */
  readonly namespaceLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>
  readonly userInfo?: {
    readonly username?: string
    readonly groups?: readonly string[]
    readonly roles?: readonly string[]
    readonly clusterRoles?: readonly string[]
  }
}

export interface ResourceFilter {
  readonly resources?: Obj
  readonly subjects?: readonly Obj[]
  readonly roles?: readonly string[]
  readonly clusterRoles?: readonly string[]
}

const kindSelectors = new Map<string, [string, string, string, string]>()

function splitSub(kind: string): [string, string] {
  const dot = kind.indexOf('.')
  return dot >= 0 ? [kind.slice(0, dot), kind.slice(dot + 1)] : [kind, '']
}

/** `ParseKindSelector`: [group, version, kind, subresource]. */
export function parseKindSelector(selector: string): [string, string, string, string] {
  let parsed = kindSelectors.get(selector)
  if (!parsed) {
    parsed = parseKindSelectorUncached(selector)
    kindSelectors.set(selector, parsed)
  }
  return parsed
}

function parseKindSelectorUncached(selector: string): [string, string, string, string] {
  const parts = selector.split('/')
  if (parts.length === 1) return ['*', '*', ...splitSub(parts[0])]
  if (parts.length === 2) {
    // `Pod/exec` (a subresource) versus `v1/Pod` (a version): kinds start upper-case or with `*`.
    if (/^[A-Z]/.test(parts[0]) && !/^[A-Z*]/.test(parts[1])) return ['*', '*', parts[0], parts[1]]
    return ['*', parts[0], ...splitSub(parts[1])]
  }
  if (parts.length === 3) {
    if (/^[A-Z]/.test(parts[1])) return ['*', parts[0], parts[1], parts[2]]
    return [parts[0], parts[1], ...splitSub(parts[2])]
  }
  return [parts[0], parts[1], parts[2], parts.slice(3).join('/')]
}

/**
 * `CheckKind` (pkg/utils/match/kind.go): group, version and kind wildcard-match the resource — or, for
 * a subresource request, its parent — and the selector's subresource matches the request's (an empty
 * one only none).
 */
export function kindMatches(
  kinds: readonly string[],
  resource: Obj,
  subresource?: RequestInfo['subresource']
): boolean {
  const gvk = subresource?.parent ?? gvkOf(resource)
  const requested = subresource?.name ?? ''
  return kinds.some(selector => {
    const [group, version, kind, sub] = parseKindSelector(selector)
    if (!(sub === '*' || sub === requested)) return false
    return (
      wildcardMatch(group, gvk.group) &&
      wildcardMatch(version, gvk.version) &&
      wildcardMatch(kind, gvk.kind)
    )
  })
}

function metadata(resource: Obj): Obj {
  return isMap(resource.metadata) ? resource.metadata : {}
}

function stringMap(value: unknown): Record<string, string> {
  if (!isMap(value)) return {}
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]))
}

/** A standard label selector, with wildcards in `matchLabels` resolved against the labels first. */
export function selectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isMap(selector)) return true
  const matchLabels = stringMap(selector.matchLabels)
  for (const [rawKey, rawValue] of Object.entries(matchLabels)) {
    const key = Object.keys(labels).find(k => wildcardMatch(rawKey, k)) ?? rawKey
    // Own labels only: a selector on `constructor` must not find Object.prototype's function.
    const actual = Object.hasOwn(labels, key) ? labels[key] : undefined
    if (actual === undefined || !wildcardMatch(rawValue, actual)) return false
  }
  return expressionsMatch(
    Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [],
    labels
  )
}

/**
 * A label selector's `matchExpressions` (In, NotIn, Exists, DoesNotExist) against own labels; an
 * entry that is not a mapping or names another operator matches nothing. Kyverno and CEL share it.
 */
export function expressionsMatch(
  expressions: readonly unknown[],
  labels: Readonly<Record<string, string>>
): boolean {
  for (const entry of expressions) {
    const e: Obj = isMap(entry) ? entry : {}
    const key = String(e.key ?? '')
    const values = Array.isArray(e.values) ? e.values.map(String) : []
    const has = Object.prototype.hasOwnProperty.call(labels, key)
    switch (String(e.operator)) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false
        break
      case 'NotIn':
        if (has && values.includes(labels[key])) return false
        break
      case 'Exists':
        if (!has) return false
        break
      case 'DoesNotExist':
        if (has) return false
        break
      default:
        return false
    }
  }
  return true
}

function resourceNamespace(resource: Obj): string {
  if (resource.kind === 'Namespace') return String(metadata(resource).name ?? '')
  return String(metadata(resource).namespace ?? '')
}

/** A policy's list as strings: itself when it holds strings only (as it nearly always does). */
function asStrings(list: readonly unknown[]): readonly string[] {
  return list.every(x => typeof x === 'string') ? (list as string[]) : list.map(String)
}

function resourceDescriptionMatches(desc: Obj, resource: Obj, request: RequestInfo): boolean {
  const meta = metadata(resource)
  if (
    Array.isArray(desc.kinds) &&
    desc.kinds.length > 0 &&
    !kindMatches(asStrings(desc.kinds), resource, request.subresource)
  )
    return false
  const name = String(meta.name ?? meta.generateName ?? '')
  if (typeof desc.name === 'string' && desc.name !== '' && !wildcardMatch(desc.name, name))
    return false
  if (
    Array.isArray(desc.names) &&
    desc.names.length > 0 &&
    !desc.names.some(n => wildcardMatch(String(n), name))
  )
    return false
  if (Array.isArray(desc.namespaces) && desc.namespaces.length > 0) {
    const ns = resourceNamespace(resource)
    if (!desc.namespaces.some(n => wildcardMatch(String(n), ns))) return false
  }
  if (
    Array.isArray(desc.operations) &&
    desc.operations.length > 0 &&
    !asStrings(desc.operations).includes(request.operation)
  )
    return false
  if (isMap(desc.annotations)) {
    const annotations = stringMap(meta.annotations)
    for (const [k, v] of Object.entries(desc.annotations)) {
      if (
        !Object.entries(annotations).some(
          ([ak, av]) => wildcardMatch(k, ak) && wildcardMatch(String(v), av)
        )
      )
        return false
    }
  }
  if (
    desc.selector !== undefined &&
    desc.selector !== null &&
    !selectorMatches(desc.selector, stringMap(meta.labels))
  )
    return false
  if (desc.namespaceSelector !== undefined && desc.namespaceSelector !== null) {
    if (resource.kind === 'Namespace') return false
    const labels = request.namespaceLabels?.[resourceNamespace(resource)] ?? {}
    if (
      !selectorMatches(desc.namespaceSelector, {
        ...labels,
        'kubernetes.io/metadata.name': resourceNamespace(resource)
      })
    )
      return false
  }
  return true
}

function subjectsMatch(filter: ResourceFilter, request: RequestInfo, inExclude: boolean): boolean {
  const hasSubjects =
    (filter.subjects?.length ?? 0) > 0 ||
    (filter.roles?.length ?? 0) > 0 ||
    (filter.clusterRoles?.length ?? 0) > 0
  if (!hasSubjects) return true
  const user = request.userInfo
  // In match blocks user info is ignored when the test has none; in exclude blocks it never matches.
  if (!user) return !inExclude
  if (filter.roles?.length && !filter.roles.some(r => user.roles?.includes(r))) return false
  if (filter.clusterRoles?.length && !filter.clusterRoles.some(r => user.clusterRoles?.includes(r)))
    return false
  if (filter.subjects?.length) {
    const ok = filter.subjects.some(s => {
      const kind = String(s.kind)
      if (kind === 'ServiceAccount')
        return user.username === `system:serviceaccount:${String(s.namespace)}:${String(s.name)}`
      if (kind === 'Group') return (user.groups ?? []).some(g => wildcardMatch(String(s.name), g))
      return user.username !== undefined && wildcardMatch(String(s.name), user.username)
    })
    if (!ok) return false
  }
  return true
}

function filterMatches(
  filter: ResourceFilter,
  resource: Obj,
  request: RequestInfo,
  inExclude: boolean
): boolean {
  const desc = isMap(filter.resources) ? filter.resources : {}
  if (
    inExclude &&
    Object.keys(desc).length === 0 &&
    !filter.subjects?.length &&
    !filter.roles?.length &&
    !filter.clusterRoles?.length
  )
    return false
  return (
    resourceDescriptionMatches(desc, resource, request) && subjectsMatch(filter, request, inExclude)
  )
}

/** Does a `match` (or, with inExclude, an `exclude`) block select this resource? */
export function blockMatches(
  block: unknown,
  resource: Obj,
  request: RequestInfo,
  inExclude: boolean
): boolean {
  if (!isMap(block)) return false
  const any = Array.isArray(block.any) ? (block.any as ResourceFilter[]) : []
  const all = Array.isArray(block.all) ? (block.all as ResourceFilter[]) : []
  if (any.length > 0) return any.some(f => filterMatches(f, resource, request, inExclude))
  if (all.length > 0) return all.every(f => filterMatches(f, resource, request, inExclude))
  return filterMatches(block as ResourceFilter, resource, request, inExclude)
}

// Whether a `match` block can select a kind at all, by block and kind: every filter's `kinds` is checked
// first by `resourceDescriptionMatches`, and most rules name a few kinds, so a resource of another kind
// is turned away with two lookups instead of parsing and wildcard-matching every selector again.
const kindGates = new WeakMap<object, Map<string, boolean>>()
const kindKeys = new WeakMap<Obj, string>()

/** The resource's group/version/kind (or its subresource's parent and name) as one string key. */
export function kindKeyOf(resource: Obj, subresource?: RequestInfo['subresource']): string {
  if (subresource) {
    const p = subresource.parent
    return `${p.group}/${p.version}/${p.kind}#${subresource.name}`
  }
  let key = kindKeys.get(resource)
  if (key === undefined) {
    const gvk = gvkOf(resource)
    key = `${gvk.group}/${gvk.version}/${gvk.kind}#`
    kindKeys.set(resource, key)
  }
  return key
}

function kindsAdmit(filter: unknown, resource: Obj, request: RequestInfo): boolean {
  // Anything unusual is left to `blockMatches` (true: no verdict here).
  if (!isMap(filter) || !isMap(filter.resources)) return true
  const kinds = filter.resources.kinds
  if (!Array.isArray(kinds) || kinds.length === 0) return true
  return kindMatches(asStrings(kinds), resource, request.subresource)
}

/**
 * A necessary condition for `blockMatches(block, resource, request, false)`: false when no filter of the
 * block can select the resource's kind (or its subresource's parent kind), whatever its names and labels.
 */
export function matchAdmitsKind(block: unknown, resource: Obj, request: RequestInfo): boolean {
  if (!isMap(block)) return true
  const key = kindKeyOf(resource, request.subresource)
  let byKind = kindGates.get(block)
  if (!byKind) kindGates.set(block, (byKind = new Map()))
  let admitted = byKind.get(key)
  if (admitted === undefined) {
    const any = Array.isArray(block.any) ? block.any : []
    const all = Array.isArray(block.all) ? block.all : []
    admitted =
      any.length > 0
        ? any.some(f => kindsAdmit(f, resource, request))
        : all.length > 0
          ? all.every(f => kindsAdmit(f, resource, request))
          : kindsAdmit(block, resource, request)
    byKind.set(key, admitted)
  }
  return admitted
}

/** The kinds a match block names, for autogen. */
export function kindsOf(block: unknown): string[] {
  if (!isMap(block)) return []
  const filters = [
    ...(Array.isArray(block.any) ? block.any : []),
    ...(Array.isArray(block.all) ? block.all : []),
    block
  ] as ResourceFilter[]
  return filters.flatMap(f =>
    isMap(f.resources) && Array.isArray(f.resources.kinds) ? f.resources.kinds.map(String) : []
  )
}

// What a filter may hold and still be decided by the resource's kind and the operation alone: any
// other field (names, namespaces, selectors, subjects, roles, or one idp does not know) is checked per
// resource.
const KIND_ONLY_FILTER_FIELDS = new Set(['resources'])
const KIND_ONLY_RESOURCE_FIELDS = new Set(['kinds', 'operations'])

function onlyFields(value: Record<string, unknown>, allowed: ReadonlySet<string>): boolean {
  return Object.keys(value).every(key => allowed.has(key))
}

function filterDecidedByKind(filter: unknown): boolean {
  if (!isMap(filter) || !onlyFields(filter, KIND_ONLY_FILTER_FIELDS)) return false
  return (
    filter.resources === undefined ||
    (isMap(filter.resources) && onlyFields(filter.resources, KIND_ONLY_RESOURCE_FIELDS))
  )
}

const ANY_ALL = new Set(['any', 'all'])
const decidedByKind = new WeakMap<object, boolean>()

/**
 * Whether `blockMatches(block, …)` depends only on the resource's kind (or its subresource's parent
 * and name) and the request's operation: every filter names kinds and operations at most, as most
 * policies' `match` blocks do. Then its answer holds for every resource of the kind and operation.
 */
export function blockDecidedByKind(block: unknown): boolean {
  if (!isMap(block)) return false
  let decided = decidedByKind.get(block)
  if (decided === undefined) {
    const lists = block.any !== undefined || block.all !== undefined
    decided = lists
      ? onlyFields(block, ANY_ALL) &&
        [block.any ?? [], block.all ?? []].every(
          list => Array.isArray(list) && list.every(filterDecidedByKind)
        )
      : filterDecidedByKind(block)
    decidedByKind.set(block, decided)
  }
  return decided
}
