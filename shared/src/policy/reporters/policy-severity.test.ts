import { describe, expect, it } from '@jest/globals'
import { ResultSet } from '../result-set.js'
import { annotationOf } from './annotations.js'
import { policyReport } from './policy-report.js'
import { sarifLog } from './sarif.js'
import { registry } from './testdata.js'

// A Kyverno policy's `policies.kyverno.io/severity` travels with the finding to every reporter.
const kyverno = {
  ...registry,
  source: 'kyverno',
  policy: 'disallow-latest-tag',
  rule: 'validate-image-tag',
  policySeverity: 'medium' as const
}

describe('policy severity', () => {
  it('is the PolicyReport result severity, else the platform level decides', () => {
    const report = policyReport(new ResultSet([kyverno, registry])) as {
      results: { policy: string; severity: string }[]
    }
    expect(report.results.map(r => [r.policy, r.severity])).toEqual([
      ['disallow-latest-tag', 'medium'],
      [registry.policy, 'high']
    ])
  })

  it('is a SARIF rule property and part of the annotation title', () => {
    const log = sarifLog(new ResultSet([kyverno])) as {
      runs: { tool: { driver: { rules: { properties: Record<string, unknown> }[] } } }[]
    }
    expect(log.runs[0].tool.driver.rules[0].properties['problem.severity']).toBe('medium')
    expect(annotationOf(kyverno, 'error').title).toBe(
      'disallow-latest-tag/validate-image-tag (medium)'
    )
  })
})
