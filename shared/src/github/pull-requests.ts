import type { Logger } from '../runtime/logger.js'
import type { GitHubClient } from './client.js'
import { gitHubErrorReason, statusOf } from './client.js'

/** GitHub refuses bodies longer than this (issues, pull requests and comments alike). */
export const MAX_BODY_CHARS = 65536

export type MergeMethod = 'merge' | 'squash' | 'rebase'

export interface PullRequestSpec {
  readonly owner: string
  readonly repo: string
  /** The branch with the change (in the same repository). */
  readonly head: string
  readonly base: string
  readonly title: string
  readonly body: string
  readonly labels?: readonly string[]
  /** Turns on native auto-merge (merge-queue aware) with this method. */
  readonly autoMerge?: MergeMethod
}

export interface PullRequestResult {
  readonly number: number
  readonly url: string
  readonly operation: 'created' | 'updated'
  /** False when auto-merge was asked for but GitHub refused it (the reason is logged). */
  readonly autoMergeEnabled?: boolean
}

interface PullResponse {
  readonly number: number
  readonly html_url: string
  readonly node_id: string
}

/**
 * Opens one pull request from `head` to `base`, or updates the open one (title and body), then adds
 * labels and enables auto-merge. A 422 on create means another run opened it first: it is updated.
 */
export async function upsertPullRequest(
  client: GitHubClient,
  spec: PullRequestSpec,
  logger: Logger
): Promise<PullRequestResult> {
  const body = truncateBody(spec.body)
  let pull = await findOpenPullRequest(client, spec)
  let operation: PullRequestResult['operation'] = 'updated'
  if (!pull) {
    try {
      const created = await client.request('POST /repos/{owner}/{repo}/pulls', {
        owner: spec.owner,
        repo: spec.repo,
        head: spec.head,
        base: spec.base,
        title: spec.title,
        body
      })
      pull = created.data as PullResponse
      operation = 'created'
    } catch (error) {
      if (statusOf(error) !== 422) throw error
      pull = await findOpenPullRequest(client, spec)
      if (!pull) throw error
    }
  }
  if (operation === 'updated') {
    await client.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
      owner: spec.owner,
      repo: spec.repo,
      pull_number: pull.number,
      title: spec.title,
      body
    })
  }
  logger.info(`Pull request #${pull.number} ${operation}: ${pull.html_url}`)
  if (spec.labels && spec.labels.length > 0) {
    await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
      owner: spec.owner,
      repo: spec.repo,
      issue_number: pull.number,
      labels: [...spec.labels]
    })
  }
  let autoMergeEnabled: boolean | undefined
  if (spec.autoMerge) autoMergeEnabled = await enableAutoMerge(client, pull, spec.autoMerge, logger)
  return { number: pull.number, url: pull.html_url, operation, autoMergeEnabled }
}

async function findOpenPullRequest(
  client: GitHubClient,
  spec: PullRequestSpec
): Promise<PullResponse | undefined> {
  const response = await client.request('GET /repos/{owner}/{repo}/pulls', {
    owner: spec.owner,
    repo: spec.repo,
    state: 'open',
    head: `${spec.owner}:${spec.head}`,
    base: spec.base,
    per_page: 10
  })
  return (response.data as PullResponse[])[0]
}

/** GraphQL `enablePullRequestAutoMerge`; a refusal (auto-merge off for the repo) is a warning. */
async function enableAutoMerge(
  client: GitHubClient,
  pull: PullResponse,
  method: MergeMethod,
  logger: Logger
): Promise<boolean> {
  try {
    await client.graphql(
      `mutation($id: ID!, $mergeMethod: PullRequestMergeMethod!) {
        enablePullRequestAutoMerge(input: { pullRequestId: $id, mergeMethod: $mergeMethod }) {
          pullRequest { number }
        }
      }`,
      { id: pull.node_id, mergeMethod: method.toUpperCase() }
    )
    logger.info(`Auto-merge (${method}) enabled on #${pull.number}.`)
    return true
  } catch (error) {
    logger.warning(
      `Could not enable auto-merge on #${pull.number}: ${gitHubErrorReason(error)}. Allow auto-merge in the repository settings, or merge by hand.`
    )
    return false
  }
}

/** Cuts a body to GitHub's limit, saying so at the end. */
export function truncateBody(body: string): string {
  if (body.length <= MAX_BODY_CHARS) return body
  const note =
    '\n\n… (cut to fit GitHub’s 65,536-character limit; the full diff is in the job summary)\n'
  return body.slice(0, MAX_BODY_CHARS - note.length) + note
}
