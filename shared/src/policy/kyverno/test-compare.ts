/**
 * Whether the engine's answer agrees with one expected result of a kyverno-test: which resources the
 * result names, which responses count (rule and its autogen names, every response of a CEL policy) and
 * the verdict. Unlike the Kyverno CLI, no response only agrees with an expected `skip`.
 */
import type { CelTestInputs } from '../cel/test-support.js'
import { celPolicyNamed } from '../cel/test-support.js'
import type { RuleResponse } from './engine.js'
import type { KyvernoPolicy } from './policy.js'
import { reported } from './scored.js'
import type { ExpectedResult, LoadedResource } from './test-files.js'
import { resourceName, resourceNamespace } from './test-request.js'

export type Verdict = 'pass' | 'fail' | 'skipped'

export interface Comparison {
  readonly testFile: string
  readonly line: number
  readonly policy: string
  readonly rule: string
  readonly resource: string
  readonly kind: string
  readonly expected: string
  readonly actual: string
  readonly verdict: Verdict
  readonly reason: string
}

/** The resources an expected result names (by name or namespace/name); all of them when none match. */
function targetsOf(resources: readonly LoadedResource[], name: string) {
  const targets = resources
    .map((r, i) => ({ r, i }))
    .filter(
      ({ r }) =>
        name === '' ||
        resourceName(r) === name ||
        `${resourceNamespace(r)}/${resourceName(r)}` === name
    )
  return targets.length > 0 ? targets : resources.map((r, i) => ({ r, i }))
}

/**
 * An expected result for a CEL policy kind (ValidatingPolicy, ValidatingAdmissionPolicy): every response
 * of the policy on the named resources is compared, whatever `rule` says (the kinds have no rules).
 */
export function compareCel(
  expected: ExpectedResult,
  name: string,
  testFile: string,
  cel: CelTestInputs,
  resources: readonly LoadedResource[],
  ruleless: (
    policy: string,
    r: LoadedResource,
    i: number,
    op?: string
  ) => { status: string; message: string }[] | 'unsupported' | undefined
): Comparison | undefined {
  if (!celPolicyNamed(cel.policies, expected.policy)) return undefined
  const base = comparisonBase(expected, name, testFile)
  const found: { status: string; message: string }[] = []
  // A JSON-mode ValidatingPolicy checks the test's jsonPayloads (indexed after the resources).
  const json = celPolicyNamed(cel.policies, expected.policy)?.mode === 'JSON'
  const pool = json ? cel.payloads : resources
  for (const { r, i } of targetsOf(pool, name)) {
    const out = ruleless(expected.policy, r, json ? resources.length + i : i, expected.operation)
    if (out === 'unsupported')
      return {
        ...base,
        actual: '',
        verdict: 'skipped',
        reason: 'unsupported policy'
      }
    found.push(...(out ?? []))
  }
  if (found.length === 0)
    return noResponse(
      base,
      'the policy produced no response (matchConstraints did not select the resource)'
    )
  const annotations = celPolicyNamed(cel.policies, expected.policy)?.annotations ?? {}
  return verdictOf(base, found, annotations)
}

/** An expected result for a classic Kyverno policy: the responses of the named rule (or of all). */
export function compareOne(
  expected: ExpectedResult,
  name: string,
  testFile: string,
  policies: readonly KyvernoPolicy[],
  resources: readonly LoadedResource[],
  responsesOf: (p: KyvernoPolicy, r: LoadedResource, i: number, op?: string) => RuleResponse[]
): Comparison {
  const base = comparisonBase(expected, name, testFile)
  const policy = policies.find(p => policyMatches(p, expected.policy))
  if (!policy)
    return {
      ...base,
      actual: '',
      verdict: 'fail',
      reason: `policy ${expected.policy} is not in the test's policy files`
    }
  if (policy.unsupported)
    return { ...base, actual: '', verdict: 'skipped', reason: `unsupported ${policy.unsupported}` }
  const targets = targetsOf(resources, name)
  const rule = expected.rule
  const wanted = rule ? new Set([rule, `autogen-${rule}`, `autogen-cronjob-${rule}`]) : undefined
  const found = targets.flatMap(({ r, i }) =>
    responsesOf(policy, r, i, expected.operation).filter(
      resp => !wanted || wanted.has(resp.rule) || wanted.has(resp.rule.slice(0, 63))
    )
  )
  const unsupported = found.find(r => r.status === 'unsupported')
  if (unsupported)
    return { ...base, actual: '', verdict: 'skipped', reason: `unsupported ${unsupported.message}` }
  if (found.length === 0) {
    if (targets.length === 0)
      return noResponse(
        base,
        `resource ${name} is not among the test's resources (kyverno test: Not found)`
      )
    // kyverno test: the policy answered for the resource but no rule response has the rule's name, so
    // the resource counts as excluded, a pass, whatever result was expected.
    const missing = rule && !policy.rules.some(r => r.baseName === rule || r.rule.name === rule)
    return {
      ...base,
      actual: 'excluded',
      verdict: 'pass',
      reason: missing
        ? `policy ${policy.name} has no rule named '${rule}' (kyverno test reports Excluded and counts it as passed)`
        : 'the rule gave no response for it: match/exclude left it out (kyverno test reports Excluded and counts it as passed)'
    }
  }
  return verdictOf(base, found, policy.annotations)
}

function policyMatches(policy: KyvernoPolicy, ref: string): boolean {
  const slash = ref.indexOf('/')
  if (slash < 0) return policy.name === ref
  return policy.name === ref.slice(slash + 1) && (policy.namespace ?? '') === ref.slice(0, slash)
}

type ComparisonBase = Omit<Comparison, 'actual' | 'verdict' | 'reason'>

/** What a comparison says before the engine answers: the expected result and where it stands. */
function comparisonBase(expected: ExpectedResult, name: string, testFile: string): ComparisonBase {
  return {
    testFile,
    line: expected.line,
    policy: expected.policy,
    rule: expected.rule ?? '',
    resource: name,
    kind: expected.kind ?? '',
    expected: expected.result
  }
}

/**
 * Agreement of the responses found (at least one) with the expected result: every response must
 * report it, as the policy's scored annotation maps each status; the first that does not is the reason.
 */
function verdictOf(
  base: ComparisonBase,
  found: readonly { status: string; message: string }[],
  annotations: Readonly<Record<string, string>>
): Comparison {
  const statuses = [...new Set(found.map(r => reported(annotations, r.status)))]
  const actual = statuses.join(',')
  if (statuses.length === 1 && statuses[0] === base.expected)
    return { ...base, actual, verdict: 'pass', reason: '' }
  const odd = found.find(r => r.status !== base.expected)
  return { ...base, actual, verdict: 'fail', reason: odd?.message ?? '' }
}

/** No response at all: agreement only with an expected `skip`; `why` explains a disagreement. */
function noResponse(base: ComparisonBase, why: string): Comparison {
  const agrees = base.expected === 'skip'
  return {
    ...base,
    actual: 'no response',
    verdict: agrees ? 'pass' : 'fail',
    reason: agrees ? '' : why
  }
}
