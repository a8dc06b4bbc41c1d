// The validator every CEL policy kind shares, after `k8s.io/apiserver`'s ValidatingAdmissionPolicy
// validator and Kyverno's `vpol/compiler/policy.go`: match conditions (any false → the policy does not
// apply; an error → `error` under failurePolicy Fail, not applying under Ignore), lazily evaluated
// `variables` (each at most once, errors surfacing only where used), then the validations in order —
// the first that is false fails with its `message` / `messageExpression`, the first that errors (or
// yields a non-bool) is an `error` — and audit annotations on the way out.
import { setOwn } from '../../descriptor/own.js'
import type { CelProgram } from './compile.js'
import { CelCompileError, celErrorMessage, compileCel } from './compile.js'
import { celText, isOptional } from './values.js'

type Obj = Record<string, unknown>

export interface CompiledValidation {
  readonly expression: string
  readonly program: CelProgram
  readonly message?: string
  readonly messageExpression?: CelProgram
  readonly reason?: string
  readonly fieldPath?: string
}

export interface CompiledValidator {
  readonly matchConditions: readonly { readonly name: string; readonly program: CelProgram }[]
  readonly variables: readonly { readonly name: string; readonly program: CelProgram }[]
  readonly validations: readonly CompiledValidation[]
  readonly auditAnnotations: readonly { readonly key: string; readonly program: CelProgram }[]
  readonly failurePolicy: 'Fail' | 'Ignore'
  /** Expressions that did not compile: the policy cannot be evaluated at all. */
  readonly compileErrors: readonly string[]
}

export type CelStatus = 'pass' | 'fail' | 'skip' | 'error'

export interface CelOutcome {
  readonly status: CelStatus
  readonly message: string
  /** The failing validation's `fieldPath` (a JSONPath-like `spec.containers[0].image`), if it has one. */
  readonly fieldPath?: string
  readonly reason?: string
  readonly index?: number
  readonly auditAnnotations?: Readonly<Record<string, string>>
}

const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isMap) : [])

export interface ValidatorSource {
  readonly matchConditions?: unknown
  readonly variables?: unknown
  readonly validations?: unknown
  readonly auditAnnotations?: unknown
  readonly failurePolicy?: unknown
}

/** Compiles the CEL parts of a policy once. Compile errors are collected, not thrown. */
export function compileValidator(source: ValidatorSource): CompiledValidator {
  const compileErrors: string[] = []
  const compile = (expression: unknown, where: string): CelProgram | undefined => {
    if (typeof expression !== 'string' || expression.trim() === '') {
      compileErrors.push(`${where}: no expression`)
      return undefined
    }
    try {
      return compileCel(expression)
    } catch (error) {
      compileErrors.push(
        `${where}: ${error instanceof CelCompileError ? error.message : String(error)}`
      )
      return undefined
    }
  }
  const matchConditions = list(source.matchConditions).flatMap((c, i) => {
    const program = compile(c.expression, `matchConditions[${i}]`)
    return program ? [{ name: String(c.name ?? i), program }] : []
  })
  const variables = list(source.variables).flatMap((v, i) => {
    const program = compile(v.expression, `variables[${i}] (${String(v.name ?? '')})`)
    return program ? [{ name: String(v.name ?? ''), program }] : []
  })
  const validations = list(source.validations).flatMap((v, i) => {
    const program = compile(v.expression, `validations[${i}]`)
    if (!program) return []
    const messageExpression =
      typeof v.messageExpression === 'string' && v.messageExpression.trim() !== ''
        ? compile(v.messageExpression, `validations[${i}].messageExpression`)
        : undefined
    return [
      {
        expression: String(v.expression),
        program,
        ...(typeof v.message === 'string' ? { message: v.message } : {}),
        ...(messageExpression ? { messageExpression } : {}),
        ...(typeof v.reason === 'string' ? { reason: v.reason } : {}),
        ...(typeof v.fieldPath === 'string' ? { fieldPath: v.fieldPath } : {})
      }
    ]
  })
  const auditAnnotations = list(source.auditAnnotations).flatMap((a, i) => {
    const program = compile(a.valueExpression, `auditAnnotations[${i}]`)
    return program ? [{ key: String(a.key ?? ''), program }] : []
  })
  return {
    matchConditions,
    variables,
    validations,
    auditAnnotations,
    failurePolicy: source.failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
    compileErrors
  }
}

/** The `variables` of a validator without any (read-only, like every activation value). */
const NO_VARIABLES: Record<string, unknown> = Object.freeze({})

// The state of one run of a validator's `variables` on one activation.
interface LazyState {
  readonly activation: Obj
  readonly variables: CompiledValidator['variables']
  /** By variable: 0 not evaluated, 1 being evaluated (a variable reading itself), 2 value, 3 error. */
  readonly states: number[]
  readonly results: unknown[]
}

function lazyState(variables: CompiledValidator['variables'], activation: Obj): LazyState {
  return {
    activation,
    variables,
    states: new Array<number>(variables.length).fill(0),
    results: new Array<unknown>(variables.length)
  }
}

function variableValue(lazy: LazyState | undefined, index: number): unknown {
  // Only reachable through an activation, which holds the object only while its validator runs.
  if (!lazy) throw new Error('variables are read only while their policy is evaluated')
  const { states, results } = lazy
  if (states[index] === 0) {
    states[index] = 1
    try {
      results[index] = lazy.variables[index].program.evaluate(lazy.activation)
      states[index] = 2
    } catch (error) {
      results[index] = error
      states[index] = 3
    }
  }
  if (states[index] === 1)
    throw new Error(`variable ${lazy.variables[index].name} refers to itself`)
  if (states[index] === 3) throw results[index]
  return results[index]
}

/**
 * The `variables` object of one validator, built once: its getters read the state of the run in
 * progress (`current`). A run sets it and puts the previous one back, so runs may nest.
 */
interface SharedVariables {
  readonly object: Record<string, unknown>
  current: LazyState | undefined
}

const sharedVariables = new WeakMap<CompiledValidator['variables'], SharedVariables | null>()

function sharedVariablesOf(variables: CompiledValidator['variables']): SharedVariables | undefined {
  let shared = sharedVariables.get(variables)
  if (shared === undefined) {
    shared = buildSharedVariables(variables)
    sharedVariables.set(variables, shared)
  }
  return shared ?? undefined
}

function buildSharedVariables(variables: CompiledValidator['variables']): SharedVariables | null {
  const holder: SharedVariables = { object: {}, current: undefined }
  for (let index = 0; index < variables.length; index++) {
    const { name } = variables[index]
    // Two variables of one name: defining the second throws, as it always has (lazyVariablesOnce).
    if (Object.prototype.hasOwnProperty.call(holder.object, name)) return null
    Object.defineProperty(holder.object, name, {
      enumerable: true,
      get() {
        return variableValue(holder.current, index)
      }
    })
  }
  return holder
}

/** A `variables` object of one run, a getter per variable (what a duplicate name needs: the define throws). */
function lazyVariablesOnce(
  variables: CompiledValidator['variables'],
  activation: Obj
): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  const lazy = lazyState(variables, activation)
  variables.forEach(({ name }, index) => {
    Object.defineProperty(out, name, {
      enumerable: true,
      get() {
        return variableValue(lazy, index)
      }
    })
  })
  return out
}

function asBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value
  if (isOptional(value) && value.hasValue() && typeof value.value() === 'boolean')
    return value.value() as boolean
  return undefined
}

export interface RunOptions {
  /**
   * What an evaluation error (or a non-bool result, or a failing match condition) decides. Kubernetes'
   * validator, which Kyverno runs for ClusterPolicy `validate.cel`, denies under failurePolicy Fail, so
   * the rule *fails*; Kyverno's ValidatingPolicy engine reports an *error*.
   */
  readonly errorStatus?: 'fail' | 'error'
  /** The message when a validation has neither message nor messageExpression. */
  readonly defaultMessage?: (validation: CompiledValidation, index: number) => string
}

/** Match conditions only: true (apply), false (skip) or an error message. */
export function evaluateMatchConditions(
  validator: CompiledValidator,
  activation: Obj
): true | false | { error: string } {
  const errors: string[] = []
  for (const { name, program } of validator.matchConditions) {
    try {
      const result = asBool(program.evaluate(activation))
      if (result === undefined)
        errors.push(`matchCondition ${name}: the expression did not return a bool`)
      else if (!result) return false
    } catch (error) {
      errors.push(`matchCondition ${name}: ${celErrorMessage(error)}`)
    }
  }
  if (errors.length === 0) return true
  return validator.failurePolicy === 'Ignore' ? false : { error: errors.join('; ') }
}

/** Runs a compiled validator on one activation (object, oldObject, request, params, namespaceObject, ...). */
export function runValidator(
  validator: CompiledValidator,
  base: Obj,
  options: RunOptions = {}
): CelOutcome {
  const errorStatus = options.errorStatus ?? 'error'
  if (validator.compileErrors.length > 0)
    return {
      status: 'error',
      message: `the policy does not compile: ${validator.compileErrors.join('; ')}`
    }
  // `base` is not copied (it is the activation of a resource, shared by every policy on it): it holds
  // this validator's `variables` while it runs, and gets its own back afterwards. CEL cannot tell an
  // undefined variable from an absent one.
  // `variables.<name>` is evaluated on first use, once per run; an error is raised again at every use.
  const activation = base
  const previous = activation.variables
  const variables = validator.variables
  const shared = variables.length === 0 ? undefined : sharedVariablesOf(variables)
  const outer = shared?.current
  if (shared) {
    shared.current = lazyState(variables, activation)
    activation.variables = shared.object
  } else
    activation.variables =
      variables.length === 0 ? NO_VARIABLES : lazyVariablesOnce(variables, activation)
  try {
    return runValidations(validator, activation, options, errorStatus)
  } finally {
    activation.variables = previous
    if (shared) shared.current = outer
  }
}

function runValidations(
  validator: CompiledValidator,
  activation: Obj,
  options: RunOptions,
  errorStatus: 'fail' | 'error'
): CelOutcome {
  const matched = evaluateMatchConditions(validator, activation)
  if (matched === false) return { status: 'skip', message: 'match conditions not met' }
  if (matched !== true) return { status: errorStatus, message: matched.error }
  for (let index = 0; index < validator.validations.length; index++) {
    const validation = validator.validations[index]
    let result: boolean | undefined
    try {
      result = asBool(validation.program.evaluate(activation))
    } catch (error) {
      // Under failurePolicy Ignore the API server admits, but the decision records an evaluation
      // error, which Kyverno reports as `error` (pkg/admissionpolicy/validate.go, validate_cel.go).
      return {
        status: validator.failurePolicy === 'Ignore' ? 'error' : errorStatus,
        message: `validation ${index} (${validation.expression.trim()}): ${celErrorMessage(error)}`,
        index
      }
    }
    if (result === undefined)
      return {
        status: validator.failurePolicy === 'Ignore' ? 'error' : errorStatus,
        message: `validation ${index} (${validation.expression.trim()}) did not return a bool`,
        index
      }
    if (result) continue
    return {
      status: 'fail',
      message: failureMessage(validation, index, activation, options),
      index,
      ...(validation.fieldPath ? { fieldPath: validation.fieldPath } : {}),
      ...(validation.reason ? { reason: validation.reason } : {}),
      auditAnnotations: auditAnnotations(validator, activation)
    }
  }
  return { status: 'pass', message: '', auditAnnotations: auditAnnotations(validator, activation) }
}

function failureMessage(
  validation: CompiledValidation,
  index: number,
  activation: Obj,
  options: RunOptions
): string {
  if (validation.messageExpression) {
    try {
      const value = validation.messageExpression.evaluate(activation)
      if (typeof value === 'string' && value.trim() !== '' && !value.includes('\n')) return value
    } catch {
      // Kubernetes falls back to the static message when messageExpression fails.
    }
  }
  if (validation.message && validation.message.trim() !== '') return validation.message.trim()
  return (
    options.defaultMessage?.(validation, index) ??
    `failed expression: ${validation.expression.trim()}`
  )
}

/** The audit annotations of a validator without any (read-only, shared by every outcome). */
const NO_ANNOTATIONS: Record<string, string> = Object.freeze({})

function auditAnnotations(validator: CompiledValidator, activation: Obj): Record<string, string> {
  if (validator.auditAnnotations.length === 0) return NO_ANNOTATIONS
  const out: Record<string, string> = {}
  for (const { key, program } of validator.auditAnnotations) {
    try {
      const value = program.evaluate(activation)
      if (value !== null && value !== undefined && celText(value) !== '')
        setOwn(out, key, celText(value))
    } catch {
      // An audit annotation that fails to evaluate is left out (it never changes the decision).
    }
  }
  return out
}
