// Boundary: what a service's KubeVela properties and traits may ask of the node. The Pod Security
// baseline forbids hostPath volumes, privileged containers, host namespaces, host ports and capabilities
// beyond the baseline set; one walker decides it for render (at the idp.yaml line) and for validate's
// `pod-security-baseline` guardrail (at the rendered Application), under the platform's one setting.
import type { GuardrailSetting, PlatformConfig } from '../descriptor/types.js'
import { BASELINE_CAPABILITIES } from '../policy/kyverno/pod-security-controls.js'

type Obj = Record<string, unknown>
type Path = readonly (string | number)[]

/** The guardrail id the platform config's `spec.guardrails` names this boundary by. */
export const POD_SECURITY_BASELINE = 'pod-security-baseline'

export interface PropertyFailure {
  /** Where the offending field sits, below the path the walk started at. */
  readonly at: Path
  readonly message: string
}

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/**
 * What KubeVela properties turn into: `volumeMounts.hostPath` of the workload component types and the
 * `storage` trait's `hostPath` become hostPath volumes; fields named as in a pod spec (custom types
 * pass them through) become those fields. Walks every property, so a custom type is covered too.
 */
export function podSecurityPropertyFailures(node: unknown, at: Path = []): PropertyFailure[] {
  if (Array.isArray(node)) return node.flatMap((v, i) => podSecurityPropertyFailures(v, [...at, i]))
  if (!isObject(node)) return []
  const out: PropertyFailure[] = []
  for (const [key, value] of Object.entries(node)) {
    const here = [...at, key]
    if (key === 'hostPath' && value !== undefined && value !== null) {
      const entries = Array.isArray(value) ? value.map((v, i) => ({ v, at: [...here, i] })) : []
      if (entries.length === 0) entries.push({ v: value, at: here })
      for (const { v, at: where } of entries) {
        const path = isObject(v) ? v.path : v
        const described = typeof path === 'string' ? ` '${path}'` : ''
        out.push({
          at: isObject(v) && 'path' in v ? [...where, 'path'] : where,
          message: `HostPath Volumes: the host path${described} would be mounted into the pod; the Pod Security baseline forbids hostPath volumes. Use a persistent volume claim or an emptyDir.`
        })
      }
    } else if (key === 'privileged' && value === true) {
      out.push({ at: here, message: 'Privileged Containers: privileged: true is not allowed.' })
    } else if (['hostNetwork', 'hostPID', 'hostIPC'].includes(key) && value === true) {
      out.push({ at: here, message: `Host Namespaces: ${key}: true is not allowed.` })
    } else if (key === 'hostPort' && typeof value === 'number' && value !== 0) {
      out.push({ at: here, message: `Host Ports: hostPort ${value} is not allowed.` })
    } else if (key === 'capabilities' && isObject(value)) {
      const added = list(value.add).map(String)
      const beyond = added.filter(c => !BASELINE_CAPABILITIES.has(c))
      if (beyond.length > 0)
        out.push({
          at: [...here, 'add'],
          message: `Capabilities: adding ${beyond.join(', ')} is beyond the baseline set.`
        })
    } else if (
      key.startsWith('container.apparmor.security.beta.kubernetes.io/') &&
      typeof value === 'string' &&
      value !== 'runtime/default' &&
      !value.startsWith('localhost/')
    ) {
      out.push({ at: here, message: `AppArmor: the profile '${value}' is not allowed.` })
    } else if (typeof value === 'object' && value !== null) {
      out.push(...podSecurityPropertyFailures(value, here))
    }
  }
  return out
}

/**
 * How the platform applies the baseline: off, or at the severity its `spec.guardrails` entry sets
 * (an error unless it says otherwise). A service repo cannot change it.
 */
export function podSecuritySeverity(
  platform: PlatformConfig | undefined
): GuardrailSetting['severity'] | 'off' {
  const setting = platform?.spec.guardrails?.[POD_SECURITY_BASELINE]
  if (setting?.enabled === false) return 'off'
  return setting?.severity ?? 'error'
}
