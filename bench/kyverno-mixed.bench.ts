// The manifests of kyverno-cel.bench.ts against its 132 CEL policies and the library's 40 classic
// best-practices / pod-security policies together, in a process of its own so that its peak RSS is
// this case's alone: parsing alone, then parsing + evaluating, as a ratio to parsing. Figures are never
// asserted.
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
        case: 'policy library (with classic)',
        value: 0,
        unit: 'skipped',
        notes: `${library} not present`
      }
    ]
  const parse = timeParsing(setup.texts)
  const run = await timeEvaluation(
    combineEngines('all', [
      setup.celEngine,
      new KyvernoEngine([...setup.clusterCel, ...setup.classic])
    ]),
    setup.texts
  )
  const celPolicies = setup.validatingPolicies + setup.clusterCel.length
  return [
    {
      benchmark: 'kyverno-cel',
      case: `parse + ${celPolicies} CEL and ${setup.classic.length} classic policies`,
      value: run.ms / parse.ms,
      unit: '× parsing',
      notes: `CPU time ${(run.cpu / parse.cpu).toFixed(2)}× parsing; ${run.findings} findings, ${run.failures} failures; peak RSS ${peakRssMiB().toFixed(0)} MiB (targets ≤ 2×, ≤ 400 MiB); parse only ${((parse.parsed / parse.ms) * 1000).toFixed(0)} manifests/s`
    }
  ]
}
