import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { ResultSet } from '../result-set.js'
import { ANNOTATIONS_PER_LEVEL, annotationsFor, annotationsReporter } from './annotations.js'
import { policyReport, policyReportReporter, policyReportYaml } from './policy-report.js'
import type { ReportSink } from './reporter.js'
import { sarifLog, sarifReporter } from './sarif.js'
import { summaryMarkdown, summaryReporter } from './summary.js'
import { app, plainSecret, registry, results, secret } from './testdata.js'

describe('result set', () => {
  it.each([
    ['error', false, 1],
    ['warning', false, 1],
    ['never', true, 0]
  ] as const)('fail-on %s → passes %s, exit %i', (failOn, passes, exit) => {
    expect(results.passes(failOn)).toBe(passes)
    expect(results.exitCode(failOn)).toBe(exit)
  })

  it('counts results and levels, most severe first', () => {
    expect(results.counts).toEqual({ pass: 1, fail: 2, warn: 0, error: 0, skip: 0 })
    expect([results.errors, results.warnings]).toEqual([1, 1])
    expect(results.findings.map(f => f.rule)).toEqual([
      'image-registry',
      'no-plain-secret',
      'schema'
    ])
    const onlyWarning = new ResultSet([plainSecret])
    expect([onlyWarning.passes('error'), onlyWarning.passes('warning')]).toEqual([true, false])
    // An audit-only result is never more than a warning.
    expect(new ResultSet([{ ...registry, result: 'warn' }]).errors).toBe(0)
  })
})

describe('annotations', () => {
  it('puts the finding on the idp.yaml line and names the rendered file and pointer', () => {
    expect(annotationsFor(results)).toEqual([
      {
        level: 'error',
        title: 'guardrails/image-registry',
        message:
          "Image 'docker.io/x:1' is not from an allowed registry (ghcr.io/acme/).\nenvironment dev · Application checkout · rendered rendered/dev/application.yaml:12 (/spec/components/0/properties/image)",
        position: { file: 'idp.yaml', line: 10, column: 14 }
      },
      {
        level: 'warning',
        title: 'guardrails/no-plain-secret',
        message: "Secret 'db' is a plain Secret.\nenvironment dev · Secret db",
        position: { file: 'rendered/dev/secret.yaml', line: 2, column: 7 }
      }
    ])
  })

  it('cuts a message longer than the runner shows', () => {
    const [long] = annotationsFor(new ResultSet([{ ...plainSecret, message: 'x'.repeat(5000) }]))
    expect(long.message).toHaveLength(4000)
    expect(long.message.endsWith('…')).toBe(true)
  })

  it.each([
    [3, 0, 3, 0, false],
    [10, 10, 10, 10, false],
    [11, 0, 10, 0, true],
    [25, 12, 10, 10, true]
  ])(
    '%i errors and %i warnings → %i error and %i warning annotations, overflow notice: %s',
    (errors, warnings, shownErrors, shownWarnings, overflow) => {
      const many = [
        ...Array.from({ length: errors }, (_, i) => ({ ...registry, message: `e${i}` })),
        ...Array.from({ length: warnings }, (_, i) => ({ ...plainSecret, message: `w${i}` }))
      ]
      const out = annotationsFor(new ResultSet(many), {
        sarifFile: 'out/idp.sarif',
        reportFile: 'out/report.yaml'
      })
      expect(out.filter(a => a.level === 'error')).toHaveLength(shownErrors)
      expect(out.filter(a => a.level === 'warning')).toHaveLength(shownWarnings)
      expect(out.filter(a => a.level === 'error').length).toBeLessThanOrEqual(ANNOTATIONS_PER_LEVEL)
      const notices = out.filter(a => a.level === 'notice')
      if (!overflow) expect(notices).toEqual([])
      else
        expect(notices).toEqual([
          {
            level: 'notice',
            title: 'More findings',
            message: `${errors + warnings - shownErrors - shownWarnings} more finding${errors + warnings - shownErrors - shownWarnings === 1 ? ' is' : 's are'} not annotated (GitHub shows 10 per level and step); all ${errors + warnings} are in the job summary, the SARIF file out/idp.sarif and the PolicyReport out/report.yaml.`
          }
        ])
      // The most severe come first.
      expect(out[0].level).toBe('error')
    }
  )
})

describe('job summary', () => {
  it('renders a table per environment and collapsible details', () => {
    expect(summaryMarkdown(results, { failOn: 'error', sarifFile: 'out/idp.sarif' })).toBe(
      [
        '### ❌ Policy validation failed (fail-on: error): 1 error, 1 warning, 1 passed.',
        '',
        '#### Environment: dev',
        '',
        '| Resource | Errors | Warnings | Notices | Passed |',
        '|---|---:|---:|---:|---:|',
        '| Application checkout | 1 | 0 | 0 | 1 |',
        '| Secret db | 0 | 1 | 0 | 0 |',
        '',
        '<details><summary>dev · Application checkout: 1 error</summary>',
        '',
        "- **error** `guardrails/image-registry` idp.yaml:10:14 — Image 'docker.io/x:1' is not from an allowed registry (ghcr.io/acme/). (rendered: rendered/dev/application.yaml `/spec/components/0/properties/image`)",
        '',
        '</details>',
        '',
        '<details><summary>dev · Secret db: 1 warning</summary>',
        '',
        "- **warning** `guardrails/no-plain-secret` rendered/dev/secret.yaml:2:7 — Secret 'db' is a plain Secret.",
        '',
        '</details>',
        '',
        'Complete results — SARIF: `out/idp.sarif`',
        ''
      ].join('\n')
    )
  })

  it('stays under its budget however many findings there are, and says what it left out', () => {
    const many = Array.from({ length: 20000 }, (_, i) => ({
      ...registry,
      resource: { ...app, name: `app-${i}` },
      message: `${'x'.repeat(200)} ${i}`
    }))
    const text = summaryMarkdown(new ResultSet(many), { failOn: 'error', reportFile: 'r.yaml' })
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(1024 * 1024)
    expect(text).toMatch(
      /_Details of \d+ more resources left out to stay under 1 MiB; see the files below\._/
    )
    expect(text.endsWith('Complete results — PolicyReport: `r.yaml`\n')).toBe(true)
    const small = summaryMarkdown(new ResultSet(many.slice(0, 50)), {
      failOn: 'error',
      budgetBytes: 4096
    })
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(4096)
  })
})

describe('PolicyReport', () => {
  it('lists every result, passes included, with the summary counts', () => {
    expect(policyReport(results, { environment: 'dev', namespace: 'checkout-dev' })).toEqual({
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: 'PolicyReport',
      metadata: { name: 'idp-validate-dev', namespace: 'checkout-dev' },
      summary: { pass: 1, fail: 2, warn: 0, error: 0, skip: 0 },
      results: [
        {
          source: 'idp',
          policy: 'guardrails',
          rule: 'image-registry',
          result: 'fail',
          message: "Image 'docker.io/x:1' is not from an allowed registry (ghcr.io/acme/).",
          severity: 'high',
          category: 'Platform guardrails',
          scored: true,
          resources: [app],
          properties: {
            file: 'idp.yaml',
            line: '10',
            column: '14',
            manifest: 'rendered/dev/application.yaml',
            manifestLine: '12',
            pointer: '/spec/components/0/properties/image',
            environment: 'dev',
            engine: 'guardrail'
          }
        },
        {
          source: 'idp',
          policy: 'guardrails',
          rule: 'no-plain-secret',
          result: 'fail',
          message: "Secret 'db' is a plain Secret.",
          severity: 'medium',
          category: 'guardrail',
          scored: true,
          resources: [secret],
          properties: {
            file: 'rendered/dev/secret.yaml',
            line: '2',
            column: '7',
            manifest: 'rendered/dev/secret.yaml',
            manifestLine: '2',
            pointer: '/kind',
            environment: 'dev',
            engine: 'guardrail'
          }
        },
        {
          source: 'idp',
          policy: 'crd-schema',
          rule: 'schema',
          result: 'pass',
          message: 'Application matches its schema.',
          severity: 'high',
          category: 'schema',
          scored: true,
          resources: [app],
          properties: {
            file: 'rendered/dev/application.yaml',
            line: '1',
            column: '1',
            manifest: 'rendered/dev/application.yaml',
            manifestLine: '1',
            environment: 'dev',
            engine: 'schema'
          }
        }
      ]
    })
  })

  it('writes YAML with one result per line that reads back as the same report', () => {
    const report = policyReport(results, { environment: 'dev' })
    const text = policyReportYaml(report)
    expect(parse(text)).toEqual(report)
    expect(text.split('\n').filter(l => l.startsWith('  - {'))).toHaveLength(3)
    expect(parse(policyReportYaml(policyReport(new ResultSet([]))))).toEqual({
      apiVersion: 'wgpolicyk8s.io/v1alpha2',
      kind: 'PolicyReport',
      metadata: { name: 'idp-validate' },
      summary: { pass: 0, fail: 0, warn: 0, error: 0, skip: 0 },
      results: []
    })
  })
})

describe('reporters behind one interface', () => {
  function run(context: Parameters<typeof sarifReporter.write>[1]) {
    const out = { annotations: 0, summary: [] as string[], files: {} as Record<string, string> }
    const sink: ReportSink = {
      annotate: () => void out.annotations++,
      appendSummary: markdown => void out.summary.push(markdown),
      writeFile: (path, text) => void (out.files[path] = text)
    }
    for (const reporter of [
      annotationsReporter,
      summaryReporter,
      sarifReporter,
      policyReportReporter
    ])
      reporter.write(results, context, sink)
    return out
  }

  it.each([
    [{ failOn: 'error' as const }, []],
    [
      { failOn: 'error' as const, sarifFile: 'a.sarif', reportFile: 'r.yaml' },
      ['a.sarif', 'r.yaml']
    ],
    [{ failOn: 'never' as const, reportFile: 'r.json' }, ['r.json']]
  ])('%j writes %j', (context, files) => {
    const out = run(context)
    expect(out.annotations).toBe(2)
    expect(out.summary).toEqual([summaryMarkdown(results, context)])
    expect(Object.keys(out.files).sort()).toEqual(files)
    if (out.files['r.json']) expect(JSON.parse(out.files['r.json']).kind).toBe('PolicyReport')
    if (out.files['r.yaml']) expect(parse(out.files['r.yaml']).summary.fail).toBe(2)
    if (out.files['a.sarif']) expect(JSON.parse(out.files['a.sarif'])).toEqual(sarifLog(results))
  })
})
