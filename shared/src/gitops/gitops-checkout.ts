import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { checkBranchName } from '../boundary/paths.js'
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import { privateTempRoot } from '../runtime/private-temp.js'
import { configureGitAuth } from './git-auth-helper.js'
import type { GitLimits } from './git-process.js'
import { GitCommandManager } from './git-command-manager.js'
import type { GitRemote } from './remote.js'

const REMOTE = 'origin'

export interface OpenCheckoutOptions {
  readonly remote: GitRemote
  readonly token?: string
  /** The branch to work on; the remote's default branch when absent. */
  readonly branch?: string
  /** Folders to materialise (cone-mode sparse checkout); none means "no worktree files at all". */
  readonly sparseFolders: readonly string[]
  readonly logger: Logger
  /** Parent of the temporary clone; the run's private temp folder by default (runtime/private-temp.ts). */
  readonly tempRoot?: string
  /** Benchmarks only: a full (non-shallow, non-blobless, non-sparse) clone to compare against. */
  readonly fullClone?: boolean
  /** Time limits of every git command (git-process.ts); tests shorten them. */
  readonly gitLimits?: GitLimits
}

/**
 * A throwaway clone of one branch of a GitOps repository: shallow (depth 1), blobless and sparse to
 * the folders asked for, so its cost follows the size of those folders rather than the repository's
 * history. Blobs outside the cone are fetched lazily when read (`readFile`).
 */
export class GitopsCheckout {
  /** Set once the server refused a filtered fetch; retries then skip straight to a plain one. */
  private filterRefused = false

  private constructor(
    readonly git: GitCommandManager,
    readonly dir: string,
    readonly remote: GitRemote,
    readonly branch: string,
    private readonly cleanup: () => void,
    private readonly logger: Logger,
    private readonly fullClone: boolean
  ) {}

  static async open(options: OpenCheckoutOptions): Promise<GitopsCheckout> {
    const { logger } = options
    const root = mkdtempSync(join(options.tempRoot || privateTempRoot(), 'idp-gitops-'))
    const auth = configureGitAuth(options.remote.url, options.token, logger)
    const cleanup = () => {
      auth.remove()
      rmSync(root, { recursive: true, force: true })
    }
    try {
      const dir = join(root, 'repo')
      mkdirSync(dir)
      const git = (await GitCommandManager.create(dir, logger, {}, options.gitLimits)).withAuth(
        auth
      )
      const branch =
        options.branch ||
        (await reachable(options.remote, () => git.lsRemoteDefaultBranch(options.remote.url))) ||
        'main'
      // Inputs and the platform config are checked earlier; this also covers a remote's default branch.
      checkBranchName(branch, `The branch of ${options.remote.display}`)
      await git.init(branch)
      await git.remoteAdd(REMOTE, options.remote.url)
      // Nobody's hooks or attributes from the GitOps repository run here.
      await git.config('core.hooksPath', '/dev/null')
      if (!options.fullClone && options.sparseFolders.length > 0)
        await git.sparseCheckoutSet(options.sparseFolders)
      return new GitopsCheckout(
        git,
        dir,
        options.remote,
        branch,
        cleanup,
        logger,
        options.fullClone === true
      )
    } catch (error) {
      cleanup()
      throw error
    }
  }

  /** The remote tip of `branch` right now (ref state, straight from the server). */
  remoteTip(branch = this.branch): Promise<string | undefined> {
    return reachable(this.remote, () => this.git.lsRemoteBranch(REMOTE, branch))
  }

  /**
   * Fetches the tip of `branch` and makes the worktree match it; an absent branch gives an empty
   * orphan worktree. Returns the tip that the next commit will sit on (undefined for an orphan).
   */
  async resetToRemote(branch = this.branch): Promise<string | undefined> {
    const tip = await this.fetchTip(branch)
    if (!tip) {
      await this.git.checkoutOrphan(branch)
      return undefined
    }
    await this.git.checkoutReset(branch, this.remoteRef(branch))
    return this.git.revParse('HEAD')
  }

  /** Fetches the tip of `branch` (no worktree change); undefined when the branch does not exist. */
  async fetchTip(branch = this.branch): Promise<string | undefined> {
    if (!(await this.remoteTip(branch))) return undefined
    if (!(await this.fetch(branch))) {
      throw new UserError({
        message: `Could not fetch ${branch} from ${this.remote.display}, although the branch exists.`,
        hint: 'Run with debug logging (ACTIONS_STEP_DEBUG or --verbose) to see what git said.'
      })
    }
    return this.git.revParse(this.remoteRef(branch))
  }

  /** Fetches a branch tip without touching the worktree; false when git could not fetch it. */
  async fetch(branch: string): Promise<boolean> {
    if (this.fullClone) return this.git.tryFetchBranch(REMOTE, branch, {})
    if (this.filterRefused) return this.git.tryFetchBranch(REMOTE, branch, { depth: 1 })
    if (await this.git.tryFetchBranch(REMOTE, branch, { depth: 1, filter: 'blob:none' }))
      return true
    this.filterRefused = true
    // Some servers refuse partial clone outright (git already falls back by itself when a server
    // merely ignores the filter); a plain shallow fetch still works there.
    this.logger.info(
      `The server refused a blobless fetch of ${branch}; fetching it without a filter.`
    )
    // The failed attempt registered the remote as a partial-clone promisor; later fetches would
    // keep asking for the filter.
    for (const key of [
      `remote.${REMOTE}.promisor`,
      `remote.${REMOTE}.partialclonefilter`,
      'extensions.partialclone'
    ])
      await this.git.tryConfigUnset(key)
    return this.git.tryFetchBranch(REMOTE, branch, { depth: 1 })
  }

  /** A file's text at a fetched revision, or undefined when it does not exist there. */
  readFile(rev: string, path: string): Promise<string | undefined> {
    return this.git.tryShowFile(rev, path)
  }

  remoteRef(branch: string): string {
    return `refs/remotes/${REMOTE}/${branch}`
  }

  get remoteName(): string {
    return REMOTE
  }

  /** Removes the clone and the auth file; call in `finally`. */
  close(): void {
    this.cleanup()
  }
}

/**
 * Runs a call that talks to the remote; failing to reach or authenticate is the user's to fix (a
 * wrong name, a missing or under-scoped token), so it becomes a user error with git's own words.
 */
async function reachable<T>(remote: GitRemote, call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    throw new UserError({
      // git's stderr on one line: one message, however many lines git printed.
      message: `Could not reach ${remote.display}: ${(error as Error).message.trim().replace(/\s*\n\s*/g, ' ')}`,
      hint: 'Check the repository name and that the token may read and push to it.'
    })
  }
}
