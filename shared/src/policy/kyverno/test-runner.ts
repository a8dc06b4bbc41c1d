// `idp policy test`: runs every `kyverno-test.yaml` below a folder the way `kyverno test` does and
// compares each expected (policy, rule, resource, result) with the engine's answer. Unlike the Kyverno
// CLI, a missing rule response only agrees with an expected `skip`, and what the engine cannot
// evaluate (CEL rules, mutate/generate, other policy kinds) is counted as skipped, never as agreement.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import type { Logger } from '../../runtime/logger.js'
import type { CelTestInputs } from '../cel/test-support.js'
import { reported } from './scored.js'
import { celPolicyNamed, celResponder, loadCelTestInputs } from '../cel/test-support.js'
import type { ResourceRequest, RuleResponse } from './engine.js'
import { applyPolicy } from './engine.js'
import { isMap } from './json.js'
import type { PolicyException } from './exceptions.js'
import type { KyvernoPolicy } from './policy.js'
import { readPolicyFile } from './policy.js'
import type {
  ExpectedResult,
  LoadedResource,
  TestFile,
  UserInfoFile,
  ValuesFile
} from './test-files.js'
import {
  namedFiles,
  readResources,
  readTestFile,
  readUserInfoFile,
  readValuesFile,
  valuesFromObject
} from './test-files.js'

type Obj = Record<string, unknown>

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

/** Every kyverno-test.yaml under a folder (or the file itself), sorted. */
export function findTestFiles(root: string): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else if (entry.name === 'kyverno-test.yaml' || entry.name === 'kyverno-test.yml')
        out.push(path)
    }
  }
  if (statSync(root).isDirectory()) walk(root)
  else out.push(root)
  return out.sort()
}

function resourceName(r: LoadedResource): string {
  const meta = isMap(r.object.metadata) ? r.object.metadata : {}
  return String(meta.name ?? '')
}

/** A resource of a `subresources:` kind is a request for that subresource of its parent. */
function subresourceOf(
  resource: LoadedResource,
  values: ValuesFile | undefined
): Pick<ResourceRequest, 'subresource' | 'subResource' | 'parent'> {
  const apiVersion = String(resource.object.apiVersion ?? '')
  const entry = values?.subresources.find(
    s =>
      s.subresource.kind === resource.object.kind &&
      (s.subresource.group
        ? `${s.subresource.group}/${s.subresource.version}`
        : s.subresource.version) === apiVersion
  )
  if (!entry) return {}
  const name = entry.subresource.name.split('/').slice(1).join('/')
  const parent = {
    group: entry.parent.group,
    version: entry.parent.version,
    kind: entry.parent.kind
  }
  return {
    subresource: { parent, name },
    subResource: name,
    parent: { ...parent, plural: entry.parent.name }
  }
}

function identityOf(r: LoadedResource): string {
  return `${String(r.object.kind)}|${resourceNamespace(r)}|${resourceName(r)}`
}

function resourceNamespace(r: LoadedResource): string {
  const meta = isMap(r.object.metadata) ? r.object.metadata : {}
  return String(meta.namespace ?? '')
}

function requestFor(
  resource: LoadedResource,
  values: ValuesFile | undefined,
  user: UserInfoFile | undefined,
  exceptions: readonly PolicyException[],
  operation?: string,
  cel?: CelTestInputs,
  oldObject?: Obj
): ResourceRequest {
  const name = resourceName(resource)
  const merged: Obj = { ...(values?.globalValues ?? {}) }
  for (const p of values?.policies ?? [])
    for (const r of p.resources) if (r.name === name) Object.assign(merged, r.values)
  const op =
    operation ??
    (typeof merged['request.operation'] === 'string'
      ? (merged['request.operation'] as string)
      : 'CREATE')
  return {
    operation: op,
    values: merged,
    namespaceLabels: values?.namespaceLabels,
    exceptions,
    ...(user ? { userInfo: user } : {}),
    ...(cel ? { celFixtures: cel.fixtures, paramResources: cel.paramResources } : {}),
    ...(oldObject && op === 'UPDATE' ? { oldObject } : {}),
    ...subresourceOf(resource, values),
    ruleValues: (policy, rule) => {
      const p = values?.policies.find(x => x.name === policy)
      const r = p?.rules.find(x => x.name === rule)
      return r ? { values: r.values, foreachValues: r.foreachValues } : undefined
    }
  }
}

function policyMatches(policy: KyvernoPolicy, ref: string): boolean {
  const slash = ref.indexOf('/')
  if (slash < 0) return policy.name === ref
  return policy.name === ref.slice(slash + 1) && (policy.namespace ?? '') === ref.slice(0, slash)
}

/** Runs one test file and compares every expected result. */
export function runTestFile(file: string, base: string, logger: Logger): Comparison[] {
  const test: TestFile = readTestFile(file)
  const shown = relative(base, file) || file
  const documents = namedFiles(test, test.policies, 'policy').flatMap(p =>
    readPolicyFile(p, relative(base, p) || p)
  )
  const exceptionDocs = namedFiles(test, test.exceptions, 'exception').flatMap(p =>
    readPolicyFile(p)
  )
  const exceptions = [...documents, ...exceptionDocs].flatMap(d =>
    d.exception ? [d.exception] : []
  )
  const policies = documents.filter(d => !d.exception)
  const resources = readResources(test, test.resources)
  const values = test.inlineValues
    ? valuesFromObject(test.inlineValues)
    : test.variables
      ? readValuesFile(namedFiles(test, [test.variables], 'values')[0])
      : undefined
  // The previous state of a resource (`oldResources:`) is the oldObject of an UPDATE.
  const oldByKey = new Map(
    readResources(test, test.oldResources).map(r => [identityOf(r), r.object] as const)
  )
  const cel = loadCelTestInputs(
    test,
    namedFiles(test, test.policies, 'policy'),
    p => relative(base, p) || p,
    values?.namespaces
  )
  const user = test.userinfo
    ? readUserInfoFile(namedFiles(test, [test.userinfo], 'userinfo')[0])
    : undefined
  const cache = new Map<string, RuleResponse[]>()
  const responses = (
    policy: KyvernoPolicy,
    resource: LoadedResource,
    index: number,
    operation?: string
  ): RuleResponse[] => {
    const key = `${policies.indexOf(policy)}|${index}|${operation ?? ''}`
    let out = cache.get(key)
    if (!out) {
      out = applyPolicy(
        policy,
        resource.object,
        requestFor(
          resource,
          values,
          user,
          exceptions,
          operation,
          cel,
          oldByKey.get(identityOf(resource))
        )
      )
      cache.set(key, out)
    }
    return out
  }
  const celResponses = celResponder(cel)
  const ruleless = (
    policy: string,
    resource: LoadedResource,
    index: number,
    operation?: string
  ) => {
    const celPolicy = celPolicyNamed(cel.policies, policy)
    if (!celPolicy) return undefined
    if (celPolicy.unsupported) return 'unsupported' as const
    return celResponses(
      celPolicy,
      resource,
      index,
      requestFor(
        resource,
        values,
        user,
        exceptions,
        operation,
        undefined,
        oldByKey.get(identityOf(resource))
      )
    )
  }
  logger.debug(`${shown}: ${policies.length} policies, ${resources.length} resources`)
  const comparisons: Comparison[] = []
  for (const expected of test.results) {
    for (const name of expected.resources.length > 0 ? expected.resources : ['']) {
      const celComparison = compareCel(expected, name, shown, cel, resources, ruleless)
      comparisons.push(
        celComparison ?? compareOne(expected, name, shown, policies, resources, responses)
      )
    }
  }
  return comparisons
}

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
function compareCel(
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
  const base = {
    testFile,
    line: expected.line,
    policy: expected.policy,
    rule: expected.rule ?? '',
    resource: name,
    kind: expected.kind ?? '',
    expected: expected.result
  }
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
  if (found.length === 0) {
    const agrees = expected.result === 'skip'
    return {
      ...base,
      actual: 'no response',
      verdict: agrees ? 'pass' : 'fail',
      reason: agrees
        ? ''
        : 'the policy produced no response (matchConstraints did not select the resource)'
    }
  }
  const annotations = celPolicyNamed(cel.policies, expected.policy)?.annotations ?? {}
  const statuses = [...new Set(found.map(r => reported(annotations, r.status)))]
  const actual = statuses.join(',')
  if (statuses.length === 1 && statuses[0] === expected.result)
    return { ...base, actual, verdict: 'pass', reason: '' }
  const odd = found.find(r => r.status !== expected.result)
  return { ...base, actual, verdict: 'fail', reason: odd?.message ?? '' }
}

function compareOne(
  expected: ExpectedResult,
  name: string,
  testFile: string,
  policies: readonly KyvernoPolicy[],
  resources: readonly LoadedResource[],
  responsesOf: (p: KyvernoPolicy, r: LoadedResource, i: number, op?: string) => RuleResponse[]
): Comparison {
  const base = {
    testFile,
    line: expected.line,
    policy: expected.policy,
    rule: expected.rule ?? '',
    resource: name,
    kind: expected.kind ?? '',
    expected: expected.result
  }
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
  let targets = resources
    .map((r, i) => ({ r, i }))
    .filter(
      ({ r }) =>
        name === '' ||
        resourceName(r) === name ||
        `${resourceNamespace(r)}/${resourceName(r)}` === name
    )
  if (targets.length === 0) targets = resources.map((r, i) => ({ r, i }))
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
    const agrees = expected.result === 'skip'
    if (!agrees && rule && !policy.rules.some(r => r.baseName === rule || r.rule.name === rule))
      return {
        ...base,
        actual: 'no response',
        verdict: 'fail',
        reason: `policy ${policy.name} has no rule named '${rule}' (kyverno test counts this as passed)`
      }
    return {
      ...base,
      actual: 'no response',
      verdict: agrees ? 'pass' : 'fail',
      reason: agrees
        ? ''
        : 'the rule produced no response (match/exclude missed or nothing to check); kyverno test tolerates this'
    }
  }
  const statuses = [...new Set(found.map(r => reported(policy.annotations, r.status)))]
  const actual = statuses.join(',')
  if (statuses.length === 1 && statuses[0] === expected.result)
    return { ...base, actual, verdict: 'pass', reason: '' }
  const odd = found.find(r => r.status !== expected.result)
  return { ...base, actual, verdict: 'fail', reason: odd?.message ?? '' }
}

export interface TestRunSummary {
  readonly comparisons: Comparison[]
  readonly passed: number
  readonly failed: number
  readonly skipped: number
  readonly files: number
}

/** Runs every test below a folder. A test that cannot be read becomes one failed comparison. */
/** A test file that could not be loaded counts as one disagreement, with the reason. */
export function unloadableTest(testFile: string, error: unknown): Comparison {
  return {
    testFile,
    line: 1,
    policy: '',
    rule: '',
    resource: '',
    kind: '',
    expected: '',
    actual: 'error',
    verdict: 'fail',
    reason: (error as Error).message
  }
}

export function runTests(folder: string, logger: Logger): TestRunSummary {
  const root = resolve(folder)
  if (!existsSync(root)) throw new Error(`no such folder: ${folder}`)
  const files = findTestFiles(root)
  const comparisons: Comparison[] = []
  for (const file of files) {
    try {
      comparisons.push(...runTestFile(file, root, logger))
    } catch (error) {
      comparisons.push(unloadableTest(relative(root, file) || file, error))
    }
  }
  return {
    comparisons,
    passed: comparisons.filter(c => c.verdict === 'pass').length,
    failed: comparisons.filter(c => c.verdict === 'fail').length,
    skipped: comparisons.filter(c => c.verdict === 'skipped').length,
    files: files.length
  }
}
