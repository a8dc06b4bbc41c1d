/**
 * The Pod Security baseline of a service's KubeVela properties and traits, at render time and at their
 * idp.yaml line (environment overrides merged, so an override adding a hostPath is found at the
 * override). The walker is validate's `pod-security-baseline` guardrail's (boundary/
 * pod-security-properties.ts), under the same platform setting: off, a warning, or an error.
 */
import {
  podSecurityPropertyFailures,
  podSecuritySeverity
} from '../boundary/pod-security-properties.js'
import { escapePointer, originOf, type Origins } from '../descriptor/origins.js'
import type { PathSegment } from '../descriptor/yaml-file.js'
import type { Problem } from '../runtime/errors.js'
import type { RenderContext } from './context.js'

export interface PodSecurityFindings {
  /** Refuse the render (the platform applies the baseline as an error, the default). */
  readonly errors: Problem[]
  /** Reported, the render goes on (the platform set the baseline's severity to warning or info). */
  readonly warnings: Problem[]
}

const HINT =
  "The platform's Pod Security baseline (guardrail 'pod-security-baseline') keeps a service's pods off the node: no hostPath volumes, privileged containers, host network/PID/IPC, host ports or added capabilities. Use a persistent volume claim, an emptyDir or a configMap instead; the platform team can relax the guardrail in spec.guardrails of the platform config."

export function podSecurityFindings(ctx: RenderContext): PodSecurityFindings {
  const severity = podSecuritySeverity(ctx.platform)
  const found: Problem[] = []
  if (severity === 'off') return { errors: [], warnings: [] }
  const report = (
    properties: unknown,
    origins: Origins,
    fallback: readonly PathSegment[],
    what: string
  ) => {
    for (const failure of podSecurityPropertyFailures(properties)) {
      const pointer = failure.at.map(s => `/${escapePointer(String(s))}`).join('')
      found.push({
        message: `In ${what}: ${failure.message}`,
        position: ctx.loaded.positionOf(originOf(origins, pointer) ?? fallback),
        hint: HINT
      })
    }
  }
  for (const component of ctx.service.components) {
    // A k8s-objects component carries whole objects; validate checks them as pods (and render
    // refuses the type unless the platform allows it).
    if (component.type === 'k8s-objects') continue
    report(
      component.properties,
      component.origins,
      [...component.path, 'properties'],
      `component '${component.name}'`
    )
    for (const trait of component.traits)
      report(
        trait.properties,
        trait.origins,
        trait.path,
        `trait ${trait.type} of component '${component.name}'`
      )
  }
  return severity === 'error' ? { errors: found, warnings: [] } : { errors: [], warnings: found }
}
