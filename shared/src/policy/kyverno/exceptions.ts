// PolicyException (kyverno.io/v2, v2beta1): a resource that matches an exception's `match` block (and
// its `conditions`) is exempt from the named policies' rules, which then report `skip`
// (pkg/engine/engine.go checks exceptions after preconditions, before the rule handler).
import { evaluateConditions } from './conditions.js'
import type { EvalContext } from './eval-context.js'
import { isMap } from './json.js'
import type { RequestInfo } from './match.js'
import { blockMatches } from './match.js'
import { wildcardMatch } from './wildcard.js'

type Obj = Record<string, unknown>

export interface PolicyException {
  readonly name: string
  readonly namespace: string
  readonly exceptions: readonly {
    readonly policyName: string
    readonly ruleNames: readonly string[]
  }[]
  readonly match: unknown
  readonly conditions?: unknown
}

export function exceptionFromObject(doc: Obj): PolicyException | undefined {
  if (doc.kind !== 'PolicyException' || !String(doc.apiVersion ?? '').startsWith('kyverno.io/'))
    return undefined
  const metadata = isMap(doc.metadata) ? doc.metadata : {}
  const spec = isMap(doc.spec) ? doc.spec : {}
  return {
    name: String(metadata.name ?? ''),
    namespace: String(metadata.namespace ?? ''),
    exceptions: (Array.isArray(spec.exceptions) ? spec.exceptions.filter(isMap) : []).map(e => ({
      policyName: String(e.policyName ?? ''),
      ruleNames: Array.isArray(e.ruleNames) ? e.ruleNames.map(String) : []
    })),
    match: spec.match,
    ...(spec.conditions !== undefined ? { conditions: spec.conditions } : {})
  }
}

/** Does an exception exempt this resource from `policy` / `rule` (the rule as evaluated, autogen names included)? */
export function isExcepted(
  exceptions: readonly PolicyException[],
  policy: { readonly name: string; readonly namespace?: string },
  rule: string,
  resource: Obj,
  request: RequestInfo,
  ctx: EvalContext
): boolean {
  const policyRef = policy.namespace ? `${policy.namespace}/${policy.name}` : policy.name
  return exceptions.some(
    ex =>
      ex.exceptions.some(
        e => wildcardMatch(e.policyName, policyRef) && e.ruleNames.some(r => wildcardMatch(r, rule))
      ) &&
      blockMatches(ex.match, resource, request, false) &&
      evaluateConditions(ex.conditions, ctx)
  )
}
