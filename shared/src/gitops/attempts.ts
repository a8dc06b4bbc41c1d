// What the publish attempt loops share, whether they push with git (publish-folder.ts,
// publish-path.ts) or move the ref through the GitHub API (github/publish-folder-api.ts): the result
// an attempt reports, the wait before re-applying on a tip that moved, and the errors once the
// branch refused or every attempt lost the race. Spawns nothing and calls nothing.
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import type { BackoffPolicy } from './backoff.js'
import { backoffDelay, DEFAULT_BACKOFF, sleep } from './backoff.js'
import type { PublishFolderResult } from './publish-folder.js'

/** Where one attempt stands: the tip it read of `branch` (none for a new branch), and what it writes. */
export interface AttemptScope {
  readonly base: string | undefined
  readonly branch: string
  readonly pushedBranch: string
  readonly attempt: number
}

/** The attempt's result, as publishFolder returns it, from what happened to the commit. */
export function attemptResult(
  scope: AttemptScope
): (changed: boolean, commitSha: string, pushed: boolean) => PublishFolderResult {
  return (changed, commitSha, pushed) => ({
    changed,
    commitSha,
    baseSha: scope.base ?? '',
    baseBranch: scope.branch,
    pushedBranch: scope.pushedBranch,
    pushed,
    attempts: scope.attempt
  })
}

/** A lost race: `pushedBranch` moved to `movedTo` while attempt `attempt` was `during` its write. */
export interface LostRace {
  readonly attempt: number
  readonly maxAttempts: number
  readonly pushedBranch: string
  readonly movedTo: string | undefined
  readonly targetPath: string
  readonly during: 'pushing' | 'committing'
}

/** Says that the race was lost and waits out the backoff before the next attempt re-applies. */
export async function waitToReapply(
  logger: Logger,
  backoff: BackoffPolicy | undefined,
  race: LostRace
): Promise<void> {
  const { attempt, maxAttempts, pushedBranch, movedTo, targetPath, during } = race
  const wait = backoffDelay(attempt, backoff ?? DEFAULT_BACKOFF)
  logger.info(
    `${pushedBranch} moved to ${movedTo?.slice(0, 12) ?? '(deleted)'} while ${during} (attempt ${attempt}/${maxAttempts}); re-applying ${targetPath} on the new tip in ${(wait / 1000).toFixed(1)} s.`
  )
  await sleep(wait)
}

/** Every attempt lost the race to `rivals` (other pushes, other writers) on the branch. */
export function racesLost(
  maxAttempts: number,
  rivals: string,
  pushedBranch: string,
  remoteDisplay: string
): UserError {
  return new UserError({
    message: `Gave up after ${maxAttempts} attempts: ${rivals} to ${pushedBranch} of ${remoteDisplay} kept winning the race.`,
    hint: "Raise 'max-attempts', or spread promotions to this branch over time."
  })
}

/** git refused the push and the branch stayed where the attempt read it: a refusal, not a race. */
export function pushRefused(
  pushedBranch: string,
  remoteDisplay: string,
  stderr: string
): UserError {
  return new UserError({
    message: `Pushing to ${pushedBranch} of ${remoteDisplay} was refused, and the branch did not move: ${firstLines(stderr)}`,
    hint: 'Check that the token may push to this branch and that no branch protection or hook rejects the commit.'
  })
}

function firstLines(text: string): string {
  return text.trim().split('\n').slice(0, 4).join(' ').slice(0, 500) || '(git printed nothing)'
}
