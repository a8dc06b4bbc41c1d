// 10,000 generated manifests (Pods, Deployments, CronJobs, Services) against the Kyverno policy
// library's best-practices and pod-security policies, read unchanged from ../shared when present.
// Reports manifests per second for parsing alone and for parsing + evaluation, and their ratio.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseManifestText } from '../shared/src/policy/manifest-documents.js'
import { KyvernoEngine } from '../shared/src/policy/kyverno/index.js'
import type { KyvernoPolicy } from '../shared/src/policy/kyverno/policy.js'
import { readPolicyFile } from '../shared/src/policy/kyverno/policy.js'
import { silentLogger } from '../shared/src/runtime/logger.js'
import { manifestText } from './kyverno-manifests.js'
import { cpuMs, peakRssMiB, type BenchRow } from './row.js'

const MANIFESTS = Number(process.env.KYVERNO_BENCH_MANIFESTS ?? 10_000)
const here = dirname(fileURLToPath(import.meta.url))
const library = resolve(here, '../../shared/conformance/kyverno-policies')

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

function parseAll(texts: readonly string[]) {
  return texts.flatMap((text, i) => parseManifestText(text, `m${i}.yaml`).manifests)
}

export default async function bench(): Promise<BenchRow[]> {
  const files = [...policyFiles('best-practices'), ...policyFiles('pod-security')]
  if (files.length === 0) {
    return [
      {
        benchmark: 'kyverno',
        case: 'policy library',
        value: 0,
        unit: 'skipped',
        notes: `${library} not present`
      }
    ]
  }
  const policies: KyvernoPolicy[] = files
    .flatMap(f => readPolicyFile(f))
    .filter(p => !p.unsupported)
  const rules = policies.reduce((n, p) => n + p.rules.length, 0)
  const engine = new KyvernoEngine(policies)
  const texts = Array.from({ length: MANIFESTS }, (_, i) => manifestText(i))

  parseAll(texts.slice(0, 200)) // warm up
  const t0 = performance.now()
  const c0 = cpuMs()
  const parsedCount = parseAll(texts).length // not kept: the next phase should not pay for its memory
  const parseMs = performance.now() - t0
  const parseCpu = cpuMs() - c0

  await engine.evaluate(parseAll(texts.slice(0, 200)), { logger: silentLogger })
  const t1 = performance.now()
  const c1 = cpuMs()
  const manifests = parseAll(texts)
  const findings = await engine.evaluate(manifests, { logger: silentLogger })
  const totalMs = performance.now() - t1
  const totalCpu = cpuMs() - c1
  const failures = findings.filter(f => f.result === 'fail').length

  return [
    {
      benchmark: 'kyverno',
      case: `parse only (${parsedCount} manifests)`,
      value: (parsedCount / parseMs) * 1000,
      unit: 'manifests/s'
    },
    {
      benchmark: 'kyverno',
      case: `parse + ${policies.length} best-practices/pod-security policies`,
      value: (manifests.length / totalMs) * 1000,
      unit: 'manifests/s',
      notes: `${rules} rules with autogen; ${findings.length} findings, ${failures} failures; peak RSS ${peakRssMiB().toFixed(0)} MiB`
    },
    {
      benchmark: 'kyverno',
      case: 'time relative to parsing alone',
      value: totalMs / parseMs,
      unit: '×',
      notes: `CPU time ${(totalCpu / parseCpu).toFixed(2)}×`
    }
  ]
}
