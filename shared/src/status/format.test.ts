import { describe, expect, it } from '@jest/globals'
import { formatStatus, formatStatusMarkdown, statusReport } from './status.js'
import type { ServiceRecord } from '../gitops/render-records.js'
import type { RenderRecord } from '../render/record.js'

const record = (environment: string, commit: string, commitTime: string): RenderRecord => ({
  service: 'checkout',
  environment,
  namespace: `checkout-${environment}`,
  owner: 'team-payments',
  source: {
    repository: 'acme/checkout',
    commit,
    commitTime,
    runNumber: 7,
    runUrl: 'https://github.com/acme/checkout/actions/runs/7',
    descriptor: 'idp.yaml'
  },
  images: { checkout: `ghcr.io/acme/checkout@sha256:${commit[0].repeat(64)}` },
  digest: `sha256:${'0'.repeat(64)}`,
  renderer: { name: 'idp', version: '0.1.0' },
  files: ['application.yaml'],
  sourceMap: []
})

const records: ServiceRecord[] = [
  {
    environment: 'dev',
    service: 'checkout',
    display: 'x',
    commit: 'g1',
    record: record('dev', 'b'.repeat(40), '2026-11-20T10:00:00Z')
  },
  {
    environment: 'prod',
    service: 'checkout',
    display: 'x',
    commit: 'g1',
    record: record('prod', 'a'.repeat(40), '2026-11-17T09:00:00Z')
  }
]

describe('status report', () => {
  const report = statusReport(['dev', 'staging', 'prod'], records, {
    staleDays: 5,
    now: new Date('2026-11-26T12:00:00Z')
  })

  it('compares later environments with the first and counts idle days', () => {
    expect(report.services[0].environments.map(e => e.comparison)).toEqual([
      'first',
      'absent',
      'behind'
    ])
    expect(report.services[0].environments[2].daysBehind).toBe(3)
    expect(report.services[0].idleDays).toBe(6)
    expect(report.services[0].stale).toBe(true)
  })

  it('prints the same rows as text and as a markdown table for a job summary', () => {
    expect(formatStatus(report)).toContain('behind dev by 3d')
    const markdown = formatStatusMarkdown(report)
    expect(markdown).toContain(
      '| prod | `checkout@sha256:aaaaaaaaaaaa` | `aaaaaaa` | 2026-11-17T09:00:00Z | [#7](https://github.com/acme/checkout/actions/runs/7) | behind dev by 3d |'
    )
    expect(markdown).toContain('| staging | — | — | — | — | not deployed |')
    expect(markdown).toContain('Not promoted for 5 days or more: checkout.')
  })

  it('shows what another service wrote in its render record as text: no link, image, HTML or cell break of its own', () => {
    const hostile = record(
      'dev',
      'c'.repeat(40),
      '2026-11-20T10:00:00Z | ![x](https://evil.example/t.png)'
    )
    const forged: RenderRecord = {
      ...hostile,
      service: 'shop<img src=x>',
      source: {
        ...hostile.source,
        runUrl: 'https://github.com/acme/shop/actions/runs/1) [login](https://evil.example/phish'
      },
      images: { web: 'ghcr.io/acme/shop:1`|`<b>x</b>' }
    }
    const markdown = formatStatusMarkdown(
      statusReport(
        ['dev'],
        [
          {
            environment: 'dev',
            service: forged.service,
            display: 'x',
            commit: 'g2',
            record: forged
          }
        ],
        {
          staleDays: 5,
          now: new Date('2026-11-26T12:00:00Z')
        }
      )
    )
    const row = markdown.split('\n').find(line => line.startsWith('| dev '))!
    // Six cells, as the header has: nothing the record holds closes a cell.
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(6)
    expect(markdown).not.toMatch(/(?<!\\)\]\(https:\/\/evil/)
    expect(markdown).not.toMatch(/<img|<b>/)
    // A run address that is not a plain URL is shown as its number alone.
    expect(row).toContain('| #7 |')
  })
})
