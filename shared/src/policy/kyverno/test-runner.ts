// `idp policy test`: runs every `kyverno-test.yaml` below a folder the way `kyverno test` does and
// compares each expected (policy, rule, resource, result) with the engine's answer. Unlike the Kyverno
// CLI, a missing rule response only agrees with an expected `skip`, and what the engine cannot
// evaluate (CEL rules, mutate/generate, other policy kinds) is counted as skipped, never as agreement.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import type { Logger } from '../../runtime/logger.js'
import { celPolicyNamed, celResponder, loadCelTestInputs } from '../cel/test-support.js'
import type { RuleResponse } from './engine.js'
import { applyPolicy } from './engine.js'
import type { KyvernoPolicy } from './policy.js'
import { readPolicyFile } from './policy.js'
import { compareCel, compareOne, type Comparison } from './test-compare.js'
import type { LoadedResource, TestFile } from './test-files.js'
import {
  namedFiles,
  readResources,
  readTestFile,
  readUserInfoFile,
  readValuesFile,
  valuesFromObject
} from './test-files.js'
import { identityOf, requestFor } from './test-request.js'

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

export interface TestRunSummary {
  readonly comparisons: Comparison[]
  readonly passed: number
  readonly failed: number
  readonly skipped: number
  readonly files: number
}

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

/** Runs every test below a folder. A test that cannot be read becomes one failed comparison. */
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
