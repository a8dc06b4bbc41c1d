// CRD `x-kubernetes-validations` rules, failing closed as the API server does: a rule that does not
// compile makes the API server refuse the CRD, so here it is a finding on the CRD file and every object of
// the kind fails (nothing about them can be proven); a rule whose evaluation errors or does not give a
// bool rejects the object. Rules run in idp's CEL environment (`policy/cel/compile.ts`: the Kubernetes
// libraries, `matches` on RE2), with `self` as Kubernetes decodes it (whole numbers are `int`).
import { celEnvironment, celErrorMessage, compileCel, CelCompileError } from '../cel/compile.js'
import type { CelProgram } from '../cel/compile.js'
import { toCel } from '../cel/values.js'
import { regExpSyntaxProblem } from '../../boundary/regex.js'
import { regexLiterals } from '../kyverno/regex.js'
import { isObject } from '../manifest-documents.js'
import { joinPointer } from '../manifest-positions.js'

export interface CrdRule {
  readonly rule: string
  readonly message?: string
  readonly fieldPath?: string
}

/** A rule entry that cannot be used: where in the definition (pointer) and why. */
export interface CrdRuleProblem {
  readonly pointer: string
  readonly message: string
}

/** Transition rules compare with the stored object; a manifest is a create, where they do not run. */
const isTransitionRule = (rule: string): boolean => /\boldSelf\b/.test(rule)

/**
 * The rules of one `x-kubernetes-validations` value that apply to a create. Throws, naming the entry,
 * when an entry is no mapping with a `rule` string (the API server refuses such a CRD).
 */
export function crdRulesOf(value: unknown): CrdRule[] {
  if (value === undefined) return []
  const problem = entryProblem(value)
  if (problem) throw new Error(problem.message)
  return (value as CrdRule[]).filter(r => !isTransitionRule(r.rule))
}

function entryProblem(value: unknown): { index: number; message: string } | undefined {
  if (!Array.isArray(value))
    return { index: -1, message: 'x-kubernetes-validations must be a list of rules' }
  const optionalText = (v: unknown) => v === undefined || typeof v === 'string'
  const index = value.findIndex(
    r =>
      !isObject(r) ||
      typeof r.rule !== 'string' ||
      !optionalText(r.message) ||
      !optionalText(r.fieldPath)
  )
  if (index < 0) return undefined
  return {
    index,
    message: `x-kubernetes-validations entry ${index} has no \`rule\` string (or a \`message\` or \`fieldPath\` that is no string)`
  }
}

/** Compiles (and type-checks) one rule; throws an Error whose message names the rule. */
export function compileCrdRule(rule: string): CelProgram {
  try {
    const program = compileCel(rule)
    // cel-js finds unknown functions and overloads only when checked (or, later, when evaluated).
    const checked = celEnvironment().check(rule)
    if (!checked.valid) throw new CelCompileError(rule, celErrorMessage(checked.error))
    if (checked.type !== 'bool' && checked.type !== 'dyn')
      throw new CelCompileError(rule, `it gives ${checked.type}, not a bool`)
    // The API server compiles literal patterns with the rule: one RE2 cannot take fails here too.
    for (const pattern of regexLiterals(rule)) {
      const invalid = regExpSyntaxProblem(pattern)
      if (invalid)
        throw new CelCompileError(rule, `its pattern '${pattern}' is not RE2 (${invalid})`)
    }
    return program
  } catch (error) {
    const reason = error instanceof CelCompileError ? error.message : celErrorMessage(error)
    throw new Error(`the x-kubernetes-validations rule \`${rule}\` does not compile: ${reason}`)
  }
}

/** Every rule entry in a CRD or XRD (any depth) that is malformed or does not compile. */
export function crdRuleProblems(definition: unknown): CrdRuleProblem[] {
  const problems: CrdRuleProblem[] = []
  const visit = (node: unknown, path: string[]): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, [...path, String(i)]))
      return
    }
    if (!isObject(node)) return
    for (const [key, value] of Object.entries(node)) {
      if (key !== 'x-kubernetes-validations') {
        visit(value, [...path, key])
        continue
      }
      const at = [...path, key]
      const malformed = entryProblem(value)
      if (malformed) {
        problems.push({
          pointer: joinPointer(malformed.index < 0 ? at : [...at, String(malformed.index)]),
          message: `${malformed.message}; the API server refuses this definition.`
        })
        continue
      }
      ;(value as CrdRule[]).forEach((entry, i) => {
        if (isTransitionRule(entry.rule)) return
        try {
          compileCrdRule(entry.rule)
        } catch (error) {
          problems.push({
            pointer: joinPointer([...at, String(i), 'rule']),
            message: `${(error as Error).message}; the API server refuses this definition, and no object of its kinds can be checked. Fix or remove the rule.`
          })
        }
      })
    }
  }
  visit(definition, [])
  return problems
}

export type CrdRuleOutcome = { holds: true } | { holds: false } | { error: string }

/** Runs a compiled rule on the value at its schema node. */
export function runCrdRule(program: CelProgram, value: unknown): CrdRuleOutcome {
  let result: unknown
  try {
    result = program.evaluate({ self: toCel(value) })
  } catch (error) {
    return { error: celErrorMessage(error) }
  }
  if (typeof result === 'boolean') return { holds: result } as CrdRuleOutcome
  return { error: `it gave ${celTypeName(result)}, not a bool` }
}

function celTypeName(value: unknown): string {
  if (typeof value === 'bigint') return 'int'
  if (typeof value === 'number') return 'double'
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'list'
  if (typeof value === 'object') return 'map'
  return typeof value
}
