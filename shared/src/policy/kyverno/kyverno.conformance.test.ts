// Agreement with the Kyverno policy library's own `kyverno test` expectations
// (../shared/conformance/kyverno-policies, upstream kyverno/policies). Targets: at least 99.5% of the
// expected results of the offline classic (non-CEL) tests agree, at least 90% once the tests whose
// apiCall/configMap context is answered by a values file are included; at least 99% of the ClusterPolicy
// `validate.cel` results and at least 97% of the ValidatingPolicy results.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { silentLogger } from '../../runtime/logger.js'
import type { Comparison } from './test-compare.js'
import { runTestFile, unloadableTest } from './test-runner.js'

const here = dirname(fileURLToPath(import.meta.url))
const corpus = resolve(here, '../../../../../shared/conformance/kyverno-policies')

interface IndexEntry {
  readonly dir: string
  readonly test: string
  readonly results: number
  readonly needs: readonly string[]
  readonly offline: boolean
  readonly offlineWithValues: boolean
}

const notClassic = ['cel', 'ValidatingPolicy', 'ValidatingAdmissionPolicy', 'mutate', 'generate']

interface Tally {
  passed: number
  failed: number
  skipped: number
}

function run(entries: readonly IndexEntry[]): {
  total: Tally
  byCategory: Map<string, Tally>
  disagreements: Comparison[]
} {
  const total: Tally = { passed: 0, failed: 0, skipped: 0 }
  const byCategory = new Map<string, Tally>()
  const disagreements: Comparison[] = []
  for (const entry of entries) {
    const category = entry.dir.split('/')[0]
    const tally = byCategory.get(category) ?? { passed: 0, failed: 0, skipped: 0 }
    byCategory.set(category, tally)
    let comparisons: Comparison[]
    try {
      comparisons = runTestFile(join(corpus, entry.test), corpus, silentLogger)
    } catch (error) {
      // A test the runner cannot even read counts as every one of its results disagreeing.
      tally.failed += entry.results
      total.failed += entry.results
      disagreements.push(unloadableTest(entry.test, error))
      continue
    }
    for (const c of comparisons) {
      const key = c.verdict === 'pass' ? 'passed' : c.verdict === 'fail' ? 'failed' : 'skipped'
      tally[key]++
      total[key]++
      if (c.verdict === 'fail') disagreements.push(c)
    }
  }
  return { total, byCategory, disagreements }
}

function agreement(t: Tally): number {
  const all = t.passed + t.failed + t.skipped
  return all === 0 ? 1 : t.passed / all
}

function report(title: string, result: ReturnType<typeof run>): string {
  const lines = [
    `${title}`,
    '| category | agree | disagree | skipped | agreement |',
    '| --- | ---: | ---: | ---: | ---: |'
  ]
  for (const [category, t] of [...result.byCategory].sort(([a], [b]) => a.localeCompare(b)))
    lines.push(
      `| ${category} | ${t.passed} | ${t.failed} | ${t.skipped} | ${(100 * agreement(t)).toFixed(1)}% |`
    )
  const t = result.total
  lines.push(
    `| **all** | ${t.passed} | ${t.failed} | ${t.skipped} | ${(100 * agreement(t)).toFixed(1)}% |`
  )
  for (const d of result.disagreements)
    lines.push(
      `- ${d.testFile}: ${d.policy}/${d.rule} on ${d.resource}: expected ${d.expected}, got ${d.actual} — ${d.reason}`
    )
  return lines.join('\n')
}

const present = existsSync(join(corpus, 'INDEX.json'))
const index: IndexEntry[] = present
  ? (JSON.parse(readFileSync(join(corpus, 'INDEX.json'), 'utf8')) as IndexEntry[])
  : []
const classic = (e: IndexEntry) => !e.needs.some(n => notClassic.includes(n))

describe('Kyverno policy library conformance', () => {
  it('finds the corpus', () => {
    expect(present).toBe(true)
  })

  it('agrees with at least 99.5% of the offline, non-CEL expected results', () => {
    const entries = index.filter(e => e.offline && classic(e))
    expect(entries.length).toBeGreaterThan(100)
    const result = run(entries)
    console.log(report(`Offline, non-CEL: ${entries.length} tests`, result))
    expect(result.total.passed + result.total.failed + result.total.skipped).toBeGreaterThan(1500)
    expect(agreement(result.total)).toBeGreaterThanOrEqual(0.995)
  })

  it('agrees with at least 90% once values-file tests are included', () => {
    const entries = index.filter(e => e.offlineWithValues && classic(e))
    const result = run(entries)
    console.log(report(`Offline with values files, non-CEL: ${entries.length} tests`, result))
    expect(agreement(result.total)).toBeGreaterThanOrEqual(0.9)
  })

  it('agrees with at least 99% of the ClusterPolicy validate.cel expected results', () => {
    const entries = index.filter(e => e.needs.includes('cel'))
    expect(entries.length).toBeGreaterThan(100)
    const result = run(entries)
    console.log(report(`ClusterPolicy validate.cel: ${entries.length} tests`, result))
    expect(result.total.passed + result.total.failed + result.total.skipped).toBeGreaterThan(1500)
    expect(agreement(result.total)).toBeGreaterThanOrEqual(0.99)
  })

  it('agrees with at least 97% of the ValidatingPolicy expected results', () => {
    const entries = index.filter(e => e.needs.includes('ValidatingPolicy'))
    expect(entries.length).toBeGreaterThan(90)
    const result = run(entries)
    console.log(report(`ValidatingPolicy: ${entries.length} tests`, result))
    expect(result.total.passed + result.total.failed + result.total.skipped).toBeGreaterThan(1300)
    expect(agreement(result.total)).toBeGreaterThanOrEqual(0.97)
  })
})
