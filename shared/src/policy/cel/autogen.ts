// Pod-controller autogen for ValidatingPolicy (pkg/cel/autogen, pkg/cel/policies/vpol/autogen): a policy
// whose matchConstraints is exactly one resourceRule for core/v1 `pods` (no resourceNames, no exclude
// rules, no namespace/object selector labels) also applies to the pod templates of DaemonSets,
// Deployments, ReplicaSets, StatefulSets and Jobs (`object.spec` → `object.spec.template.spec`,
// `object.metadata` → `object.spec.template.metadata`) and of CronJobs (`...jobTemplate.spec.template...`).
// The rewrite is Kyverno's plain-text one over the whole spec, leaving `object.metadata.name` and
// `.namespace` (the controller's own) untouched. `spec.autogen.podControllers.controllers` narrows the set.

type Obj = Record<string, unknown>

const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

const targets: Record<string, { group: string; config: 'defaults' | 'cronjobs' }> = {
  daemonsets: { group: 'apps', config: 'defaults' },
  deployments: { group: 'apps', config: 'defaults' },
  replicasets: { group: 'apps', config: 'defaults' },
  statefulsets: { group: 'apps', config: 'defaults' },
  jobs: { group: 'batch', config: 'defaults' },
  cronjobs: { group: 'batch', config: 'cronjobs' }
}

const replacements = {
  defaults: [
    ['spec', 'spec.template.spec'],
    ['metadata', 'spec.template.metadata']
  ],
  cronjobs: [
    ['spec', 'spec.jobTemplate.spec.template.spec'],
    ['metadata', 'spec.jobTemplate.spec.template.metadata']
  ]
} as const

const selectorHasTerms = (s: unknown): boolean =>
  isMap(s) &&
  ((isMap(s.matchLabels) && Object.keys(s.matchLabels).length > 0) ||
    (Array.isArray(s.matchExpressions) && s.matchExpressions.length > 0))

/** `CanAutoGen`: may this policy be extended to pod controllers? */
export function canAutogen(match: unknown): boolean {
  if (!isMap(match)) return false
  if (selectorHasTerms(match.namespaceSelector) || selectorHasTerms(match.objectSelector))
    return false
  if (Array.isArray(match.excludeResourceRules) && match.excludeResourceRules.length > 0)
    return false
  const rules = Array.isArray(match.resourceRules) ? match.resourceRules : []
  if (rules.length !== 1 || !isMap(rules[0])) return false
  const rule = rules[0]
  const only = (v: unknown, value: string) => Array.isArray(v) && v.length === 1 && v[0] === value
  if (Array.isArray(rule.resourceNames) && rule.resourceNames.length > 0) return false
  return only(rule.apiGroups, '') && only(rule.apiVersions, 'v1') && only(rule.resources, 'pods')
}

const isIdentifierChar = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c)

/** Kyverno's `replace`: every occurrence, except one followed by `.namespace` / `.name` as a whole segment. */
function replaceUnprotected(text: string, from: string, to: string): string {
  let out = ''
  let rest = text
  for (;;) {
    const at = rest.indexOf(from)
    if (at < 0) return out + rest
    const after = rest.slice(at + from.length)
    const isProtected = ['.namespace', '.name'].some(
      suffix => after.startsWith(suffix) && !isIdentifierChar(after[suffix.length])
    )
    out += rest.slice(0, at) + (isProtected ? from : to)
    rest = after
  }
}

function rewriteText(text: string, config: 'defaults' | 'cronjobs'): string {
  let out = text
  for (const [from, to] of replacements[config]) {
    out = replaceUnprotected(out, `object.${from}`, `object.${to}`)
    out = replaceUnprotected(out, `oldObject.${from}`, `oldObject.${to}`)
  }
  return out
}

export interface AutogenVariant {
  /** `autogen` (pod controllers) or `autogen-cronjobs`. */
  readonly name: string
  readonly spec: Obj
}

/** The generated specs (empty when autogen does not apply). */
export function autogenVariants(spec: Obj): AutogenVariant[] {
  if (!canAutogen(spec.matchConstraints)) return []
  const autogen = isMap(spec.autogen) ? spec.autogen : {}
  const podControllers = isMap(autogen.podControllers) ? autogen.podControllers : {}
  const wanted = Array.isArray(podControllers.controllers)
    ? podControllers.controllers.map(String)
    : Object.keys(targets)
  const matchConstraints = spec.matchConstraints as Obj
  const operations = ((matchConstraints.resourceRules as Obj[])[0].operations ?? []) as unknown[]
  const out: AutogenVariant[] = []
  for (const config of ['cronjobs', 'defaults'] as const) {
    const resources = Object.keys(targets).filter(
      r => wanted.includes(r) && targets[r].config === config
    )
    if (resources.length === 0) continue
    const groups = [...new Set(resources.map(r => targets[r].group))]
    const resourceRules = groups.map(group => ({
      apiGroups: [group],
      apiVersions: ['v1'],
      resources: resources.filter(r => targets[r].group === group),
      operations
    }))
    const { matchConstraints: _m, ...rest } = spec
    const rewritten = JSON.parse(rewriteText(JSON.stringify(rest), config)) as Obj
    out.push({
      name: config === 'cronjobs' ? 'autogen-cronjobs' : 'autogen',
      spec: { ...rewritten, matchConstraints: { ...matchConstraints, resourceRules } }
    })
  }
  return out
}
