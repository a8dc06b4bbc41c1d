// The targets at the size it sets them for: 10,000 manifests against 50 CEL policies
// (kyverno-target-cel.bench.ts), and against 50 policies of both kinds (kyverno-target-mixed.bench.ts),
// each set evenly spaced across the library (by file path) rather than chosen — kyverno-cel.bench.ts
// and kyverno-mixed.bench.ts give the whole library (132 CEL, 40 classic). Each case runs in a process
// of its own (a case run after another pays for the heap the first left). Parsing alone is the unit,
// as there; CPU time and the process's peak RSS in the notes. Figures are never asserted.
import { CelPolicyEngine, combineEngines } from '../shared/src/policy/cel/engine.js'
import type { CelPolicy } from '../shared/src/policy/cel/policies.js'
import { KyvernoEngine } from '../shared/src/policy/kyverno/index.js'
import type { KyvernoPolicy } from '../shared/src/policy/kyverno/policy.js'
import type { PolicyEngine } from '../shared/src/policy/engine.js'
import type { CelBenchSetup } from './kyverno-cel-setup.js'
import {
  celBenchSetup,
  evenlySpaced,
  library,
  timeEvaluation,
  timeParsing
} from './kyverno-cel-setup.js'
import { peakRssMiB, type BenchRow } from './row.js'

const TARGET_POLICIES = 50

type Sampled = { kind: 'cel'; policy: CelPolicy } | { kind: 'classic'; policy: KyvernoPolicy }

/** The engines for a sample: ValidatingPolicies in the CEL engine, ClusterPolicies in Kyverno's. */
function enginesOf(setup: CelBenchSetup, sample: readonly Sampled[]): PolicyEngine {
  const cel = sample.flatMap(s => (s.kind === 'cel' ? [s.policy] : []))
  const kyverno = sample.flatMap(s => (s.kind === 'classic' ? [s.policy] : []))
  const { inputs, fixtures } = setup.celEngine
  return combineEngines('sample', [
    new CelPolicyEngine(cel, inputs, fixtures),
    new KyvernoEngine(kyverno)
  ])
}

function entries(setup: CelBenchSetup, withClassic: boolean) {
  const celPolicies: Sampled[] = setup.celEngine.policies.map(policy => ({ kind: 'cel', policy }))
  const clusterPolicies = withClassic ? [...setup.clusterCel, ...setup.classic] : setup.clusterCel
  const kyverno: Sampled[] = clusterPolicies.map(policy => ({ kind: 'classic', policy }))
  return [...celPolicies, ...kyverno].map(s => ({ file: s.policy.file, name: s.policy.name, s }))
}

/** The row of one target case: 50 CEL policies, or 50 policies of both kinds. */
export async function targetBench(withClassic: boolean): Promise<BenchRow[]> {
  const setup = celBenchSetup()
  if (!setup)
    return [
      {
        benchmark: 'kyverno-cel',
        case: `${TARGET_POLICIES} policies${withClassic ? ' (with classic)' : ''}`,
        value: 0,
        unit: 'skipped',
        notes: `${library} not present`
      }
    ]
  const sample = evenlySpaced(entries(setup, withClassic), TARGET_POLICIES).map(e => e.s)
  const classic = sample.filter(
    s => s.kind === 'classic' && !setup.clusterCel.includes(s.policy)
  ).length
  const parse = timeParsing(setup.texts)
  const run = await timeEvaluation(enginesOf(setup, sample), setup.texts)
  return [
    {
      benchmark: 'kyverno-cel',
      case: withClassic
        ? `parse + ${TARGET_POLICIES} policies evenly spaced in the library: ${sample.length - classic} CEL, ${classic} classic`
        : `parse + ${TARGET_POLICIES} CEL policies evenly spaced in the library's ${setup.celEngine.policies.length + setup.clusterCel.length}`,
      value: run.ms / parse.ms,
      unit: '× parsing',
      notes: `CPU time ${(run.cpu / parse.cpu).toFixed(2)}× parsing; ${run.findings} findings, ${run.failures} failures; peak RSS ${peakRssMiB().toFixed(0)} MiB (targets ≤ 2×, ≤ 400 MiB)`
    }
  ]
}
