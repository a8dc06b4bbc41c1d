// `validate.podSecurity` (pkg/engine/handlers/validation/validate_pss.go, pkg/pss): the Kubernetes Pod
// Security Standards checks at level `baseline` or `restricted` (version `latest`), with Kyverno's
// exclusions: an `exclude` entry without images exempts the control's pod-level fields, one with images
// exempts the containers whose image matches. This module decides the level, the exclusions and the
// per-resource caching; the controls themselves are in `pod-security-controls.ts`.
import { isMap } from './json.js'
import type { Control, Obj, Violation } from './pod-security-controls.js'
import {
  baselineControls,
  CONTAINER_LISTS,
  controls,
  obj,
  restrictedControls
} from './pod-security-controls.js'
import { wildcardMatch } from './wildcard.js'

export interface PodSecurityExclusion {
  readonly controlName?: string
  readonly images?: readonly string[]
}

/** The pod spec (and its metadata) of a Pod, a pod controller's template or a CronJob's job template. */
function podOf(resource: Obj): { spec: Obj; metadata: Obj } | undefined {
  const spec = obj(resource.spec)
  if (resource.kind === 'Pod') return { spec, metadata: obj(resource.metadata) }
  const template =
    resource.kind === 'CronJob' ? obj(obj(obj(spec.jobTemplate).spec).template) : obj(spec.template)
  return isMap(template.spec)
    ? { spec: template.spec, metadata: obj(template.metadata) }
    : undefined
}

/** A pod's control checks, each made once: several podSecurity rules check the same resource. */
class PodChecks {
  private readonly containers: Obj[] = []
  /** By control index (`controlIndex`). */
  private readonly done: (Violation | undefined)[] = []

  constructor(private readonly pod: { spec: Obj; metadata: Obj }) {
    for (const list of CONTAINER_LISTS) {
      const items = pod.spec[list]
      if (Array.isArray(items)) for (const c of items) if (isMap(c)) this.containers.push(c)
    }
  }

  violation(control: Control): Violation {
    const index = controlIndex.get(control)!
    let v = this.done[index]
    if (!v) {
      v = control.check(this.pod.spec, this.containers, this.pod.metadata)
      this.done[index] = v
    }
    return v
  }
}

const controlIndex = new Map(controls.map((control, index) => [control, index]))

// By exclusion list (a policy's, read once): its entries by control name.
const groupedExclusions = new WeakMap<
  readonly PodSecurityExclusion[],
  Map<string | undefined, PodSecurityExclusion[]>
>()

function exclusionsByControl(
  exclude: readonly PodSecurityExclusion[]
): Map<string | undefined, PodSecurityExclusion[]> {
  let grouped = groupedExclusions.get(exclude)
  if (!grouped) {
    grouped = new Map()
    for (const e of exclude) {
      const list = grouped.get(e.controlName)
      if (list) list.push(e)
      else grouped.set(e.controlName, [e])
    }
    groupedExclusions.set(exclude, grouped)
  }
  return grouped
}

// By resource: its checks (or null when it has no pod spec). Resources are read, never changed.
const podChecks = new WeakMap<Obj, PodChecks | null>()

function checksOf(resource: Obj): PodChecks | null {
  let checks = podChecks.get(resource)
  if (checks === undefined) {
    const pod = podOf(resource)
    checks = pod ? new PodChecks(pod) : null
    podChecks.set(resource, checks)
  }
  return checks
}

/** Failing control names after exclusions; an empty list means the pod meets the level. */
export function podSecurityViolations(
  resource: Obj,
  level: string,
  exclude: readonly PodSecurityExclusion[]
): string[] {
  const checks = checksOf(resource)
  if (!checks) return []
  const active = level === 'restricted' ? restrictedControls : baselineControls
  const byControl = exclusionsByControl(exclude)
  const failing: string[] = []
  for (const control of active) {
    const v = checks.violation(control)
    const exclusions = byControl.get(control.name)
    if (exclusions === undefined) {
      // Nothing exempt: the control fails on any offending field.
      if ((v.pod || v.containers.length > 0) && !failing.includes(control.name))
        failing.push(control.name)
      continue
    }
    const podFails = v.pod && !exclusions.some(e => !e.images || e.images.length === 0)
    const containerFails = v.containers.some(
      c =>
        !exclusions.some(e =>
          (e.images ?? []).some(image => wildcardMatch(image, String(c.image ?? '')))
        )
    )
    if ((podFails || containerFails) && !failing.includes(control.name)) failing.push(control.name)
  }
  return failing
}

/** A failing baseline control and the field (path under the pod spec) that breaks it. */
export interface BaselineFailure {
  readonly control: string
  readonly at: readonly (string | number)[]
}

/**
 * The Pod Security baseline controls a pod spec breaks, one entry per offending field (the same
 * checks as `validate.podSecurity` at level baseline, without exclusions): for the platform guardrail.
 */
export function baselineFailures(spec: Obj, metadata: Obj): BaselineFailure[] {
  const located = CONTAINER_LISTS.flatMap(list =>
    (Array.isArray(spec[list]) ? (spec[list] as unknown[]) : []).flatMap((c, index) =>
      isMap(c) ? [{ container: c, at: [list, index] as const }] : []
    )
  )
  const containers = located.map(l => l.container)
  const failures: BaselineFailure[] = []
  for (const control of controls.filter(c => c.level === 'baseline')) {
    const v = control.check(spec, containers, metadata)
    if (v.pod)
      for (const at of control.podFields?.(spec) ?? [[]])
        failures.push({ control: control.name, at })
    for (const c of v.containers) {
      const where = located.find(l => l.container === c)!.at
      failures.push({ control: control.name, at: [...where, ...(control.containerField ?? [])] })
    }
  }
  return failures
}
