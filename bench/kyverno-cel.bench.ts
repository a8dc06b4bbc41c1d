// 10,000 generated manifests against the Kyverno policy library's 132 CEL policies (100
// ValidatingPolicies, 32 `validate.cel` ClusterPolicies; see kyverno-cel-setup.ts): parsing alone and
// parsing + evaluating, as a ratio to parsing (wall clock; CPU time in the notes), with this process's
// peak RSS. kyverno-mixed.bench.ts adds the 40 classic policies in a process of its own. Figures
// are never asserted.
import { combineEngines } from '../shared/src/policy/cel/engine.js'
import { KyvernoEngine } from '../shared/src/policy/kyverno/index.js'
import { celBenchSetup, library, timeEvaluation, timeParsing } from './kyverno-cel-setup.js'
import { peakRssMiB, type BenchRow } from './row.js'

export default async function bench(): Promise<BenchRow[]> {
  const setup = celBenchSetup()
  if (!setup)
    return [
      {
        benchmark: 'kyverno-cel',
        case: 'policy library',
        value: 0,
        unit: 'skipped',
        notes: `${library} not present`
      }
    ]
  const parse = timeParsing(setup.texts)
  const run = await timeEvaluation(
    combineEngines('cel', [setup.celEngine, new KyvernoEngine(setup.clusterCel)]),
    setup.texts
  )
  const celPolicies = setup.validatingPolicies + setup.clusterCel.length
  return [
    {
      benchmark: 'kyverno-cel',
      case: `parse only (${parse.parsed} manifests)`,
      value: (parse.parsed / parse.ms) * 1000,
      unit: 'manifests/s'
    },
    {
      benchmark: 'kyverno-cel',
      case: `parse + ${celPolicies} CEL policies (${setup.validatingPolicies} ValidatingPolicy, ${setup.clusterCel.length} validate.cel)`,
      value: run.ms / parse.ms,
      unit: '× parsing',
      notes: `CPU time ${(run.cpu / parse.cpu).toFixed(2)}× parsing; ${run.findings} findings, ${run.failures} failures; peak RSS ${peakRssMiB().toFixed(0)} MiB (target ≤ 2×)`
    }
  ]
}
