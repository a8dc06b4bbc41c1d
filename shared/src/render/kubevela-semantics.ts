/**
 * What KubeVela will do with the Application, checked before it is written: a trait on a workload its
 * definition does not apply to (the controller refuses it after promotion), two outputs that are the
 * same Kubernetes object (KubeVela applies both and the last one wins, flapping on every reconcile), and
 * a descriptor secret whose Secret is also another output's Secret (two writers, one object).
 */
import type { EffectiveComponent, EffectiveTrait } from '../descriptor/effective.js'
import { connectionSecretName, secretTargetName } from '../descriptor/env-wiring.js'
import {
  builtinComponentWorkloads,
  builtinTraitWorkloads,
  builtinTypesWithServiceForPorts
} from '../descriptor/kubevela/workloads.js'
import { isPlainObject } from '../descriptor/origins.js'
import type { PathSegment } from '../descriptor/yaml-file.js'
import type { Problem } from '../runtime/errors.js'
import type { RenderContext } from './context.js'
import { isBuiltinType } from './value-checks.js'

/**
 * A gateway without `name` or `existingServiceName` on a component whose exposed ports already make the
 * Service `<component>` would make that same Service again: the two are merged on purpose, the gateway
 * routing through the component's Service (`existingServiceName`). Undefined when there is no overlap.
 */
export function gatewayServiceMerge(
  ctx: Pick<RenderContext, 'platform'>,
  component: EffectiveComponent,
  trait: EffectiveTrait
): { serviceName: string; unservedPorts: number[] } | undefined {
  const props = trait.properties
  if (trait.type !== 'gateway' || !isBuiltinType(ctx.platform, 'trait', 'gateway')) return undefined
  if (props.name !== undefined || props.existingServiceName !== undefined) return undefined
  if (!isBuiltinType(ctx.platform, 'component', component.type)) return undefined
  if (!builtinTypesWithServiceForPorts.includes(component.type)) return undefined
  const exposed = (component.ports?.value ?? []).filter(p => p.expose).map(p => p.port)
  if (exposed.length === 0) return undefined
  const routed = isPlainObject(props.http) ? Object.values(props.http) : []
  const unservedPorts = routed.filter(
    (port): port is number => typeof port === 'number' && !exposed.includes(port)
  )
  return { serviceName: component.name, unservedPorts }
}

/** A trait's properties as rendered: a gateway merged with its component's Service says so. */
export function renderedTraitProperties(
  ctx: Pick<RenderContext, 'platform'>,
  component: EffectiveComponent,
  trait: EffectiveTrait
): Record<string, unknown> {
  const merge = gatewayServiceMerge(ctx, component, trait)
  return merge ? { ...trait.properties, existingServiceName: merge.serviceName } : trait.properties
}

interface Output {
  readonly kind: string
  readonly name: string
  /** Who makes it, for the message. */
  readonly by: string
  readonly path: readonly PathSegment[]
}

export function kubevelaSemanticsProblems(ctx: RenderContext): Problem[] {
  const problems: Problem[] = []
  const at = (path: readonly PathSegment[]) => ctx.loaded.positionOf(path)
  const service = ctx.loaded.descriptor.metadata.name
  const outputs: Output[] = []

  for (const component of ctx.service.components) {
    const builtinComponent = isBuiltinType(ctx.platform, 'component', component.type)
    const workload = builtinComponent ? builtinComponentWorkloads[component.type] : undefined
    if (
      component.ports?.value.some(p => p.expose) &&
      builtinComponent &&
      builtinTypesWithServiceForPorts.includes(component.type)
    )
      outputs.push({
        kind: 'Service',
        name: component.name,
        by: `component '${component.name}' (its exposed ports)`,
        path: component.ports.path
      })
    for (const trait of component.traits) {
      if (!isBuiltinType(ctx.platform, 'trait', trait.type)) continue
      const applies = builtinTraitWorkloads[trait.type]
      if (workload && applies && !applies.includes('*') && !applies.includes(workload))
        problems.push({
          message: `Trait ${trait.type} does not apply to component '${component.name}' of type ${component.type} (a ${workload} workload); KubeVela refuses it.`,
          position: at([...trait.path, 'type']),
          hint: `${trait.type} applies to ${applies.join(', ')}. Remove the trait or use a component type it applies to.`
        })
      const props = trait.properties
      if (trait.type === 'gateway') {
        const name = `${component.name}${typeof props.name === 'string' ? `-${props.name}` : ''}`
        const by = `the gateway trait of component '${component.name}'`
        const merge = gatewayServiceMerge(ctx, component, trait)
        if (merge?.unservedPorts.length)
          problems.push({
            message: `The gateway trait of component '${component.name}' routes to port ${merge.unservedPorts.join(', ')}, which the component's Service '${component.name}' (its exposed ports) does not serve.`,
            position: at([...trait.path, 'properties']),
            hint: `The gateway uses the component's own Service; expose the port under ports, or give the gateway a name for a Service of its own.`
          })
        if (props.existingServiceName === undefined && !merge)
          outputs.push({ kind: 'Service', name, by, path: trait.path })
        outputs.push({ kind: 'Ingress', name, by, path: trait.path })
      } else if (trait.type === 'expose') {
        outputs.push({
          kind: 'Service',
          name: component.name,
          by: `the expose trait of component '${component.name}'`,
          path: trait.path
        })
      } else if (trait.type === 'storage') {
        for (const [list, kind] of [
          ['pvc', 'PersistentVolumeClaim'],
          ['configMap', 'ConfigMap'],
          ['secret', 'Secret']
        ] as const) {
          const items = props[list]
          if (!Array.isArray(items)) continue
          for (const item of items)
            if (isPlainObject(item) && typeof item.name === 'string' && item.mountOnly !== true)
              outputs.push({
                kind,
                name: item.name,
                by: `the storage trait of component '${component.name}'`,
                path: trait.path
              })
        }
      }
    }
  }
  for (const resource of ctx.service.resources) {
    const name = connectionSecretName(
      ctx.platform,
      service,
      resource.name,
      resource.type,
      ctx.environment.name
    )
    if (name)
      outputs.push({
        kind: 'Secret',
        name,
        by: `resource '${resource.name}' (its connection Secret)`,
        path: [...resource.path, 'name']
      })
  }

  for (const secret of ctx.service.secrets)
    outputs.push({
      kind: 'Secret',
      name: secretTargetName(service, secret.name),
      by: `secret '${secret.name}' (its ExternalSecret target)`,
      path: [...secret.path, 'name']
    })
  const seen = new Map<string, Output>()
  for (const output of outputs) {
    const key = `${output.kind}/${output.name}`
    const first = seen.get(key)
    if (!first) {
      seen.set(key, output)
      continue
    }
    const position = at(first.path)
    problems.push({
      message: `${output.by} and ${first.by} (line ${position?.line}) both make the ${output.kind} '${output.name}'; one would overwrite the other.`,
      position: at(output.path),
      hint:
        output.kind === 'Service' && first.kind === 'Service'
          ? `Give the gateway a name (a Service '<component>-<name>'), or set existingServiceName: ${output.name} to route through the component's own Service.`
          : 'Rename one of them.'
    })
  }
  return problems
}
