// Autogen for pod controllers (pkg/autogen/v1/autogen.go, rule.go): a rule written for Pods is copied
// to `autogen-<name>` for DaemonSet, Deployment, Job, StatefulSet, ReplicaSet and ReplicationController
// and to `autogen-cronjob-<name>` for CronJob, its pattern wrapped in the pod template and every
// `request.object.spec` / `request.object.metadata` reference rewritten to the template's.
import { isMap } from './json.js'
import { kindsOf } from './match.js'

type Obj = Record<string, unknown>

export const podControllers = [
  'DaemonSet',
  'Deployment',
  'Job',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController'
]
export const autogenAnnotation = 'pod-policies.kyverno.io/autogen-controllers'

function filtersOf(block: unknown): Obj[] {
  if (!isMap(block)) return []
  const any = Array.isArray(block.any) ? (block.any as Obj[]) : []
  const all = Array.isArray(block.all) ? (block.all as Obj[]) : []
  return any.length > 0 || all.length > 0 ? [...any, ...all] : [block]
}

function blocksAutogen(block: unknown): boolean {
  return filtersOf(block).some(f => {
    const r = isMap(f.resources) ? f.resources : {}
    return (
      (typeof r.name === 'string' && r.name !== '') ||
      (Array.isArray(r.names) && r.names.length > 0) ||
      r.selector !== undefined ||
      r.annotations !== undefined
    )
  })
}

/** `CanAutoGen`: the whole policy is left alone when any rule could not be translated. */
function canAutogen(rules: readonly Obj[]): boolean {
  let podRule = false
  for (const rule of rules) {
    if (rule.generate) return false
    if (isMap(rule.mutate) && rule.mutate.patchesJson6902) return false
    if (blocksAutogen(rule.match) || blocksAutogen(rule.exclude)) return false
    const kinds = kindsOf(rule.match)
    if (kinds.includes('Pod') && kinds.length > 1) return false
    const excludeKinds = kindsOf(rule.exclude)
    if (excludeKinds.includes('Pod') && excludeKinds.length > 1) return false
    if (kinds.includes('Pod')) podRule = true
  }
  return podRule
}

function requestedControllers(annotations: Obj): string[] | undefined {
  const value = annotations[autogenAnnotation]
  if (typeof value !== 'string') return undefined
  if (value.trim() === 'none') return []
  return value
    .split(',')
    .map(v => v.trim())
    .filter(Boolean)
}

function replaceKinds(block: unknown, kinds: readonly string[]): unknown {
  if (!isMap(block)) return block
  const fix = (filter: Obj): Obj => {
    if (!isMap(filter.resources) || !Array.isArray(filter.resources.kinds)) return filter
    const out = filter.resources.kinds.flatMap(k => (k === 'Pod' ? kinds : [k]))
    return { ...filter, resources: { ...filter.resources, kinds: out } }
  }
  const out: Obj = { ...fix(block) }
  if (Array.isArray(block.any)) out.any = (block.any as Obj[]).map(fix)
  if (Array.isArray(block.all)) out.all = (block.all as Obj[]).map(fix)
  return out
}

function rewrite(rule: Obj, target: string): Obj {
  // A `validate.cel` rule reads `object` / `oldObject` (pkg/autogen/v1/rule.go, podCELReplacementRules);
  // the whole rule, `celPreconditions` included, is rewritten the same plain-text way.
  if (isMap(rule.validate) && rule.validate.cel !== undefined)
    return JSON.parse(
      JSON.stringify(rule)
        .split('object.spec')
        .join(`object.${target}.spec`)
        .split('oldObject.spec')
        .join(`oldObject.${target}.spec`)
        .split('object.metadata')
        .join(`object.${target}.metadata`)
        .split('oldObject.metadata')
        .join(`oldObject.${target}.metadata`)
    ) as Obj
  const text = JSON.stringify(rule)
    .split('request.object.spec')
    .join(`request.object.${target}.spec`)
    .split('request.object.metadata')
    .join(`request.object.${target}.metadata`)
    .split('request.oldObject.spec')
    .join(`request.oldObject.${target}.spec`)
    .split('request.oldObject.metadata')
    .join(`request.oldObject.${target}.metadata`)
  return JSON.parse(text) as Obj
}

function wrapValidate(validate: unknown, wrap: (pattern: unknown) => unknown): unknown {
  if (!isMap(validate)) return validate
  const out: Obj = { ...validate }
  if (validate.pattern !== undefined) out.pattern = wrap(validate.pattern)
  if (Array.isArray(validate.anyPattern)) out.anyPattern = validate.anyPattern.map(wrap)
  return out
}

function ruleFor(
  rule: Obj,
  name: string,
  kinds: readonly string[],
  wrap: (p: unknown) => unknown,
  target: string
): Obj {
  const copy: Obj = {
    ...rule,
    name: name.slice(0, 63),
    match: replaceKinds(rule.match, kinds),
    validate: wrapValidate(rule.validate, wrap)
  }
  if (rule.exclude !== undefined) copy.exclude = replaceKinds(rule.exclude, kinds)
  const rewritten = rewrite(
    { ...copy, name: undefined, match: undefined, exclude: undefined },
    target
  )
  return {
    ...rewritten,
    name: copy.name,
    match: copy.match,
    ...(copy.exclude !== undefined ? { exclude: copy.exclude } : {})
  }
}

export interface AutogenRule {
  readonly rule: Obj
  /** The rule the policy author wrote; test results name this one. */
  readonly baseName: string
}

/** The policy's rules plus the generated controller rules. */
export function computeRules(rules: readonly Obj[], annotations: Obj): AutogenRule[] {
  const out: AutogenRule[] = rules.map(rule => ({ rule, baseName: String(rule.name) }))
  if (!canAutogen(rules)) return out
  const requested = requestedControllers(annotations) ?? [...podControllers, 'CronJob']
  const controllers = podControllers.filter(c => requested.includes(c))
  const cronjob = requested.includes('CronJob')
  for (const rule of rules) {
    const kinds = kindsOf(rule.match)
    if (!kinds.includes('Pod')) continue
    const excludeKinds = kindsOf(rule.exclude)
    if (excludeKinds.length > 0 && !excludeKinds.includes('Pod')) continue
    const name = String(rule.name)
    if (controllers.length > 0) {
      const generated = ruleFor(
        rule,
        `autogen-${name}`,
        controllers,
        p => ({ spec: { template: p } }),
        'spec.template'
      )
      out.push({ rule: generated, baseName: name })
    }
    if (cronjob) {
      const generated = ruleFor(
        rule,
        `autogen-cronjob-${name}`,
        ['CronJob'],
        p => ({ spec: { jobTemplate: { spec: { template: p } } } }),
        'spec.jobTemplate.spec.template'
      )
      out.push({ rule: generated, baseName: name })
    }
  }
  return out
}
