import type { PullRequestResult } from '../github/pull-requests.js'
import { truncateBody } from '../github/pull-requests.js'
import { describeImages } from './gates.js'
import type { PromotePlan } from './promote.js'
import type { RenderAge } from './render-guard.js'
import { describeRender } from './render-guard.js'
import type { FolderDiff } from './resource-diff.js'

export interface SummaryInput {
  readonly plan: PromotePlan
  readonly changed: boolean
  readonly commitSha: string
  readonly pushedBranch: string
  readonly diff: FolderDiff
  readonly age?: RenderAge
  readonly pullRequest?: PullRequestResult
  /**
   * What each environment holds after this run (digest undefined: nothing rendered there yet, or, with
   * `unread`, its repository could not be read).
   */
  readonly environments: readonly { environment: string; digest?: string; unread?: boolean }[]
}

const SIGN = { added: '➕', changed: '✏️', removed: '➖' } as const

/** The job summary: outcome, per-resource changes, the redacted diff, and the environments diagram. */
export function promoteSummary(input: SummaryInput): string {
  const { plan, diff } = input
  const { service } = plan.record
  const where = `${plan.target.remote.display}:${plan.target.path}`
  const outcome = !input.changed
    ? `No change: \`${where}\` already holds this render.`
    : plan.dryRun
      ? `Dry run: would ${plan.mode === 'pull-request' ? 'propose' : 'commit'} ${diff.changes.length} resource change(s) to \`${where}\`.`
      : input.pullRequest
        ? `Pull request [#${input.pullRequest.number}](${input.pullRequest.url}) ${input.pullRequest.operation} from \`${input.pushedBranch}\`.`
        : `Committed \`${input.commitSha.slice(0, 12)}\` to \`${input.pushedBranch}\` of ${plan.target.remote.display}.`
  const lines = [
    `## Promote ${service} → ${plan.environment}${plan.dryRun ? ' (dry run)' : ''}`,
    '',
    outcome,
    '',
    `- Release: ${describeImages(plan.record)} — ${describeRender(plan.record)}`
  ]
  if (input.age === 'older')
    lines.push('- ⚠️ Rollback: this render is older than the one it replaces.')
  lines.push(
    '',
    diff.changes.length === 0 && input.changed
      ? 'No resource changes; only the render record (`.idp/render.json`) differs.'
      : changeTable(diff)
  )
  lines.push(...diffDetails(diff))
  lines.push('', environmentsDiagram(input))
  return lines.join('\n') + '\n'
}

function changeTable(diff: FolderDiff): string {
  if (diff.changes.length === 0) return 'No resource changes.'
  return [
    '| | Resource | File |',
    '| --- | --- | --- |',
    ...diff.changes.map(
      c => `| ${SIGN[c.change]} ${c.change} | \`${c.resource}\` | \`${c.file}\` |`
    )
  ].join('\n')
}

/** A mermaid flowchart: one node per environment with the content digest it holds. */
export function environmentsDiagram(input: SummaryInput): string {
  const id = (env: string) => `env_${env.replace(/[^A-Za-z0-9_]/g, '_')}`
  const lines = ['```mermaid', 'flowchart LR']
  for (const { environment, digest, unread } of input.environments) {
    const held = digest ? `${digest.slice(0, 19)}…` : unread ? 'not read' : 'nothing yet'
    lines.push(`  ${id(environment)}["${environment}<br/>${held}"]`)
  }
  const names = new Set(input.environments.map(e => e.environment))
  for (const location of input.plan.environments) {
    for (const req of location.requires ?? [])
      if (names.has(req)) lines.push(`  ${id(req)} --> ${id(location.environment)}`)
  }
  lines.push(`  style ${id(input.plan.environment)} stroke-width:3px`, '```')
  return lines.join('\n')
}

/** The pull request body: provenance, the change list and the redacted diff, within GitHub's limit. */
export function pullRequestBody(plan: PromotePlan, diff: FolderDiff): string {
  const r = plan.record
  const lines = [
    `Promotes **${r.service}** to **${plan.environment}** (\`${plan.target.path}\`).`,
    '',
    `- Images: ${describeImages(r)}`,
    `- Source: ${r.source?.repository ?? 'unknown'} @ \`${r.source?.commit ?? 'unknown'}\`${r.source?.commitTime ? ` (${r.source.commitTime})` : ''}`,
    `- Run: ${r.source?.runUrl ?? plan.runUrl ?? 'unknown'}`,
    `- Content digest: \`${r.digest}\``,
    '',
    changeTable(diff)
  ]
  lines.push(...diffDetails(diff))
  return truncateBody(lines.join('\n') + '\n')
}

/** The unified diff folded into a collapsible section (nothing when there is no diff). */
function diffDetails(diff: FolderDiff): string[] {
  if (!diff.unified) return []
  return [
    '',
    '<details><summary>Diff (secret values redacted)</summary>',
    '',
    '```diff',
    diff.unified.trimEnd(),
    '```',
    '',
    '</details>'
  ]
}
