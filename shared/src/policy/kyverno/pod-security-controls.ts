// The Pod Security Standards controls (k8s.io/pod-security-admission policy checks, as pkg/pss runs
// them): what each control checks on a pod spec and its containers, and where a violation sits. Kept
// apart from `pod-security.ts`, which decides the level, the exclusions and the per-resource caching.
import { isMap } from './json.js'

export type Obj = Record<string, unknown>

export interface Violation {
  /** A pod-level field breaks the control. */
  readonly pod: boolean
  /** Containers (all lists together) that break it. */
  readonly containers: readonly Obj[]
}

type Path = readonly (string | number)[]

export interface Control {
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

export const obj = (v: unknown): Obj => (isMap(v) ? v : {})
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

export const controls: readonly Control[] = [
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

export const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const

// The controls each level checks, in order: restricted replaces the baseline checks it redefines.
export const restrictedControls = controls.filter(
  c => !(c.level === 'baseline' && controls.some(r => r.replaces && r.name === c.name))
)
export const baselineControls = controls.filter(c => c.level === 'baseline')
