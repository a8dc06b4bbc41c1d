import { join } from 'node:path'
import { listServiceFolder } from '../boundary/folders.js'
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import type { BackoffPolicy } from './backoff.js'
import { attemptResult, pushRefused, racesLost, waitToReapply } from './attempts.js'
import { isDirectory, normaliseRepoPath, replaceFolder } from './folder.js'
import type { CommitIdentity } from './git-command-manager.js'
import type { GitLimits } from './git-process.js'
import { GitopsCheckout } from './gitops-checkout.js'
import { publishFolderByPath } from './publish-path.js'
import type { GitRemote } from './remote.js'

export const DEFAULT_IDENTITY: CommitIdentity = {
  name: 'github-actions[bot]',
  email: '41898282+github-actions[bot]@users.noreply.github.com'
}

/** What a caller sees of the target before its folder is replaced (on every attempt). */
export interface TargetView {
  /** The checked-out (sparse) worktree; `<worktree>/<targetPath>` holds the current content. */
  readonly worktree: string
  readonly targetPath: string
  /** The base tip this attempt builds on; undefined when the branch does not exist yet. */
  readonly tip: string | undefined
  /** Reads any file of the base tip (blobs outside the cone are fetched on demand). */
  readFile(path: string): Promise<string | undefined>
  /** With `pushBranch`: reads a file of that branch's current tip (undefined if either is absent). */
  readPushBranchFile(path: string): Promise<string | undefined>
}

export interface PublishFolderOptions {
  readonly remote: GitRemote
  /** Masked and handed to git through a temporary config include; never in a URL or argv. */
  readonly token?: string
  /** The branch to publish onto; the remote's default branch when absent. */
  readonly branch?: string
  /** The folder inside the repository that becomes exactly `sourceFolder` (e.g. `envs/prod/checkout`). */
  readonly targetPath: string
  /** A local folder; its whole contents (dot-folders included) become `targetPath`. */
  readonly sourceFolder: string
  /** The full commit message, trailers included. */
  readonly message: string
  readonly author?: CommitIdentity
  /** Attempts before giving up on lost push races (default 10). */
  readonly maxAttempts?: number
  readonly backoff?: BackoffPolicy
  /**
   * Pull-request style: commit on top of `branch` but push to this branch instead, replacing it
   * (with a lease on the tip we saw). Nothing is pushed when that branch already holds the same tree.
   */
  readonly pushBranch?: string
  /** Compute `changed` (and run `inspect`) without committing or pushing. */
  readonly dryRun?: boolean
  /**
   * Runs on every attempt after the reset to the remote tip and before `sourceFolder` is copied in:
   * throw (a UserError) to refuse, or rewrite `sourceFolder` from what the tip holds (a merge the
   * caller owns, e.g. the catalog's file).
   */
  readonly inspect?: (view: TargetView) => Promise<void>
  readonly logger: Logger
  readonly tempRoot?: string
  /** Benchmarks only: clone everything instead of shallow/blobless/sparse. */
  readonly fullClone?: boolean
  /** Time limits of every git command (default: git-process.ts); tests shorten them. */
  readonly gitLimits?: GitLimits
}

export interface PublishFolderResult {
  /** False when the target already held exactly this content (no commit was made). */
  readonly changed: boolean
  /** The commit now at the pushed branch's tip ('' in a dry run that would commit). */
  readonly commitSha: string
  /** The base tip the result is built on ('' for a new branch). */
  readonly baseSha: string
  /** The branch the commit is built on (the input, or the remote's default branch). */
  readonly baseBranch: string
  /** The branch that was (or, in a dry run, would be) pushed. */
  readonly pushedBranch: string
  /** False when nothing had to be pushed (no change, a dry run, or the PR branch was current). */
  readonly pushed: boolean
  readonly attempts: number
}

/**
 * Publishes a local folder to a folder of a git repository as one commit, safely against concurrent
 * writers: the generic engine behind `promote` (and the central catalog), not tied to manifests.
 *
 * Each attempt fetches the branch tip (shallow, blobless, sparse to `targetPath`), replaces the folder
 * with `sourceFolder`, commits only when the tree changed, and pushes. A failed push is judged by ref
 * state, never by the server's wording: if the remote tip moved away from the base we built on, the
 * race was lost and the same folder is re-applied on the new tip after a jittered backoff (1 s × 1.5,
 * ≤ 30 s); other writers' files are never rebased or merged textually. If the remote already holds our
 * commit the push counts as done; otherwise the push failed for a real reason and that is reported.
 */
export async function publishFolder(options: PublishFolderOptions): Promise<PublishFolderResult> {
  const { logger } = options
  const targetPath = normaliseRepoPath(options.targetPath)
  if (!isDirectory(options.sourceFolder)) {
    throw new UserError({
      message: `The folder to publish, '${options.sourceFolder}', does not exist or is not a folder.`
    })
  }
  // Only regular files and folders are committed: never a link, a nested .git or a special file.
  listServiceFolder(options.sourceFolder, options.sourceFolder, {
    what: 'The folder to publish',
    symlinks: 'refuse'
  })
  const maxAttempts = Math.max(1, options.maxAttempts ?? 10)
  const checkout = await GitopsCheckout.open({
    remote: options.remote,
    token: options.token,
    branch: options.branch,
    // The path-only route needs no worktree; the sparse checkout is set up only if it is refused.
    sparseFolders: [],
    logger,
    tempRoot: options.tempRoot,
    fullClone: options.fullClone,
    gitLimits: options.gitLimits
  })
  try {
    // The target path alone (publish-path.ts); the sparse checkout below serves servers that refuse
    // the tree-less fetch that needs.
    if (!options.fullClone) {
      const byPath = await publishFolderByPath(options, checkout, targetPath, maxAttempts)
      if (byPath) return byPath
      await checkout.git.sparseCheckoutSet([targetPath])
    }
    const { git, branch } = checkout
    const pushedBranch = options.pushBranch ?? branch
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const base = await checkout.resetToRemote(branch)
      const at = base ?? 'HEAD'
      // The pull-request branch as this attempt sees it: what `inspect` reads, and the push's lease.
      const pushTip = options.pushBranch ? await checkout.fetchTip(options.pushBranch) : undefined
      if (options.inspect) {
        await options.inspect({
          worktree: checkout.dir,
          targetPath,
          tip: base,
          readFile: path => (base ? checkout.readFile(at, path) : Promise.resolve(undefined)),
          readPushBranchFile: path =>
            pushTip ? checkout.readFile(pushTip, path) : Promise.resolve(undefined)
        })
      }
      replaceFolder(checkout.dir, targetPath, options.sourceFolder)
      await git.addAll(targetPath)
      const result = attemptResult({ base, branch, pushedBranch, attempt })
      if (!(await git.hasStagedChanges())) {
        logger.info(`${targetPath} on ${branch} already holds this content; nothing to commit.`)
        return result(false, base ?? '', false)
      }
      if (options.dryRun) return result(true, '', false)
      const commit = await git.commit(options.message, options.author ?? DEFAULT_IDENTITY)

      // The branch the push replaces: the base for a direct push, the PR branch's tip otherwise.
      let expected = base
      if (options.pushBranch) {
        expected = pushTip
        if (pushTip) {
          const theirs = await git.tryRevParse(`${pushTip}^{tree}`)
          const ours = await git.revParse(`${commit}^{tree}`)
          // The whole tree: equal means same folder on the same base content.
          if (theirs === ours) {
            logger.info(`${pushedBranch} already holds this content on top of ${branch}.`)
            return result(true, pushTip, false)
          }
        }
      }
      const push = await git.push(
        checkout.remoteName,
        pushedBranch,
        options.pushBranch ? { expectedOld: expected ?? null } : {}
      )
      if (push.exitCode === 0) {
        logger.info(`Pushed ${commit.slice(0, 12)} to ${pushedBranch} (attempt ${attempt}).`)
        return result(true, commit, true)
      }
      const now = await checkout.remoteTip(pushedBranch)
      if (now === commit) {
        logger.info(`Push reported failure but ${pushedBranch} holds ${commit.slice(0, 12)}.`)
        return result(true, commit, true)
      }
      if (now === expected) {
        throw pushRefused(pushedBranch, options.remote.display, push.stderr)
      }
      if (attempt === maxAttempts) break
      await waitToReapply(logger, options.backoff, {
        attempt,
        maxAttempts,
        pushedBranch,
        movedTo: now,
        targetPath,
        during: 'pushing'
      })
    }
    throw racesLost(maxAttempts, 'other pushes', pushedBranch, options.remote.display)
  } finally {
    checkout.close()
  }
}

/** Where in the worktree a repo path lives (for callers of `inspect`). */
export function worktreePath(view: TargetView, path = view.targetPath): string {
  return join(view.worktree, path)
}
