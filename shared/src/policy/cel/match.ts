// `matchConstraints` / `matchResources` of the CEL policy kinds (ValidatingPolicy, ValidatingAdmission-
// Policy and its bindings), after `k8s.io/apiserver/pkg/admission/plugin/policy/matching`:
// namespaceSelector (the namespace's labels; a Namespace object is matched by its own labels; cluster-
// scoped objects always pass), objectSelector (the object's labels), then resourceRules — any rule
// whose operations, apiGroups, apiVersions, resources (`*`, `pods/*`, `*/scale`), resourceNames and
// scope all fit (none at all selects everything, as in Kyverno's matcher: a binding may narrow by
// selectors only) — and no excludeResourceRules rule. Label selectors are plain Kubernetes selectors.
import { ownValue } from '../../descriptor/own.js'
import { clusterScopedKinds, gvkOf, pluralOf } from './resources.js'
import { expressionsMatch } from '../kyverno/match.js'

type Obj = Record<string, unknown>

const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const isString = (x: unknown): x is string => typeof x === 'string'
// Policy fields are arrays of strings already; only other shapes are converted.
const strings = (v: unknown): readonly string[] =>
  Array.isArray(v) ? (v.every(isString) ? (v as string[]) : v.map(String)) : []

export interface MatchRequest {
  readonly operation: string
  /** Namespace labels (the values file's `namespaceSelector`), by namespace name. */
  readonly namespaceLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>
  /** The request's subresource (`exec`, `scale`), if any. */
  readonly subResource?: string
  /** For a subresource request: the parent resource the rules name (`pods` of `pods/exec`). */
  readonly parent?: {
    readonly group: string
    readonly version: string
    readonly kind: string
    readonly plural: string
  }
}

function labelsOf(object: Obj): Record<string, string> {
  const meta = isMap(object.metadata) ? object.metadata : {}
  return isMap(meta.labels)
    ? Object.fromEntries(Object.entries(meta.labels).map(([k, v]) => [k, String(v)]))
    : {}
}

/** A Kubernetes label selector (`matchLabels`, `matchExpressions`); an absent or empty one matches all. */
export function labelSelectorMatches(
  selector: unknown,
  labels: Readonly<Record<string, string>>
): boolean {
  if (!isMap(selector)) return true
  for (const [key, value] of Object.entries(
    isMap(selector.matchLabels) ? selector.matchLabels : {}
  ))
    if (ownValue(labels, key) !== String(value)) return false
  return expressionsMatch(
    Array.isArray(selector.matchExpressions) ? selector.matchExpressions.filter(isMap) : [],
    labels
  )
}

const fits = (allowed: readonly string[], value: string): boolean =>
  allowed.includes('*') || allowed.includes(value)

function resourceFits(allowed: readonly string[], resource: string, subResource: string): boolean {
  for (const entry of allowed) if (resourceEntryFits(entry, resource, subResource)) return true
  return false
}

/**
 * One `resources` entry (`*`, `pods`, `pods/exec`, a `*` resource or subresource), as
 * `entry.split('/')` reads it, without making the strings.
 */
function resourceEntryFits(entry: string, resource: string, subResource: string): boolean {
  if (entry === '*') return subResource === ''
  if (entry === '*/*') return true
  const slash = entry.indexOf('/')
  if (slash === -1) return subResource === '' && entry === resource
  if (subResource === '') return false
  // `resource/subResource` exactly.
  if (
    entry.length === resource.length + 1 + subResource.length &&
    entry.startsWith(resource) &&
    entry.charCodeAt(resource.length) === SLASH &&
    entry.endsWith(subResource)
  )
    return true
  // Else the first two segments `r/s` (anything after a second `/` is ignored).
  const end = entry.indexOf('/', slash + 1)
  const sLength = (end === -1 ? entry.length : end) - slash - 1
  const rIsStar = slash === 1 && entry.charCodeAt(0) === STAR
  const sIsStar = sLength === 1 && entry.charCodeAt(slash + 1) === STAR
  const rIsResource = slash === resource.length && entry.startsWith(resource)
  const sIsSub = sLength === subResource.length && entry.startsWith(subResource, slash + 1)
  return (rIsStar && sIsSub) || (rIsResource && sIsStar)
}

const SLASH = '/'.charCodeAt(0)
const STAR = '*'.charCodeAt(0)

interface Identity {
  readonly group: string
  readonly version: string
  readonly kind: string
  readonly plural: string
  readonly namespaced: boolean
}

// A resource is matched against every policy: its group, version, plural and scope are worked out once,
// and resources of one kind share one identity (what the kind gates below are keyed by).
const identities = new WeakMap<Obj, Identity>()
const identitiesByKind = new Map<string, Identity>()

function internIdentity(id: Identity): Identity {
  const key = `${id.group}|${id.version}|${id.kind}|${id.plural}|${id.namespaced}`
  let shared = identitiesByKind.get(key)
  if (!shared) {
    // Bounded: kinds come from the manifests, and a run names a handful of them.
    if (identitiesByKind.size >= 10_000) identitiesByKind.clear()
    identitiesByKind.set(key, (shared = id))
  }
  return shared
}

function identityOf(object: Obj): Identity {
  let id = identities.get(object)
  if (!id) {
    const gvk = gvkOf(object)
    id = internIdentity({
      ...gvk,
      plural: pluralOf(gvk.kind),
      namespaced: !clusterScopedKinds.has(gvk.kind)
    })
    identities.set(object, id)
  }
  return id
}

export function ruleMatches(rule: Obj, object: Obj, request: MatchRequest): boolean {
  const gvk = request.parent
    ? { ...request.parent, namespaced: !clusterScopedKinds.has(request.parent.kind) }
    : identityOf(object)
  const meta = isMap(object.metadata) ? object.metadata : {}
  const operations = strings(rule.operations)
  if (!fits(operations, request.operation)) return false
  if (!fits(strings(rule.apiGroups), gvk.group)) return false
  if (!fits(strings(rule.apiVersions), gvk.version)) return false
  if (!resourceFits(strings(rule.resources), gvk.plural, request.subResource ?? '')) return false
  // An object without a name (generateName only) matches a listed name its generateName starts with.
  const names = strings(rule.resourceNames)
  const name = String(meta.name ?? '')
  if (names.length > 0) {
    if (name !== '' && !names.includes(name)) return false
    if (name === '' && !names.some(n => String(meta.generateName ?? '').startsWith(n))) return false
  }
  const scope = String(rule.scope ?? '*')
  const namespaced = gvk.namespaced
  if (scope === 'Cluster' && namespaced) return false
  if (scope === 'Namespaced' && !namespaced) return false
  return true
}

/** The part of `ruleMatches` that depends on the request's kind alone (not on names or labels). */
function ruleFitsKind(rule: Obj, gvk: Identity, request: MatchRequest): boolean {
  if (!fits(strings(rule.operations), request.operation)) return false
  if (!fits(strings(rule.apiGroups), gvk.group)) return false
  if (!fits(strings(rule.apiVersions), gvk.version)) return false
  if (!resourceFits(strings(rule.resources), gvk.plural, request.subResource ?? '')) return false
  const scope = String(rule.scope ?? '*')
  if (scope === 'Cluster' && gvk.namespaced) return false
  if (scope === 'Namespaced' && !gvk.namespaced) return false
  return true
}

// Whether any resourceRule of a constraints block can select a kind of request, by block, kind
// identity and operation/subresource: most policies name a few kinds, and a resource of another kind
// is then turned away with two lookups instead of walking every rule's lists again.
const kindGates: KindAnswers<boolean> = new WeakMap()
const parentIdentities = new WeakMap<NonNullable<MatchRequest['parent']>, Identity>()

function requestIdentity(object: Obj, request: MatchRequest): Identity {
  const parent = request.parent
  if (!parent) return identityOf(object)
  let id = parentIdentities.get(parent)
  if (!id) {
    id = internIdentity({ ...parent, namespaced: !clusterScopedKinds.has(parent.kind) })
    parentIdentities.set(parent, id)
  }
  return id
}

/** What a block answered, by block, request kind identity and operation (with subresource). */
type KindAnswers<T> = WeakMap<Obj, Map<Identity, Map<string, T>>>

/** A block's answers for this request's kind, the key of its operation, and the kind's identity. */
function kindAnswersOf<T>(
  cache: KindAnswers<T>,
  constraints: Obj,
  object: Obj,
  request: MatchRequest
): { gvk: Identity; how: string; answers: Map<string, T> } {
  const gvk = requestIdentity(object, request)
  const how = request.subResource
    ? `${request.operation}/${request.subResource}`
    : request.operation
  let byIdentity = cache.get(constraints)
  if (!byIdentity) cache.set(constraints, (byIdentity = new Map()))
  let answers = byIdentity.get(gvk)
  if (!answers) byIdentity.set(gvk, (answers = new Map()))
  return { gvk, how, answers }
}

function resourceRulesAdmitKind(constraints: Obj, object: Obj, request: MatchRequest): boolean {
  const declared = constraints.resourceRules
  if (!Array.isArray(declared) || declared.length === 0) return true
  const { gvk, how, answers: byRequest } = kindAnswersOf(kindGates, constraints, object, request)
  let admitted = byRequest.get(how)
  if (admitted === undefined) {
    const rules = declared.filter(isMap)
    admitted = rules.length === 0 || rules.some(r => ruleFitsKind(r, gvk, request))
    byRequest.set(how, admitted)
  }
  return admitted
}

/**
 * A necessary condition for `constraintsMatch`, decided by the request's kind alone: false when no
 * resourceRule of the block fits the kind (engines use it to index policies by kind).
 */
export function constraintsAdmitKind(
  constraints: unknown,
  object: Obj,
  request: MatchRequest
): boolean {
  return isMap(constraints) && resourceRulesAdmitKind(constraints, object, request)
}

/** The object's kind identity: objects of one group, version and kind share one (a Map key). */
export function kindIdentityOf(object: Obj): object {
  return identityOf(object)
}

/**
 * What a block decides for a request of one kind and operation before looking at the object: `false`
 * (no resourceRule fits), `true` (a rule fits whatever the object's name, nothing excludes the kind
 * and there are no selectors: every object of the kind is selected) or undefined (the object decides).
 */
const kindDecisions: KindAnswers<boolean | undefined> = new WeakMap()

function kindDecision(constraints: Obj, object: Obj, request: MatchRequest): boolean | undefined {
  const {
    gvk,
    how,
    answers: byRequest
  } = kindAnswersOf(kindDecisions, constraints, object, request)
  if (byRequest.has(how)) return byRequest.get(how)
  let decision: boolean | undefined
  if (!resourceRulesAdmitKind(constraints, object, request)) decision = false
  else if (
    !request.parent &&
    constraints.namespaceSelector === undefined &&
    !isMap(constraints.objectSelector)
  ) {
    const { rules, excluded } = ruleListsOf(constraints)
    const fitsKind = (rule: Obj) => ruleFitsKind(rule, gvk, request)
    const nameFree = (rule: Obj) => strings(rule.resourceNames).length === 0
    if (
      !excluded.some(fitsKind) &&
      (rules.length === 0 || rules.some(rule => nameFree(rule) && fitsKind(rule)))
    )
      decision = true
  }
  byRequest.set(how, decision)
  return decision
}

/** Does a `matchConstraints` / `matchResources` block select this object? */
export function constraintsMatch(
  constraints: unknown,
  object: Obj,
  request: MatchRequest
): boolean {
  if (!isMap(constraints)) return false
  // Decided once per kind where the object's name and labels cannot change the answer.
  const decided = kindDecision(constraints, object, request)
  if (decided !== undefined) return decided
  const gvk = identityOf(object)
  const meta = isMap(object.metadata) ? object.metadata : {}
  if (constraints.namespaceSelector !== undefined) {
    if (gvk.kind === 'Namespace') {
      if (!labelSelectorMatches(constraints.namespaceSelector, labelsOf(object))) return false
    } else if (gvk.namespaced) {
      const ns = String(meta.namespace ?? '')
      const labels = request.namespaceLabels?.[ns] ?? {}
      if (!labelSelectorMatches(constraints.namespaceSelector, labels)) return false
    }
  }
  if (
    isMap(constraints.objectSelector) &&
    !labelSelectorMatches(constraints.objectSelector, labelsOf(object))
  )
    return false
  const { rules, excluded } = ruleListsOf(constraints)
  for (const rule of excluded) if (ruleMatches(rule, object, request)) return false
  // No resourceRules selects every resource (a binding that narrows its policy by selectors only).
  if (rules.length === 0) return true
  for (const rule of rules) if (ruleMatches(rule, object, request)) return true
  return false
}

interface RuleLists {
  readonly rules: readonly Obj[]
  readonly excluded: readonly Obj[]
}

// A block's rule lists as mappings, by block (read-only policy data, met for every resource).
const ruleLists = new WeakMap<Obj, RuleLists>()

function ruleListsOf(constraints: Obj): RuleLists {
  let lists = ruleLists.get(constraints)
  if (!lists) {
    const mappings = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isMap) : [])
    lists = {
      rules: mappings(constraints.resourceRules),
      excluded: mappings(constraints.excludeResourceRules)
    }
    ruleLists.set(constraints, lists)
  }
  return lists
}
