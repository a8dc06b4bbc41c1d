// Guardrails on what a service's workloads may do: KubeVela component and trait types the platform
// allows (validate holds the same lists as render), and the Pod Security baseline for pods, pod
// templates and the KubeVela properties and traits that produce them.
import {
  POD_SECURITY_BASELINE,
  podSecurityPropertyFailures
} from '../../../boundary/pod-security-properties.js'
import { builtinComponentTypes, builtinTraitTypes } from '../../../descriptor/kubevela/index.js'
import { typeSchema } from '../../../descriptor/type-registry.js'
import type { PlatformConfig } from '../../../descriptor/types.js'
import type { Manifest } from '../../engine.js'
import { baselineFailures } from '../../kyverno/pod-security.js'
import { isObject } from '../../manifest-documents.js'
import { joinPointer } from '../../manifest-positions.js'
import type { Guardrail, Violation } from './rules.js'

type Obj = Record<string, unknown>
type Path = readonly (string | number)[]

const isKubeVelaApplication = (m: Manifest) =>
  m.object.kind === 'Application' && String(m.object.apiVersion).startsWith('core.oam.dev/')
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const componentsOf = (m: Manifest): unknown[] =>
  list(isObject(m.object.spec) ? m.object.spec.components : undefined)

function typeAllowed(
  platform: PlatformConfig | undefined,
  kind: 'component' | 'trait',
  name: string
): boolean {
  if (platform) return typeSchema(platform, kind, name) !== undefined
  return Object.hasOwn(kind === 'component' ? builtinComponentTypes : builtinTraitTypes, name)
}

export const componentTypes: Guardrail = {
  id: 'component-types',
  title: 'KubeVela types the platform allows',
  defaultSeverity: 'error',
  help: "A KubeVela Application may use only the component and trait types the platform config allows (`spec.componentTypes`, `spec.traitTypes`: idp's built-in types, narrowed by `allowed`, plus `custom`), as render does; and no Application policies or workflow, which can deploy to other namespaces and clusters. A `k8s-objects` or `ref-objects` component carries or copies arbitrary objects.",
  check: (m, ctx) => {
    if (!isKubeVelaApplication(m)) return undefined
    const violations: Violation[] = []
    componentsOf(m).forEach((component, i) => {
      if (!isObject(component)) return
      const type = String(component.type)
      if (!typeAllowed(ctx.platform, 'component', type))
        violations.push({
          pointer: joinPointer(['spec', 'components', i, 'type']),
          message: `Component type '${type}' is not allowed by the platform; use one of its component types (spec.componentTypes of the platform config).`
        })
      list(component.traits).forEach((trait, j) => {
        const traitType = isObject(trait) ? String(trait.type) : 'undefined'
        if (!typeAllowed(ctx.platform, 'trait', traitType))
          violations.push({
            pointer: joinPointer(['spec', 'components', i, 'traits', j, 'type']),
            message: `Trait type '${traitType}' is not allowed by the platform; use one of its trait types (spec.traitTypes of the platform config).`
          })
      })
    })
    const spec = isObject(m.object.spec) ? m.object.spec : {}
    for (const field of ['policies', 'workflow'] as const)
      if (spec[field] !== undefined)
        violations.push({
          pointer: `/spec/${field}`,
          message: `An Application from a service may not carry spec.${field}: KubeVela ${field === 'policies' ? 'policies (topology, override)' : 'workflow steps'} can deploy to other namespaces and clusters.`
        })
    return violations
  }
}

/** Where a kind keeps its pod spec: the pod itself, a pod template, a CronJob's job template. */
function podSpecsOf(object: Readonly<Obj>): { at: Path; spec: Obj; metadata: Obj }[] {
  // `template` holds {metadata, spec}; a Pod's `spec` is the pod spec itself.
  const at = (path: Path, template = true): { at: Path; spec: Obj; metadata: Obj }[] => {
    let node: unknown = object
    for (const segment of path) node = isObject(node) ? node[segment] : undefined
    if (!isObject(node)) return []
    const spec = template ? node.spec : node
    if (!isObject(spec)) return []
    const metadata = template ? node.metadata : object.metadata
    return [
      {
        at: template ? [...path, 'spec'] : path,
        spec,
        metadata: isObject(metadata) ? metadata : {}
      }
    ]
  }
  if (object.kind === 'Pod' && object.apiVersion === 'v1') return at(['spec'], false)
  if (object.kind === 'PodTemplate' && object.apiVersion === 'v1') return at(['template'])
  // Any workload with a pod template: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
  // ReplicationController, and the CRDs built the same way (Argo Rollouts, OpenKruise, ...).
  return [...at(['spec', 'template']), ...at(['spec', 'jobTemplate', 'spec', 'template'])]
}

export const podSecurityBaseline: Guardrail = {
  id: POD_SECURITY_BASELINE,
  title: 'Pod Security baseline',
  defaultSeverity: 'error',
  help: 'Pods, pod templates and the KubeVela properties and traits that produce them meet the Kubernetes Pod Security Standards baseline: no privileged containers, hostPath volumes, host network/PID/IPC, host ports, capabilities beyond the baseline set, unconfined AppArmor or seccomp, custom SELinux options, unsafe sysctls or unmasked /proc.',
  check: m => {
    if (isKubeVelaApplication(m)) {
      const failures = componentsOf(m).flatMap((component, i) => {
        if (!isObject(component) || component.type === 'k8s-objects') return []
        const base = ['spec', 'components', i]
        return [
          ...podSecurityPropertyFailures(component.properties, [...base, 'properties']),
          ...list(component.traits).flatMap((trait, j) =>
            isObject(trait)
              ? podSecurityPropertyFailures(trait.properties, [...base, 'traits', j, 'properties'])
              : []
          )
        ]
      })
      return failures.map(f => ({ pointer: joinPointer(f.at), message: f.message }))
    }
    const pods = podSpecsOf(m.object)
    if (pods.length === 0) return undefined
    return pods.flatMap(pod =>
      baselineFailures(pod.spec, pod.metadata).map(f => ({
        pointer: joinPointer([...pod.at, ...f.at]),
        message: `${f.control}: ${String(m.object.kind)} breaks the Pod Security baseline control '${f.control}' at ${[...pod.at, ...f.at].join('.')}.`
      }))
    )
  }
}
