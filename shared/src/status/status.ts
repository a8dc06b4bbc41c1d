// `idp status`: what runs where, from the GitOps repository's render records. Per service and
// environment: the images, the source commit and its time, the run that rendered it; how far each
// later environment is behind the first (another source commit, and by how many days); and which
// services have not been promoted for N days — the platform team's "is the service still active?".
// "When" is the source commit's time recorded at render time: the records carry no promotion time,
// and the GitOps history is not fetched (one shallow fetch per repository and branch).
import { UserError } from '../runtime/errors.js'
import { markdownCode, markdownLink, markdownText } from '../runtime/markdown.js'
import type { RenderRecord } from '../render/record.js'
import { resolveGitopsTarget } from '../descriptor/platform.js'
import type { PlatformConfig } from '../descriptor/types.js'
import type { EnvironmentFolders, ServiceRecord } from '../gitops/render-records.js'
import { resolveRemote } from '../gitops/remote.js'

export interface EnvironmentStatus {
  readonly environment: string
  /** Component → image reference, as rendered. */
  readonly images?: Readonly<Record<string, string>>
  readonly commit?: string
  /** ISO 8601 time of the source commit. */
  readonly commitTime?: string
  readonly repository?: string
  readonly runNumber?: number
  readonly runUrl?: string
  readonly gitopsCommit?: string
  /** Relative to the first environment: same, behind (older source), ahead, different, absent. */
  readonly comparison: 'first' | 'same' | 'behind' | 'ahead' | 'different' | 'absent'
  /** Days the source commit is older than the first environment's (behind only). */
  readonly daysBehind?: number
  /** Why the record could not be read. */
  readonly problem?: string
}

export interface ServiceStatus {
  readonly service: string
  readonly environments: readonly EnvironmentStatus[]
  /** Days since the newest source commit any environment runs. */
  readonly idleDays?: number
  readonly stale: boolean
}

export interface StatusReport {
  readonly environments: readonly string[]
  readonly staleDays: number
  readonly services: readonly ServiceStatus[]
}

const DAY_MS = 24 * 60 * 60 * 1000
/** A service name that cannot clash with a real one, to find where `{service}` sits in a path. */
const PROBE = 'idp-status-probe-0'

/** Where each environment keeps its service folders, with `repository` overriding the platform's. */
export function environmentFolders(
  platform: PlatformConfig,
  options: { repository?: string; serverUrl: string; workspace: string; service?: string }
): EnvironmentFolders[] {
  return platform.spec.environments.map(env => {
    const target = resolveGitopsTarget(platform, env.name, options.service ?? PROBE)
    const repository = options.repository ?? target.repository
    if (!repository)
      throw new UserError({
        message: `No GitOps repository for ${env.name}: the platform config names none.`,
        hint: 'Give --repository (owner/name or a URL), or set spec.gitops.repository.'
      })
    const segments = target.path.split('/')
    const at = segments.indexOf(options.service ?? PROBE)
    if (at < 0)
      throw new UserError({
        message: `The GitOps path of ${env.name} (${target.path}) does not hold the service as a folder of its own.`,
        hint: 'Give --service to read one service.'
      })
    return {
      environment: env.name,
      remote: resolveRemote(repository, options.serverUrl, options.workspace),
      branch: target.branch,
      prefix: segments.slice(0, at).join('/'),
      suffix: segments.slice(at + 1).join('/')
    }
  })
}

const sameRelease = (a: RenderRecord, b: RenderRecord) =>
  a.source.commit === b.source.commit &&
  JSON.stringify(Object.entries(a.images).sort()) ===
    JSON.stringify(Object.entries(b.images).sort())

function compare(first: RenderRecord | undefined, record: RenderRecord): EnvironmentStatus {
  const base = {
    environment: record.environment,
    images: record.images,
    commit: record.source.commit,
    commitTime: record.source.commitTime,
    repository: record.source.repository,
    runNumber: record.source.runNumber,
    runUrl: record.source.runUrl
  }
  if (!first || sameRelease(first, record)) return { ...base, comparison: 'same' }
  const firstTime = Date.parse(first.source.commitTime ?? '')
  const ownTime = Date.parse(record.source.commitTime ?? '')
  if (Number.isNaN(firstTime) || Number.isNaN(ownTime)) return { ...base, comparison: 'different' }
  if (ownTime > firstTime) return { ...base, comparison: 'ahead' }
  return {
    ...base,
    comparison: 'behind',
    daysBehind: Math.floor((firstTime - ownTime) / DAY_MS)
  }
}

/** The report for every service found, environments in the platform's (promotion) order. */
export function statusReport(
  environments: readonly string[],
  records: readonly ServiceRecord[],
  options: { staleDays: number; now: Date }
): StatusReport {
  const services = [...new Set(records.map(r => r.service))].sort()
  return {
    environments,
    staleDays: options.staleDays,
    services: services.map(service => {
      const own = new Map(records.filter(r => r.service === service).map(r => [r.environment, r]))
      const firstRecord = own.get(environments[0])?.record
      const rows = environments.map((environment, index): EnvironmentStatus => {
        const found = own.get(environment)
        if (!found) return { environment, comparison: 'absent' }
        if (!found.record) return { environment, comparison: 'absent', problem: found.problem }
        // The folder says which environment this is; the record's own field is only its claim.
        const row = {
          ...compare(firstRecord, found.record),
          environment,
          gitopsCommit: found.commit
        }
        return index === 0 ? { ...row, comparison: 'first' } : row
      })
      const times = rows.map(r => Date.parse(r.commitTime ?? '')).filter(t => !Number.isNaN(t))
      const newest = times.length > 0 ? Math.max(...times) : undefined
      const idleDays =
        newest === undefined ? undefined : Math.floor((options.now.getTime() - newest) / DAY_MS)
      return {
        service,
        environments: rows,
        idleDays,
        stale: idleDays === undefined || idleDays >= options.staleDays
      }
    })
  }
}

/** `checkout@sha256:0123456789ab` or `checkout:1.4.2`: the last path segment, digests shortened. */
function shortImage(reference: string): string {
  const name = reference.slice(reference.lastIndexOf('/') + 1)
  return name.replace(/@sha256:([0-9a-f]{12})[0-9a-f]*$/, '@sha256:$1')
}

function describeComparison(row: EnvironmentStatus, first: string): string {
  if (row.problem) return 'unreadable record'
  switch (row.comparison) {
    case 'first':
      return ''
    case 'same':
      return `same as ${first}`
    case 'behind':
      return `behind ${first}${row.daysBehind ? ` by ${row.daysBehind}d` : ''}`
    case 'ahead':
      return `ahead of ${first}`
    case 'different':
      return `differs from ${first}`
    case 'absent':
      return 'not deployed'
  }
}

/** The table `idp status` prints: one block per service, then the services idle for N days. */
export function formatStatus(report: StatusReport): string {
  const first = report.environments[0] ?? ''
  const header = ['environment', 'images', 'commit', 'when', 'run', `vs ${first}`]
  const lines: string[] = []
  for (const service of report.services) {
    const cells = service.environments.map(row => [
      row.environment,
      row.images ? Object.values(row.images).map(shortImage).join(' ') : '-',
      row.commit ? row.commit.slice(0, 7) : '-',
      row.commitTime ? row.commitTime.slice(0, 16).replace('T', ' ') : '-',
      row.runNumber !== undefined ? `#${row.runNumber}` : '-',
      describeComparison(row, first)
    ])
    const widths = header.map((h, i) => Math.max(h.length, ...cells.map(c => c[i].length)))
    const line = (r: string[]) => `  ${r.map((c, i) => c.padEnd(widths[i])).join('  ')}`.trimEnd()
    lines.push(service.service, line(header), ...cells.map(line))
    for (const row of service.environments)
      if (row.problem) lines.push(`  ${row.environment}: ${row.problem}`)
    lines.push('')
  }
  if (report.services.length === 0) lines.push('No rendered service found.')
  const stale = report.services.filter(s => s.stale)
  if (stale.length > 0)
    lines.push(
      `Not promoted for ${report.staleDays} days or more: ${stale
        .map(
          s =>
            `${s.service} (${s.idleDays === undefined ? 'no commit time' : `${s.idleDays} days`})`
        )
        .join(', ')}`
    )
  return lines.join('\n').trimEnd() + '\n'
}

/**
 * The same report as a markdown table, for a job summary (e.g. the catalog step's). Every value comes
 * from a render record some service's pipeline wrote: it is shown as text (markdown.ts), never as
 * markup of its own.
 */
export function formatStatusMarkdown(report: StatusReport): string {
  const first = report.environments[0] ?? ''
  const lines: string[] = []
  for (const service of report.services) {
    lines.push(
      `#### ${markdownText(service.service)}`,
      '',
      `| environment | images | commit | when | run | vs ${markdownText(first)} |`,
      '|---|---|---|---|---|---|'
    )
    for (const row of service.environments) {
      const images = row.images
        ? Object.values(row.images)
            .map(i => markdownCode(shortImage(i)))
            .join('<br>')
        : '—'
      const run = row.runNumber === undefined ? '—' : markdownLink(`#${row.runNumber}`, row.runUrl)
      const cells = [
        markdownText(row.environment),
        images,
        row.commit ? markdownCode(row.commit.slice(0, 7)) : '—',
        row.commitTime ? markdownText(row.commitTime) : '—',
        run,
        markdownText(describeComparison(row, first)) || '—'
      ]
      lines.push(`| ${cells.join(' | ')} |`)
    }
    lines.push('')
  }
  const stale = report.services.filter(s => s.stale).map(s => s.service)
  if (stale.length > 0)
    lines.push(
      `Not promoted for ${report.staleDays} days or more: ${stale.map(markdownText).join(', ')}.`
    )
  return lines.join('\n').trimEnd()
}
