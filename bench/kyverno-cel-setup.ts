// What the two CEL benches share: the Kyverno policy library's CEL policies (the ValidatingPolicy
// folders and the `validate.cel` ClusterPolicies of best-practices-cel / pod-security-cel) and its 40
// classic best-practices / pod-security ones, read unchanged from ../shared when present; the 10,000
// generated manifests; parsing alone as the unit; and one timed run of an engine over freshly parsed
// manifests. Each bench file runs in its own process (bench/run.ts), so each case's peak RSS is its own.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseManifestText } from '../shared/src/policy/manifest-documents.js'
import { CelPolicyEngine, loadCelPolicies } from '../shared/src/policy/cel/engine.js'
import type { KyvernoPolicy } from '../shared/src/policy/kyverno/policy.js'
import { readPolicyFile } from '../shared/src/policy/kyverno/policy.js'
import { silentLogger } from '../shared/src/runtime/logger.js'
import type { PolicyEngine } from '../shared/src/policy/engine.js'
import { cpuMs } from './row.js'
import { manifestText } from './kyverno-manifests.js'

const MANIFESTS = Number(process.env.KYVERNO_BENCH_MANIFESTS ?? 10_000)
const here = dirname(fileURLToPath(import.meta.url))
export const library = resolve(here, '../../shared/conformance/kyverno-policies')

function policyFiles(category: string): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.')) continue // .kyverno-test, .chainsaw-test: tests, not policies
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else if (/\.ya?ml$/.test(name) && name !== 'artifacthub-pkg.yml') out.push(path)
    }
  }
  if (existsSync(join(library, category))) walk(join(library, category))
  return out
}

export interface CelBenchSetup {
  readonly celEngine: CelPolicyEngine
  readonly validatingPolicies: number
  readonly clusterCel: readonly KyvernoPolicy[]
  readonly classic: readonly KyvernoPolicy[]
  readonly texts: readonly string[]
}

/** The policies and manifest texts; undefined when the policy library is not there. */
export function celBenchSetup(): CelBenchSetup | undefined {
  const vpolFiles = ['best-practices-vpol', 'pod-security-vpol', 'other-vpol'].flatMap(policyFiles)
  if (vpolFiles.length === 0) return undefined
  const celFiles = ['best-practices-cel', 'pod-security-cel'].flatMap(policyFiles)
  const cel = loadCelPolicies(
    vpolFiles.map(path => ({ path, display: path })),
    path => readFileSync(path, 'utf8')
  )
  const usable = (files: string[]) =>
    files.flatMap(f => readPolicyFile(f)).filter(p => !p.unsupported && !p.exception)
  return {
    celEngine: new CelPolicyEngine(cel.policies, cel.inputs, cel.fixtures),
    validatingPolicies: cel.policies.length,
    clusterCel: usable(celFiles),
    classic: usable([...policyFiles('best-practices'), ...policyFiles('pod-security')]),
    texts: Array.from({ length: MANIFESTS }, (_, i) => manifestText(i))
  }
}

export function parseAll(texts: readonly string[]) {
  return texts.flatMap((text, i) => parseManifestText(text, `m${i}.yaml`).manifests)
}

/** Parsing alone (after a warm-up), the unit of every ratio: wall and CPU ms, manifests parsed. */
export function timeParsing(texts: readonly string[]) {
  parseAll(texts.slice(0, 200))
  const t0 = performance.now()
  const c0 = cpuMs()
  const parsed = parseAll(texts).length // not kept: the evaluation should not pay for its memory
  return { ms: performance.now() - t0, cpu: cpuMs() - c0, parsed }
}

/** Parsing and evaluating every manifest (after a warm-up): wall and CPU ms, findings, failures. */
export async function timeEvaluation(engine: PolicyEngine, texts: readonly string[]) {
  await engine.evaluate(parseAll(texts.slice(0, 200)), { logger: silentLogger })
  const t = performance.now()
  const c = cpuMs()
  const findings = await engine.evaluate(parseAll(texts), { logger: silentLogger })
  const ms = performance.now() - t
  const cpu = cpuMs() - c
  return {
    ms,
    cpu,
    findings: findings.length,
    failures: findings.filter(f => f.result === 'fail').length
  }
}

/**
 * `count` of the items, evenly spaced in the order of their files (then names): the targets
 * are set for 50 policies, and this takes them across the whole library rather than choosing which.
 */
export function evenlySpaced<T extends { readonly file: string; readonly name: string }>(
  items: readonly T[],
  count: number
): T[] {
  const sorted = [...items].sort((a, b) =>
    a.file === b.file ? a.name.localeCompare(b.name) : a.file.localeCompare(b.file)
  )
  if (count >= sorted.length) return sorted
  return Array.from({ length: count }, (_, i) => sorted[Math.floor((i * sorted.length) / count)])
}
