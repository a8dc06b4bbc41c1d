// The guardrail on Crossplane claims and XRs of the platform's resource types: the Composition decides
// what infrastructure is made with the provider's credentials, so a service uses the platform's, and
// may not bind an existing composite (another service's database) or pin composition revisions.
import type { ResourceTypeConfig } from '../../../descriptor/types.js'
import { isDeepStrictEqual } from 'node:util'
import { isObject } from '../../manifest-documents.js'
import { joinPointer } from '../../manifest-positions.js'
import type { Guardrail, Violation } from './rules.js'

/** Composition machinery render never writes: binding, adopting and revision pinning. */
const FORBIDDEN = [
  'resourceRef',
  'resourceRefs',
  'compositionRevisionRef',
  'compositionRevisionSelector'
] as const

function violationsFor(spec: Record<string, unknown>, type: ResourceTypeConfig): Violation[] {
  const base = type.style === 'claim' ? ['spec'] : ['spec', 'crossplane']
  const machinery = type.style === 'claim' ? spec : isObject(spec.crossplane) ? spec.crossplane : {}
  const out: Violation[] = []
  const expected = {
    compositionRef: type.compositionRef,
    compositionSelector: type.compositionSelector
  }
  for (const [field, value] of Object.entries(expected))
    if (machinery[field] !== undefined && !isDeepStrictEqual(machinery[field], value))
      out.push({
        pointer: joinPointer([...base, field]),
        message: `${field} differs from the platform's for resource type '${type.name}'${value ? ` (${JSON.stringify(value)})` : ' (none)'}; the platform chooses the Composition.`
      })
  for (const field of FORBIDDEN)
    if (machinery[field] !== undefined)
      out.push({
        pointer: joinPointer([...base, field]),
        message: `${field} is not allowed on resource type '${type.name}': it binds or pins composites the platform did not choose for this service.`
      })
  return out
}

export const compositionPinned: Guardrail = {
  id: 'composition-pinned',
  title: "Crossplane resources use the platform's Composition",
  defaultSeverity: 'error',
  help: "A Crossplane claim or XR of a platform resource type keeps the `compositionRef` / `compositionSelector` the platform config sets for the type (or none), and carries no `resourceRef`, `resourceRefs`, `compositionRevisionRef` or `compositionRevisionSelector`: the Composition decides what is created with the provider's credentials, and a reference could bind another service's composite.",
  check: (m, ctx) => {
    const types = (ctx.platform?.spec.resourceTypes ?? []).filter(
      t => t.apiVersion === m.object.apiVersion && t.kind === m.object.kind
    )
    if (types.length === 0) return undefined
    const spec = isObject(m.object.spec) ? m.object.spec : {}
    const candidates = types.map(t => violationsFor(spec, t))
    // Two types may share a kind (a v1 claim and a v2 XR): the closest one speaks.
    return candidates.reduce((best, v) => (v.length < best.length ? v : best))
  }
}
