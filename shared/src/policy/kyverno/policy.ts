// Reading Kyverno policy documents: ClusterPolicy / Policy (kyverno.io/v1, v2beta1) are evaluated;
// every other Kyverno policy kind is kept as "unsupported" so a test runner can say so instead of
// silently agreeing.
import { readFileInItsRepository } from '../../boundary/files.js'
import { LineCounter } from 'yaml'
import { parseYamlStream } from '../../boundary/yaml-limits.js'
import { yamlValueProblems } from '../../descriptor/yaml-values.js'
import { UserError } from '../../runtime/errors.js'
import type { Problem } from '../../runtime/errors.js'
import type { AutogenRule } from './autogen.js'
import { computeRules } from './autogen.js'
import type { PolicyException } from './exceptions.js'
import { exceptionFromObject } from './exceptions.js'
import { isMap } from './json.js'
import { regexLiteralProblems } from './regex.js'
import { wildcardMatch } from './wildcard.js'

type Obj = Record<string, unknown>

export type FailureAction = 'Enforce' | 'Audit'

export interface KyvernoPolicy {
  readonly kind: string
  readonly name: string
  /** Set for the namespaced `Policy` kind: it applies only in this namespace. */
  readonly namespace?: string
  readonly file: string
  readonly line: number
  readonly annotations: Readonly<Record<string, string>>
  readonly failureAction: FailureAction
  /** `spec.validationFailureActionOverrides`. */
  readonly overrides: readonly Override[]
  /** `spec.applyRules: One`: stop after the first rule that applies. */
  readonly applyOne: boolean
  /** The rules with autogen rules added; empty for unsupported kinds. */
  readonly rules: readonly AutogenRule[]
  /** Why the engine cannot evaluate this document at all (a CEL policy kind, ...). */
  readonly unsupported?: string
  /** Set when the document is a PolicyException rather than a policy. */
  readonly exception?: PolicyException
}

export const policyKinds = new Set([
  'ClusterPolicy',
  'Policy',
  'ValidatingPolicy',
  'NamespacedValidatingPolicy',
  'MutatingPolicy',
  'NamespacedMutatingPolicy',
  'GeneratingPolicy',
  'NamespacedGeneratingPolicy',
  'DeletingPolicy',
  'NamespacedDeletingPolicy',
  'ImageValidatingPolicy',
  'NamespacedImageValidatingPolicy',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'PolicyException',
  'CleanupPolicy',
  'ClusterCleanupPolicy'
])

function failureActionOf(spec: Obj): FailureAction {
  const raw = String(spec.validationFailureAction ?? 'Audit')
  return raw.toLowerCase() === 'enforce' ? 'Enforce' : 'Audit'
}

interface Override {
  readonly action: FailureAction
  readonly namespaces: readonly string[]
  readonly namespaceSelector?: unknown
}

function overridesOf(value: unknown): Override[] {
  return (Array.isArray(value) ? value.filter(isMap) : []).map(o => ({
    action: String(o.action ?? '').toLowerCase() === 'enforce' ? 'Enforce' : 'Audit',
    namespaces: Array.isArray(o.namespaces) ? o.namespaces.map(String) : [],
    ...(o.namespaceSelector !== undefined ? { namespaceSelector: o.namespaceSelector } : {})
  }))
}

/**
 * The failure action of one rule on a resource in `namespace`: the rule's `validate.failureAction` wins
 * over the policy's, and the first `failureActionOverrides` / `validationFailureActionOverrides` entry
 * naming the namespace wins over both (selector-only overrides need cluster data and are ignored).
 */
export function ruleFailureAction(policy: KyvernoPolicy, rule: Obj, namespace = ''): FailureAction {
  const validate = isMap(rule.validate) ? rule.validate : {}
  // Most rules have no overrides of their own: nothing to build per resource then.
  const overrides =
    validate.failureActionOverrides === undefined
      ? policy.overrides
      : [...overridesOf(validate.failureActionOverrides), ...policy.overrides]
  const hit = overrides.find(o => o.namespaces.some(ns => wildcardMatch(ns, namespace)))
  if (hit) return hit.action
  if (typeof validate.failureAction === 'string')
    return validate.failureAction.toLowerCase() === 'enforce' ? 'Enforce' : 'Audit'
  return policy.failureAction
}

export function policyFromObject(doc: Obj, file: string, line: number): KyvernoPolicy | undefined {
  const kind = String(doc.kind ?? '')
  if (
    !policyKinds.has(kind) ||
    (!String(doc.apiVersion ?? '').includes('kyverno.io') && !kind.includes('AdmissionPolicy'))
  )
    return undefined
  const metadata = isMap(doc.metadata) ? doc.metadata : {}
  const annotations = Object.fromEntries(
    Object.entries(isMap(metadata.annotations) ? metadata.annotations : {}).map(([k, v]) => [
      k,
      String(v)
    ])
  )
  const base = {
    kind,
    name: String(metadata.name ?? ''),
    ...(kind === 'Policy' ? { namespace: String(metadata.namespace ?? 'default') } : {}),
    file,
    line,
    annotations
  }
  const spec = isMap(doc.spec) ? doc.spec : {}
  const exception = exceptionFromObject(doc)
  if (exception)
    return { ...base, failureAction: 'Audit', overrides: [], applyOne: false, rules: [], exception }
  if (kind !== 'ClusterPolicy' && kind !== 'Policy')
    return {
      ...base,
      failureAction: 'Audit',
      overrides: [],
      applyOne: false,
      rules: [],
      unsupported: kind
    }
  const rules = (Array.isArray(spec.rules) ? spec.rules : []).filter(isMap)
  return {
    ...base,
    failureAction: failureActionOf(spec),
    overrides: overridesOf(spec.validationFailureActionOverrides),
    applyOne: spec.applyRules === 'One',
    rules: computeRules(rules, annotations)
  }
}

/** Every Kyverno policy document in a YAML file; syntax errors are user errors with file:line. */
export function readPolicyFile(path: string, display = path): KyvernoPolicy[] {
  return policiesFromText(
    readFileInItsRepository(path, { what: 'The policy file', display }),
    display
  )
}

/** The policies of a policy file's text (`display` names it in problems and findings). */
export function policiesFromText(text: string, display: string): KyvernoPolicy[] {
  const lineCounter = new LineCounter()
  // Bounded (boundary/yaml-limits): a policy nested 10,000 deep is an error, not a stack overflow.
  const docs = parseYamlStream(text, { lineCounter })
  const problems: Problem[] = []
  const policies: KyvernoPolicy[] = []
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0])
      problems.push({
        message: `YAML syntax error: ${error.message.split('\n')[0]}`,
        position: { file: display, line: pos.line, column: pos.col },
        hint: 'Fix the YAML so the policy file parses.'
      })
    }
    if (doc.errors.length > 0) continue
    // A tag outside the core schema means something only to the tool that wrote it (Kyverno's Go
    // reader does not share it): refused at its line, like in manifests.
    const tagged = yamlValueProblems(
      doc,
      text,
      offset => {
        const pos = lineCounter.linePos(offset)
        return { file: display, line: pos.line, column: pos.col }
      },
      'The policy file',
      { kubernetes: true }
    )
    if (tagged.length > 0) {
      problems.push(...tagged)
      continue
    }
    // A literal pattern RE2 cannot compile: the policy's mistake, at its line (boundary/regex).
    const badRegex = regexLiteralProblems(doc, offset => {
      const pos = lineCounter.linePos(offset)
      return { file: display, line: pos.line, column: pos.col }
    })
    if (badRegex.length > 0) {
      problems.push(...badRegex)
      continue
    }
    let value: unknown
    try {
      value = doc.toJS({ maxAliasCount: 1000 })
    } catch (error) {
      const pos = lineCounter.linePos(doc.range[0])
      problems.push({
        message: `The document cannot be read: ${(error as Error).message.toLowerCase()}.`,
        position: { file: display, line: pos.line, column: pos.col },
        hint: 'Write the values out instead of nesting anchors and aliases.'
      })
      continue
    }
    if (!isMap(value)) continue
    const line = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]).line : 1
    const policy = policyFromObject(value, display, line)
    if (policy) policies.push(policy)
  }
  if (problems.length > 0) throw new UserError(problems)
  return policies
}
