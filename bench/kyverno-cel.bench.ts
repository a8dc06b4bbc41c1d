// 10,000 generated manifests against the Kyverno policy library's CEL policies (the ValidatingPolicy
// folders and the `validate.cel` ClusterPolicies of best-practices-cel / pod-security-cel), read
// unchanged from ../shared when present. Reports parsing alone, parsing + the CEL policies, parsing +
// CEL and classic policies together, and the ratios to parsing (wall clock; CPU time in the notes);
// figures are never asserted.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseManifestText } from '../shared/src/policy/manifests.js'
import {
  CelPolicyEngine,
  combineEngines,
  loadCelPolicies
} from '../shared/src/policy/cel/engine.js'
import { KyvernoEngine } from '../shared/src/policy/kyverno/index.js'
import { readPolicyFile } from '../shared/src/policy/kyverno/policy.js'
import { silentLogger } from '../shared/src/runtime/logger.js'
import type { PolicyEngine } from '../shared/src/policy/engine.js'
import { cpuMs, peakRssMiB, type BenchRow } from './row.js'
import { manifestText } from './kyverno-manifests.js'

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

async function timed(engine: PolicyEngine, texts: readonly string[]) {
  await engine.evaluate(parseAll(texts.slice(0, 200)), { logger: silentLogger })
  const t = performance.now()
  const c = cpuMs()
  const findings = await engine.evaluate(parseAll(texts), { logger: silentLogger })
  const ms = performance.now() - t
  const cpu = cpuMs() - c
  // Counts only: the next run should not pay for keeping this one's findings alive.
  return {
    ms,
    cpu,
    findings: findings.length,
    failures: findings.filter(f => f.result === 'fail').length
  }
}

export default async function bench(): Promise<BenchRow[]> {
  const vpolFiles = ['best-practices-vpol', 'pod-security-vpol', 'other-vpol'].flatMap(policyFiles)
  const celFiles = ['best-practices-cel', 'pod-security-cel'].flatMap(policyFiles)
  if (vpolFiles.length === 0)
    return [
      {
        benchmark: 'kyverno-cel',
        case: 'policy library',
        value: 0,
        unit: 'skipped',
        notes: `${library} not present`
      }
    ]
  const read = (path: string) => readFileSync(path, 'utf8')
  const cel = loadCelPolicies(
    vpolFiles.map(path => ({ path, display: path })),
    read
  )
  const celEngine = new CelPolicyEngine(cel.policies, cel.inputs, cel.fixtures)
  const clusterCel = celFiles
    .flatMap(f => readPolicyFile(f))
    .filter(p => !p.unsupported && !p.exception)
  const classic = [...policyFiles('best-practices'), ...policyFiles('pod-security')]
    .flatMap(f => readPolicyFile(f))
    .filter(p => !p.unsupported && !p.exception)
  const texts = Array.from({ length: MANIFESTS }, (_, i) => manifestText(i))

  parseAll(texts.slice(0, 200))
  const t0 = performance.now()
  const c0 = cpuMs()
  const parsed = parseAll(texts).length
  const parseMs = performance.now() - t0
  const parseCpu = cpuMs() - c0

  const celOnly = await timed(
    combineEngines('cel', [celEngine, new KyvernoEngine(clusterCel)]),
    texts
  )
  const both = await timed(
    combineEngines('all', [celEngine, new KyvernoEngine([...clusterCel, ...classic])]),
    texts
  )
  const celPolicies = cel.policies.length + clusterCel.length
  return [
    {
      benchmark: 'kyverno-cel',
      case: `parse only (${parsed} manifests)`,
      value: (parsed / parseMs) * 1000,
      unit: 'manifests/s'
    },
    {
      benchmark: 'kyverno-cel',
      case: `parse + ${celPolicies} CEL policies (${cel.policies.length} ValidatingPolicy, ${clusterCel.length} validate.cel)`,
      value: celOnly.ms / parseMs,
      unit: '× parsing',
      notes: `CPU time ${(celOnly.cpu / parseCpu).toFixed(2)}× parsing; ${celOnly.findings} findings, ${celOnly.failures} failures`
    },
    {
      benchmark: 'kyverno-cel',
      case: `parse + ${celPolicies} CEL and ${classic.length} classic policies`,
      value: both.ms / parseMs,
      unit: '× parsing',
      notes: `CPU time ${(both.cpu / parseCpu).toFixed(2)}× parsing; ${both.findings} findings; peak RSS ${peakRssMiB().toFixed(0)} MiB`
    }
  ]
}
