import { inputRef, inputRefStart } from '../runtime/surface.js'
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { readOptionalServiceFile } from '../boundary/files.js'
import { copyPublishableFolder } from '../boundary/folders.js'
import type { PromotionMode } from '../descriptor/types.js'
import { createGitHubClient, statusOf } from '../github/client.js'
import type { MergeMethod, PullRequestResult } from '../github/pull-requests.js'
import { upsertPullRequest } from '../github/pull-requests.js'
import type { RenderRecord } from '../render/record.js'
import { RENDER_RECORD_PATH } from '../render/record.js'
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import { privateTempRoot } from '../runtime/private-temp.js'
import type { BackoffPolicy } from './backoff.js'
import type { DeployedRender, EnvironmentLocation } from './deployed-renders.js'
import { readDeployedRenders } from './deployed-renders.js'
import { checkRequiredEnvironments, describeImages } from './gates.js'
import type { CommitIdentity } from './git-command-manager.js'
import { identityAudience, renderCommitMessage } from './promote-message.js'
import { pullRequestBody, promoteSummary } from './promote-summary.js'
import type { TargetView } from './publish-folder.js'
import type { Transport } from './publish-transport.js'
import { publishThrough } from './publish-transport.js'
import type { RenderAge } from './render-guard.js'
import { assertNotOlder, parseRenderRecord } from './render-guard.js'
import type { FolderDiff } from './resource-diff.js'
import { describeChanges, diffRenderedFolders } from './resource-diff.js'

/** Everything promote needs, resolved from inputs and the platform config (see promote-plan.ts). */
export interface PromotePlan {
  /** The rendered environment folder (holds `.idp/render.json`). */
  readonly manifests: string
  /** It as the user wrote it, for messages. */
  readonly manifestsDisplay?: string
  readonly record: RenderRecord
  readonly environment: string
  readonly target: EnvironmentLocation
  readonly mode: PromotionMode
  /** Environments that must already run this release (the platform's `requires`). */
  readonly requires: readonly EnvironmentLocation[]
  /** Every environment of the service, in the platform's order, for the summary diagram. */
  readonly environments: readonly EnvironmentLocation[]
  readonly token?: string
  readonly commitMessage: string
  readonly author?: CommitIdentity
  readonly maxAttempts: number
  readonly allowRollback: boolean
  readonly dryRun: boolean
  readonly labels: readonly string[]
  readonly autoMerge?: MergeMethod
  /** `GITHUB_API_URL`, for pull-request mode. */
  readonly apiUrl: string
  readonly runUrl?: string
  /**
   * The platform requires an identity (spec.gitops.identity): asks the run's OIDC token for an
   * audience, which promote puts in the commit's Idp-Identity trailer. Not asked in a dry run.
   */
  readonly requestIdentity?: (audience: string) => Promise<string>
  readonly backoff?: BackoffPolicy
  readonly tempRoot?: string
  /** Tests shrink GitHub retry waits with this (milliseconds per unit of retry-after). */
  readonly githubRetryUnitMs?: number
  /** git, GitHub's API, or auto (the API for repositories on GitHub/GHES); see publish-transport.ts. */
  readonly transport?: Transport
  /** Tests: least time between two GitHub API writes (default: GitHub's 1 s). */
  readonly githubWriteSpacingMs?: number
  /** Refuses to replace a folder another repository owns (boundary/identity.ts). */
  readonly mayReplace?: (held: RenderRecord | undefined, where: string) => void
}

export interface PromoteResult {
  readonly changed: boolean
  readonly commitSha: string
  readonly pullRequestUrl: string
  readonly pullRequestNumber: string
  /** Per-resource change list and unified diff (secret values redacted). */
  readonly diff: string
  /** Markdown for the job summary. */
  readonly summary: string
}

/** Reads and checks the incoming `.idp/render.json` of a rendered folder. */
export function readIncomingRecord(manifests: string, display: string): RenderRecord {
  // Read through the file boundary: a regular file inside the folder, never a link out of it.
  const text = isFolder(manifests)
    ? readOptionalServiceFile(manifests, join(manifests, RENDER_RECORD_PATH), {
        what: 'The render record',
        display: `${display}/${RENDER_RECORD_PATH}`
      })
    : undefined
  if (text === undefined) {
    throw new UserError({
      message: `${inputRefStart('manifests')} (${display}) holds no ${RENDER_RECORD_PATH}; it is not a rendered environment folder.`,
      hint: 'Point manifests at one environment folder written by idp render, e.g. rendered/prod.'
    })
  }
  return parseRenderRecord(text, `${display}/${RENDER_RECORD_PATH}`)
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}

/**
 * Promotes one rendered environment folder to its GitOps target: checks the `requires` gates, refuses
 * an older render over a newer one, writes the folder as one commit with provenance trailers (directly,
 * or on `idp/<environment>/<service>` with a pull request), and reports what changed per resource.
 */
export async function promote(plan: PromotePlan, logger: Logger): Promise<PromoteResult> {
  const { record, environment } = plan
  const service = record.service
  const others = plan.environments.filter(e => e.environment !== environment)
  // Environments in the target's repository and branch are read from the promote clone itself (fresh
  // on every attempt); only those kept elsewhere need a clone of their own, up front.
  const local = (l: EnvironmentLocation) =>
    l.remote.url === plan.target.remote.url && l.branch === plan.target.branch
  const wanted = [...others, ...plan.requires].filter(
    (l, i, all) => all.findIndex(o => o.environment === l.environment) === i
  )
  const remote = wanted.filter(l => !local(l))
  // The `requires` gates must be read; the other environments are read for the summary only, so one
  // that cannot be reached (offline, no access) is a warning, not a failed promotion.
  const gate = new Set(plan.requires.map(r => r.environment))
  const unread = new Set<string>()
  const elsewhere =
    remote.length === 0
      ? []
      : await logger.group('Reading what environments in other repositories hold', async () => [
          ...(await readDeployedRenders(
            remote.filter(l => gate.has(l.environment)),
            plan.token,
            logger,
            plan.tempRoot
          )),
          ...(await readForSummary(
            remote.filter(l => !gate.has(l.environment)),
            plan,
            logger,
            unread
          ))
        ])
  const byEnv = new Map<string, DeployedRender>(elsewhere.map(d => [d.location.environment, d]))
  let gateLogged = false
  const checkGates = async (view: TargetView) => {
    for (const location of wanted.filter(local)) {
      const file = `${location.path}/${RENDER_RECORD_PATH}`
      const text = await view.readFile(file)
      const display = `${location.remote.display}:${file}`
      byEnv.set(location.environment, {
        location,
        commit: view.tip,
        record: text === undefined ? undefined : parseRenderRecord(text, display)
      })
    }
    const required = plan.requires.map(
      r => byEnv.get(r.environment) ?? ({ location: r } as DeployedRender)
    )
    checkRequiredEnvironments(environment, record, required)
    if (required.length > 0 && !gateLogged) {
      gateLogged = true
      logger.info(
        `Gate passed: ${required.map(r => r.location.environment).join(', ')} run this release.`
      )
    }
  }

  if (plan.mode === 'pull-request' && plan.target.remote.github && !plan.token && !plan.dryRun) {
    throw new UserError({
      message: `Pull-request mode needs a token to open the pull request in ${plan.target.remote.display}; ${inputRef('token')} is empty.`,
      hint: 'Pass a token that may push branches and open pull requests in the GitOps repository.'
    })
  }
  // The audience names the exact content, so the token proves this run promoted this render.
  const identityToken =
    plan.requestIdentity && !plan.dryRun
      ? await plan.requestIdentity(identityAudience(environment, service, record.digest))
      : undefined
  const message = renderCommitMessage(plan.commitMessage, record, plan.runUrl, identityToken)
  // Promoted from a copy, so that re-promoting content the target already runs (same digest and
  // images, only newer provenance) can keep the deployed record and so make no commit.
  const staging = mkdtempSync(join(plan.tempRoot ?? privateTempRoot(), 'idp-promote-'))
  try {
    // Only regular files are published: a link, a nested .git or a special file is refused here.
    copyPublishableFolder(plan.manifests, staging, {
      what: 'The folder to promote',
      display: plan.manifestsDisplay ?? plan.manifests
    })
  } catch (error) {
    rmSync(staging, { recursive: true, force: true })
    throw error
  }
  const incomingRecord = readFileSync(join(staging, RENDER_RECORD_PATH), 'utf8')
  let diff: FolderDiff = { changes: [], unified: '' }
  let age: RenderAge | undefined
  const where = `${plan.target.remote.display}:${plan.target.path}`
  let published: Awaited<ReturnType<typeof publishThrough>>
  try {
    const choice = {
      transport: plan.transport ?? 'auto',
      apiUrl: plan.apiUrl,
      githubRetryUnitMs: plan.githubRetryUnitMs,
      githubWriteSpacingMs: plan.githubWriteSpacingMs
    }
    published = await logger.group(`Writing ${where}`, () =>
      publishThrough(choice, {
        sourceFolder: staging,
        remote: plan.target.remote,
        token: plan.token,
        branch: plan.target.branch,
        targetPath: plan.target.path,
        message,
        author: plan.author,
        maxAttempts: plan.maxAttempts,
        backoff: plan.backoff,
        pushBranch: plan.mode === 'pull-request' ? `idp/${environment}/${service}` : undefined,
        dryRun: plan.dryRun,
        logger,
        tempRoot: plan.tempRoot,
        // On every attempt: what the (new) tip holds decides refusal and the diff.
        inspect: async view => {
          await checkGates(view)
          const current = join(view.worktree, view.targetPath)
          const text = await view.readFile(`${view.targetPath}/${RENDER_RECORD_PATH}`)
          const held =
            text === undefined
              ? undefined
              : parseRenderRecord(text, `${where}/${RENDER_RECORD_PATH}`)
          byEnv.set(environment, { location: plan.target, commit: view.tip, record: held })
          plan.mayReplace?.(held, where)
          const alreadyRuns = held !== undefined && text !== undefined && sameRelease(held, record)
          writeFileSync(join(staging, RENDER_RECORD_PATH), alreadyRuns ? text : incomingRecord)
          if (alreadyRuns) {
            logger.info(
              `${where} already runs this content (${record.digest}); nothing to promote.`
            )
            diff = { changes: [], unified: '' }
            return
          }
          age = assertNotOlder(held, record, where, plan.allowRollback)
          // In pull-request mode a newer render may already wait in the open pull request.
          const proposed = await view.readPushBranchFile(`${view.targetPath}/${RENDER_RECORD_PATH}`)
          if (proposed !== undefined) {
            const pending = parseRenderRecord(proposed, `idp/${environment}/${service}`)
            // An open proposal from another repository is not overwritten either.
            plan.mayReplace?.(
              pending,
              `the open pull request's branch idp/${environment}/${service}`
            )
            assertNotOlder(
              pending,
              record,
              `the open pull request's branch idp/${environment}/${service}`,
              plan.allowRollback
            )
          }
          if (age === 'older')
            logger.warning(`Rolling back ${service} in ${environment} (allow-rollback is on).`)
          diff = await diffRenderedFolders(current, staging, logger, view.worktree)
        }
      })
    )
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
  const diffText =
    diff.changes.length === 0 ? '' : `${describeChanges(diff.changes)}\n\n${diff.unified}`
  if (plan.dryRun) {
    logger.info(
      published.changed
        ? `Dry run: would change ${where}:\n${diffText || '(only .idp/render.json differs)'}`
        : `Dry run: ${where} already holds this content.`
    )
  }

  let pull: PullRequestResult | undefined
  if (plan.mode === 'pull-request' && published.changed && !plan.dryRun) {
    pull = await openPullRequest(
      plan,
      published.pushedBranch,
      published.baseBranch,
      message,
      diff,
      logger
    )
  }

  const summaryEnvironments = plan.environments.map(location => ({
    environment: location.environment,
    unread: unread.has(location.environment),
    digest:
      location.environment === environment &&
      published.changed &&
      !plan.dryRun &&
      plan.mode === 'push'
        ? record.digest
        : byEnv.get(location.environment)?.record?.digest
  }))
  const summary = promoteSummary({
    plan,
    changed: published.changed,
    commitSha: published.commitSha,
    pushedBranch: published.pushedBranch,
    diff,
    age,
    pullRequest: pull,
    environments: summaryEnvironments
  })
  if (published.changed && !plan.dryRun)
    logger.info(
      plan.mode === 'pull-request'
        ? `Proposed ${service} (${describeImages(record)}) for ${environment} on ${published.pushedBranch}.`
        : `Promoted ${service} (${describeImages(record)}) to ${environment}.`
    )
  return {
    changed: published.changed,
    commitSha: published.commitSha,
    pullRequestUrl: pull?.url ?? '',
    pullRequestNumber: pull ? String(pull.number) : '',
    diff: diffText,
    summary
  }
}

async function openPullRequest(
  plan: PromotePlan,
  head: string,
  base: string,
  message: string,
  diff: FolderDiff,
  logger: Logger
): Promise<PullRequestResult | undefined> {
  const github = plan.target.remote.github
  if (!github || !plan.token) {
    // Checked before pushing (see promote); a repository that is not on GitHub gets the branch only.
    logger.warning(
      `Pushed ${head}; ${plan.target.remote.display} is not a GitHub repository, so no pull request was opened. Open one from ${head} to ${base} with your git host.`
    )
    return undefined
  }
  const client = createGitHubClient({
    token: plan.token,
    baseUrl: plan.apiUrl,
    logger,
    retryUnitMs: plan.githubRetryUnitMs
  })
  const spec = {
    owner: github.owner,
    repo: github.repo,
    head,
    base,
    title: message.split('\n')[0],
    body: pullRequestBody(plan, diff),
    labels: plan.labels,
    autoMerge: plan.autoMerge
  }
  try {
    return await upsertPullRequest(client, spec, logger)
  } catch (error) {
    const status = statusOf(error)
    if (status === undefined) throw error
    throw new UserError({
      message: `The GitHub API answered ${status} while opening the pull request for ${head} in ${github.owner}/${github.repo}: ${(error as Error).message}`,
      hint:
        status === 401 || status === 403 || status === 404
          ? 'Check that the token may read the repository and write pull requests (pull-requests: write).'
          : `${head} was pushed; run promote again to open or update the pull request.`
    })
  }
}

/** Reads environments for the summary, one repository at a time; what cannot be read is warned about. */
async function readForSummary(
  locations: readonly EnvironmentLocation[],
  plan: PromotePlan,
  logger: Logger,
  unread: Set<string>
): Promise<DeployedRender[]> {
  const byRemote = new Map<string, EnvironmentLocation[]>()
  for (const l of locations) byRemote.set(l.remote.url, [...(byRemote.get(l.remote.url) ?? []), l])
  const out: DeployedRender[] = []
  for (const group of byRemote.values()) {
    try {
      out.push(...(await readDeployedRenders(group, plan.token, logger, plan.tempRoot)))
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      for (const l of group) unread.add(l.environment)
      logger.warning(
        `Could not read what ${group.map(l => l.environment).join(', ')} hold${group.length === 1 ? 's' : ''} in ${group[0].remote.display} for the summary (not a gate of ${plan.environment}): ${error.message.split('\n')[0]}`
      )
    }
  }
  return out
}

/** Same rendered content and the same images: promoting it again would change nothing that runs. */
function sameRelease(held: RenderRecord, incoming: RenderRecord): boolean {
  return (
    held.digest === incoming.digest &&
    JSON.stringify(held.images) === JSON.stringify(incoming.images)
  )
}
