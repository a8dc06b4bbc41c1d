import { join } from 'node:path'
import { listServiceFolder } from '../boundary/files.js'
import { UserError } from '../runtime/errors.js'
import { backoffDelay, DEFAULT_BACKOFF, sleep } from './backoff.js'
import type { GitopsCheckout } from './gitops-checkout.js'
import { PathTrees } from './path-tree.js'
import type { PublishFolderOptions, PublishFolderResult } from './publish-folder.js'
import { DEFAULT_IDENTITY } from './publish-folder.js'

/**
 * `publishFolder` on the target path alone. Each attempt fetches the branch tip as a commit with no
 * trees (`--depth=1 --filter=tree:0`), then only the trees on the path to the target folder and that
 * folder's own subtree (path-tree.ts); the new folder is written as a tree, the trees above it are
 * rewritten with `git mktree`, every folder beside the path is kept by id and never downloaded, and
 * the commit is pushed. Races, leases and refusals are judged exactly as in publish-folder.ts.
 *
 * Returns undefined, having changed nothing, when the server refuses the `tree:0` filter on the first
 * fetch: the caller then uses the sparse checkout.
 */
export async function publishFolderByPath(
  options: PublishFolderOptions,
  checkout: GitopsCheckout,
  targetPath: string,
  maxAttempts: number
): Promise<PublishFolderResult | undefined> {
  const { logger } = options
  const { git, branch } = checkout
  const remote = checkout.remoteName
  const trees = new PathTrees(git, remote)
  const pushedBranch = options.pushBranch ?? branch
  const files = () => {
    const listed = listServiceFolder(options.sourceFolder, options.sourceFolder, {
      what: 'The folder to publish',
      symlinks: 'refuse'
    })
    if (listed.some(f => f.includes('\n')))
      throw new UserError({ message: 'A file name in the folder to publish holds a line break.' })
    return listed
  }
  /** The tip of a branch as a commit without trees; undefined when the branch does not exist. */
  const fetchCommit = async (name: string): Promise<string | undefined | false> => {
    if (!(await checkout.remoteTip(name))) return undefined
    if (!(await git.tryFetchBranch(remote, name, { depth: 1, filter: 'tree:0' }))) return false
    return git.revParse(checkout.remoteRef(name))
  }
  const rootOf = (commit: string | undefined) =>
    commit ? git.treeOf(commit) : Promise.resolve(undefined)

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const fetched = await fetchCommit(branch)
    if (fetched === false) {
      if (attempt === 1) {
        logger.info(`The server refused a tree-less fetch of ${branch}; using a sparse checkout.`)
        return undefined
      }
      throw new UserError({
        message: `Could not fetch ${branch} from ${options.remote.display}, although the branch exists.`,
        hint: 'Run with debug logging (ACTIONS_STEP_DEBUG or --verbose) to see what git said.'
      })
    }
    const base = fetched
    const root = await rootOf(base)
    const levels = root ? await trees.chain(root, targetPath) : []
    const depth = targetPath.split('/').length
    const result = (changed: boolean, commitSha: string, pushed: boolean) => ({
      changed,
      commitSha,
      baseSha: base ?? '',
      baseBranch: branch,
      pushedBranch,
      pushed,
      attempts: attempt
    })
    if (options.inspect) {
      const worktree = join(checkout.dir, '..', `view-${attempt}`)
      const folder = join(worktree, targetPath)
      if (levels.length === depth + 1) await trees.materialise(levels[depth].id, folder)
      const pushTip = options.pushBranch ? await fetchCommit(options.pushBranch) : undefined
      const pushRoot = pushTip ? await rootOf(pushTip) : undefined
      await options.inspect({
        worktree,
        targetPath,
        tip: base,
        readFile: path => trees.readFile(root, path),
        readPushBranchFile: path => trees.readFile(pushRoot, path)
      })
    }
    const folderTree = await trees.writeFolder(options.sourceFolder, files())
    const newRoot =
      (await trees.replaceOnPath(levels, targetPath, folderTree)) ?? (await git.mkTree([]))
    if (newRoot === root) {
      logger.info(`${targetPath} on ${branch} already holds this content; nothing to commit.`)
      return result(false, base ?? '', false)
    }
    if (options.dryRun) return result(true, '', false)
    const parents = base ? [base] : []
    const commit = await git.commitTree(
      newRoot,
      parents,
      options.message,
      options.author ?? DEFAULT_IDENTITY
    )

    let expected = base
    if (options.pushBranch) {
      expected = await checkout.remoteTip(pushedBranch)
      const theirs = expected ? await fetchCommit(pushedBranch) : undefined
      if (theirs && theirs === expected && (await rootOf(theirs)) === newRoot) {
        logger.info(`${pushedBranch} already holds this content on top of ${branch}.`)
        return result(true, expected, false)
      }
    }
    const push = await git.push(remote, pushedBranch, {
      ...(options.pushBranch ? { expectedOld: expected ?? null } : {}),
      source: commit
    })
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
      throw new UserError({
        message: `Pushing to ${pushedBranch} of ${options.remote.display} was refused, and the branch did not move: ${firstLines(push.stderr)}`,
        hint: 'Check that the token may push to this branch and that no branch protection or hook rejects the commit.'
      })
    }
    if (attempt === maxAttempts) break
    const wait = backoffDelay(attempt, options.backoff ?? DEFAULT_BACKOFF)
    logger.info(
      `${pushedBranch} moved to ${now?.slice(0, 12) ?? '(deleted)'} while pushing (attempt ${attempt}/${maxAttempts}); re-applying ${targetPath} on the new tip in ${(wait / 1000).toFixed(1)} s.`
    )
    await sleep(wait)
  }
  throw new UserError({
    message: `Gave up after ${maxAttempts} attempts: other pushes to ${pushedBranch} of ${options.remote.display} kept winning the race.`,
    hint: "Raise 'max-attempts', or spread promotions to this branch over time."
  })
}

function firstLines(text: string): string {
  return text.trim().split('\n').slice(0, 4).join(' ').slice(0, 500) || '(git printed nothing)'
}
