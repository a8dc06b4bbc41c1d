// `validate.podSecurity` (pkg/engine/handlers/validation/validate_pss.go, pkg/pss): the Kubernetes Pod
// Security Standards checks at level `baseline` or `restricted` (version `latest`), with Kyverno's
// exclusions: an `exclude` entry without images exempts the control's pod-level fields, one with images
// exempts the containers whose image matches.
import { isMap } from './json.js'
import { wildcardMatch } from './wildcard.js'

type Obj = Record<string, unknown>

interface Violation {
  /** A pod-level field breaks the control. */
  readonly pod: boolean
  /** Containers (all lists together) that break it. */
  readonly containers: readonly Obj[]
}

type Path = readonly (string | number)[]

interface Control {
  readonly name: string
  readonly level: 'baseline' | 'restricted'
  /** The restricted check that replaces a baseline check of the same name. */
  readonly replaces?: boolean
  check(spec: Obj, containers: readonly Obj[], metadata: Obj): Violation
  /** Where under the pod spec a pod-level violation sits (each offending field), for findings. */
  readonly podFields?: (spec: Obj) => Path[]
  /** Where under a container a container violation sits. */
  readonly containerField?: Path
}

const obj = (v: unknown): Obj => (isMap(v) ? v : {})
const sc = (c: Obj) => obj(c.securityContext)
const violation = (pod: boolean, containers: readonly Obj[]): Violation => ({ pod, containers })

/** Capabilities the baseline level lets a container add. */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT'
])
const safeSysctls = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes'
])
const seLinuxTypes = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t'
])
const restrictedVolumes = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret'
]

const caps = (c: Obj, field: 'add' | 'drop') => {
  const list = obj(sc(c).capabilities)[field]
  return Array.isArray(list) ? list.map(String) : []
}
const seLinuxBad = (options: unknown) => {
  const o = obj(options)
  return (
    !seLinuxTypes.has(String(o.type ?? '')) ||
    String(o.user ?? '') !== '' ||
    String(o.role ?? '') !== ''
  )
}
const seccompType = (context: Obj) =>
  isMap(context.seccompProfile) ? String(context.seccompProfile.type ?? '') : undefined

const badProfile = (p: unknown) =>
  isMap(p) && !['RuntimeDefault', 'Localhost'].includes(String(p.type))
const seccompAllowed = (t: string | undefined) => t === 'RuntimeDefault' || t === 'Localhost'

const controls: readonly Control[] = [
  {
    name: 'HostProcess',
    level: 'baseline',
    check: (spec, cs) =>
      violation(
        obj(obj(spec.securityContext).windowsOptions).hostProcess === true,
        cs.filter(c => obj(sc(c).windowsOptions).hostProcess === true)
      ),
    podFields: () => [['securityContext', 'windowsOptions', 'hostProcess']],
    containerField: ['securityContext', 'windowsOptions', 'hostProcess']
  },
  {
    name: 'Host Namespaces',
    level: 'baseline',
    check: spec =>
      violation(spec.hostNetwork === true || spec.hostPID === true || spec.hostIPC === true, []),
    podFields: spec =>
      ['hostNetwork', 'hostPID', 'hostIPC'].filter(f => spec[f] === true).map(f => [f])
  },
  {
    name: 'Privileged Containers',
    level: 'baseline',
    check: (_s, cs) =>
      violation(
        false,
        cs.filter(c => sc(c).privileged === true)
      ),
    containerField: ['securityContext', 'privileged']
  },
  {
    name: 'Capabilities',
    level: 'baseline',
    check: (_s, cs) =>
      violation(
        false,
        cs.filter(c => caps(c, 'add').some(a => !BASELINE_CAPABILITIES.has(a)))
      ),
    containerField: ['securityContext', 'capabilities', 'add']
  },
  {
    name: 'HostPath Volumes',
    level: 'baseline',
    check: spec =>
      violation(
        (Array.isArray(spec.volumes) ? spec.volumes : []).some(
          v => isMap(v) && v.hostPath !== undefined
        ),
        []
      ),
    podFields: spec =>
      (Array.isArray(spec.volumes) ? spec.volumes : []).flatMap((v, i) =>
        isMap(v) && v.hostPath !== undefined ? [['volumes', i, 'hostPath']] : []
      )
  },
  {
    name: 'Host Ports',
    level: 'baseline',
    check: (_s, cs) =>
      violation(
        false,
        cs.filter(c =>
          (Array.isArray(c.ports) ? c.ports : []).some(
            p => isMap(p) && Number(p.hostPort ?? 0) !== 0
          )
        )
      ),
    containerField: ['ports']
  },
  {
    name: 'AppArmor',
    level: 'baseline',
    check: (spec, cs, metadata) => {
      const annotations = obj(metadata.annotations)
      const badAnnotation = Object.entries(annotations).some(
        ([k, v]) =>
          k.startsWith('container.apparmor.security.beta.kubernetes.io/') &&
          v !== 'runtime/default' &&
          !String(v).startsWith('localhost/')
      )
      return violation(
        badAnnotation || badProfile(obj(spec.securityContext).appArmorProfile),
        cs.filter(c => badProfile(sc(c).appArmorProfile))
      )
    },
    // An annotation sits in the metadata next to the spec; the finding points at the spec then.
    podFields: spec =>
      obj(spec.securityContext).appArmorProfile !== undefined
        ? [['securityContext', 'appArmorProfile']]
        : [[]],
    containerField: ['securityContext', 'appArmorProfile']
  },
  {
    name: 'SELinux',
    level: 'baseline',
    check: (spec, cs) => {
      const pod = obj(spec.securityContext).seLinuxOptions
      return violation(
        pod !== undefined && seLinuxBad(pod),
        cs.filter(c => sc(c).seLinuxOptions !== undefined && seLinuxBad(sc(c).seLinuxOptions))
      )
    },
    podFields: () => [['securityContext', 'seLinuxOptions']],
    containerField: ['securityContext', 'seLinuxOptions']
  },
  {
    name: '/proc Mount Type',
    level: 'baseline',
    check: (_s, cs) =>
      violation(
        false,
        cs.filter(c => sc(c).procMount !== undefined && sc(c).procMount !== 'Default')
      ),
    containerField: ['securityContext', 'procMount']
  },
  {
    name: 'Seccomp',
    level: 'baseline',
    check: (spec, cs) =>
      violation(
        seccompType(obj(spec.securityContext)) === 'Unconfined',
        cs.filter(c => seccompType(sc(c)) === 'Unconfined')
      ),
    podFields: () => [['securityContext', 'seccompProfile']],
    containerField: ['securityContext', 'seccompProfile']
  },
  {
    name: 'Sysctls',
    level: 'baseline',
    check: spec => {
      const sysctls = obj(spec.securityContext).sysctls
      return violation(
        (Array.isArray(sysctls) ? sysctls : []).some(s => !safeSysctls.has(String(obj(s).name))),
        []
      )
    },
    podFields: () => [['securityContext', 'sysctls']]
  },
  {
    name: 'Volume Types',
    level: 'restricted',
    check: spec =>
      violation(
        (Array.isArray(spec.volumes) ? spec.volumes : []).some(
          v => isMap(v) && Object.keys(v).some(k => k !== 'name' && !restrictedVolumes.includes(k))
        ),
        []
      )
  },
  {
    name: 'Privilege Escalation',
    level: 'restricted',
    check: (_s, cs) =>
      violation(
        false,
        cs.filter(c => sc(c).allowPrivilegeEscalation !== false)
      )
  },
  {
    name: 'Running as Non-root',
    level: 'restricted',
    check: (spec, cs) => {
      const pod = obj(spec.securityContext).runAsNonRoot
      return violation(
        pod === false,
        cs.filter(
          c => sc(c).runAsNonRoot === false || (sc(c).runAsNonRoot === undefined && pod !== true)
        )
      )
    }
  },
  {
    name: 'Running as Non-root user',
    level: 'restricted',
    check: (spec, cs) =>
      violation(
        obj(spec.securityContext).runAsUser === 0,
        cs.filter(c => sc(c).runAsUser === 0)
      )
  },
  {
    name: 'Seccomp',
    level: 'restricted',
    replaces: true,
    check: (spec, cs) => {
      const ok = seccompAllowed
      const pod = seccompType(obj(spec.securityContext))
      return violation(
        pod !== undefined && !ok(pod),
        cs.filter(c => {
          const t = seccompType(sc(c))
          return t === undefined ? !ok(pod) : !ok(t)
        })
      )
    }
  },
  {
    name: 'Capabilities',
    level: 'restricted',
    replaces: true,
    check: (_s, cs) =>
      violation(
        false,
        cs.filter(
          c =>
            !caps(c, 'drop').includes('ALL') || caps(c, 'add').some(a => a !== 'NET_BIND_SERVICE')
        )
      )
  }
]

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const

// The controls each level checks, in order: restricted replaces the baseline checks it redefines.
const restrictedControls = controls.filter(
  c => !(c.level === 'baseline' && controls.some(r => r.replaces && r.name === c.name))
)
const baselineControls = controls.filter(c => c.level === 'baseline')

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
