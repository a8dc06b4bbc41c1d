import type { Problem } from '../runtime/errors.js'
import type { EffectiveComponent, EffectiveService } from './effective.js'
import { parseEnvValue, type EnvPart } from './references.js'
import { fillPattern } from './patterns.js'
import type { PlatformConfig } from './types.js'
import { resourceType } from './type-registry.js'
import type { PathSegment, YamlSource } from './yaml-file.js'
import { ownValue } from './own.js'

/** A container env entry as KubeVela's component types take it. */
export type RenderedEnvVar =
  | { readonly name: string; readonly value: string }
  | {
      readonly name: string
      readonly valueFrom: { readonly secretKeyRef: { readonly name: string; readonly key: string } }
    }

export interface WiredEnvVar {
  readonly entry: RenderedEnvVar
  /** The descriptor path the entry came from. */
  readonly path: readonly PathSegment[]
}

/** The Secret an ExternalSecret writes for descriptor secret `name`. */
export function secretTargetName(service: string, secret: string): string {
  return `${service}-${secret}`
}

/** The connection Secret of a resource, by the platform's naming convention. */
export function connectionSecretName(
  platform: PlatformConfig,
  service: string,
  resourceName: string,
  resourceTypeName: string,
  environment: string
): string | undefined {
  const type = resourceType(platform, resourceTypeName)
  return type
    ? fillPattern(type.connectionSecret, { service, resource: resourceName, environment })
    : undefined
}

/**
 * Turns a component's env into container env entries. A value that is exactly one reference becomes a
 * `secretKeyRef`; a value mixing text and references gets hidden `secretKeyRef` entries first and is
 * written with Kubernetes `$(VAR)` expansion, so no secret value ever passes through the renderer.
 */
export function wireEnv(
  component: EffectiveComponent,
  service: EffectiveService,
  serviceName: string,
  platform: PlatformConfig,
  source: YamlSource,
  problems: Problem[]
): WiredEnvVar[] {
  const hidden: WiredEnvVar[] = []
  const visible: WiredEnvVar[] = []
  for (const variable of component.env) {
    if (typeof variable.value !== 'string') {
      visible.push({
        entry: { name: variable.name, value: String(variable.value) },
        path: variable.path
      })
      continue
    }
    const parsed = parseEnvValue(variable.value)
    if ('error' in parsed) {
      problems.push({
        message: `In env ${variable.name}: ${parsed.error}`,
        position: source.positionOf(variable.path),
        hint: parsed.hint
      })
      continue
    }
    const refs: { name: string; key: string }[] = []
    let failed = false
    for (const part of parsed.parts) {
      if (part.kind === 'text') continue
      const ref = resolveReference(part, service, serviceName, platform)
      if ('error' in ref) {
        problems.push({
          message: `In env ${variable.name}: ${ref.error}`,
          position: source.positionOf(variable.path),
          hint: ref.hint
        })
        failed = true
      } else refs.push(ref)
    }
    if (failed) continue
    if (refs.length === 0) {
      const text = parsed.parts.map(part => (part.kind === 'text' ? part.text : '')).join('')
      visible.push({
        entry: { name: variable.name, value: kubernetesLiteral(text) },
        path: variable.path
      })
    } else if (parsed.parts.length === 1) {
      visible.push({
        entry: { name: variable.name, valueFrom: { secretKeyRef: refs[0] } },
        path: variable.path
      })
    } else {
      let n = 0
      const value = parsed.parts
        .map(part => {
          if (part.kind === 'text') return kubernetesLiteral(part.text)
          const hiddenName = `IDP_REF_${variable.name}_${++n}`
          hidden.push({
            entry: { name: hiddenName, valueFrom: { secretKeyRef: refs[n - 1] } },
            path: variable.path
          })
          return `$(${hiddenName})`
        })
        .join('')
      visible.push({ entry: { name: variable.name, value }, path: variable.path })
    }
  }
  return [...hidden, ...visible]
}

/**
 * Text as Kubernetes must see it to give the container exactly this text: the kubelet expands `$(VAR)`
 * and turns `$$` into `$` in every env value, plain or mixed, so each `$` before `(` or `$` is doubled.
 * idp's references are `${…}`; a `$(` the developer writes is text in every value.
 */
export function kubernetesLiteral(text: string): string {
  return text.replace(/\$(?=[$(])/g, '$$$$')
}

function resolveReference(
  part: Exclude<EnvPart, { kind: 'text' }>,
  service: EffectiveService,
  serviceName: string,
  platform: PlatformConfig
): { name: string; key: string } | { error: string; hint?: string } {
  if (part.kind === 'secret') {
    const secret = service.secrets.find(s => s.name === part.secret)
    if (!secret) {
      return {
        error: `\${${part.expression}} names secret '${part.secret}', which is not declared under spec.secrets.`,
        hint: service.secrets.length
          ? `Declared secrets: ${service.secrets.map(s => s.name).join(', ')}.`
          : 'Declare it under spec.secrets.'
      }
    }
    if (!secret.data.some(d => d.secretKey === part.key)) {
      return {
        error: `\${${part.expression}} names key '${part.key}', which secret '${secret.name}' does not define.`,
        hint: `Its keys: ${secret.data.map(d => d.secretKey).join(', ')}.`
      }
    }
    return { name: secretTargetName(serviceName, secret.name), key: part.key }
  }
  const resource = service.resources.find(r => r.name === part.resource)
  if (!resource) {
    return {
      error: `\${${part.expression}} names resource '${part.resource}', which is not declared under spec.resources.`,
      hint: service.resources.length
        ? `Declared resources: ${service.resources.map(r => r.name).join(', ')}.`
        : 'Declare it under spec.resources.'
    }
  }
  const type = resourceType(platform, resource.type)
  if (!type)
    return {
      error: `\${${part.expression}} names resource '${resource.name}', whose type '${resource.type}' the platform does not define.`
    }
  const key = ownValue(type.outputs, part.output)
  if (key === undefined) {
    return {
      error: `\${${part.expression}}: resource type '${type.name}' has no output '${part.output}'.`,
      hint: `Its outputs: ${Object.keys(type.outputs).join(', ') || 'none'}.`
    }
  }
  return {
    name: fillPattern(type.connectionSecret, {
      service: serviceName,
      resource: resource.name,
      environment: service.environment
    }),
    key
  }
}
