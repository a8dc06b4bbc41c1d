import { assembleComponentProperties } from '../descriptor/component-properties.js'
import { wireEnv } from '../descriptor/env-wiring.js'
import { originOf } from '../descriptor/origins.js'
import type { Problem } from '../runtime/errors.js'
import type { RenderContext, RenderedManifest } from './context.js'
import { pointer, type SourceMapBuilder } from './source-map.js'
import { renderedTraitProperties } from './kubevela-semantics.js'

export const APPLICATION_FILE = 'application.yaml'

/** The KubeVela `Application` of one environment: components with properties and traits. */
export function renderApplication(
  ctx: RenderContext,
  images: ReadonlyMap<string, string>,
  map: SourceMapBuilder,
  problems: Problem[]
): RenderedManifest {
  const { descriptor, source } = ctx.loaded
  const components = ctx.service.components.map((component, i) => {
    const env = wireEnv(
      component,
      ctx.service,
      descriptor.metadata.name,
      ctx.platform,
      source,
      problems
    )
    const properties = assembleComponentProperties(component, env, images.get(component.name))
    const base = pointer('spec', 'components', i)
    map.add(base, component.path)
    map.add(`${base}/name`, [...component.path, 'name'])
    map.add(`${base}/type`, [...component.path, 'type'])
    map.addTree(properties.value, `${base}/properties`, inner => properties.pathOf(inner))
    const traits = component.traits.map((trait, t) => {
      const traitPointer = `${base}/traits/${t}`
      map.add(traitPointer, trait.path)
      map.add(`${traitPointer}/type`, [...trait.path, 'type'])
      const properties = renderedTraitProperties(ctx, component, trait)
      map.addTree(
        properties,
        `${traitPointer}/properties`,
        inner => originOf(trait.origins, inner) ?? trait.path
      )
      return { type: trait.type, properties }
    })
    component.dependsOn.forEach((_, d) =>
      map.add(`${base}/dependsOn/${d}`, [...component.path, 'dependsOn', d])
    )
    return {
      name: component.name,
      type: component.type,
      properties: properties.value,
      ...(traits.length > 0 ? { traits } : {}),
      ...(component.dependsOn.length > 0 ? { dependsOn: [...component.dependsOn] } : {})
    }
  })
  // The Application as a whole is the service: findings about it land on the service's name.
  map.add('', ['metadata', 'name'])
  map.add('/metadata/name', ['metadata', 'name'])
  map.add('/metadata/labels/app.kubernetes.io~1name', ['metadata', 'name'])
  map.add('/metadata/labels/idp.dev~1owner', ['metadata', 'owner'])
  map.add('/metadata/annotations/idp.dev~1owner', ['metadata', 'owner'])
  if (descriptor.metadata.system)
    map.add('/metadata/labels/app.kubernetes.io~1part-of', ['metadata', 'system'])
  return {
    file: APPLICATION_FILE,
    object: {
      apiVersion: 'core.oam.dev/v1beta1',
      kind: 'Application',
      metadata: {
        name: descriptor.metadata.name,
        namespace: ctx.namespace,
        labels: ctx.labels,
        annotations: ctx.annotations
      },
      spec: { components }
    }
  }
}
