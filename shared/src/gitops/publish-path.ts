import { join } from 'node:path'
import { listServiceFolder } from '../boundary/folders.js'
import { UserError } from '../runtime/errors.js'
import { backoffDelay, DEFAULT_BACKOFF, sleep } from './backoff.js'
import { attemptResult, pushRefused, racesLost, waitToReapply } from './attempts.js'
import type { GitopsCheckout } from './gitops-checkout.js'
import { PathTrees, ReadFailure } from './path-tree.js'
import type { PublishFolderOptions, PublishFolderResult } from './publish-folder.js'
import { DEFAULT_IDENTITY } from './publish-folder.js'

/**
 * `publishFolder` on the target path alone. Each attempt fetches the branch tip as a commit with its
 * root tree and no folder (`--depth=1 --filter=tree:1`), then only the trees of the folders above
 * the target folder, one fetch each, and the target folder's trees without its files in one more
 * (path-tree.ts); the new folder is written as a tree, the trees above it are rewritten with
 * `git mktree`, every folder beside the path is kept by id and never downloaded, and
 * the commit is pushed. Races, leases and refusals are judged exactly as in publish-folder.ts.
 *
 * Returns undefined, having changed nothing, when the server refuses the tree filters on the first
 * fetches: the caller then uses the sparse checkout.
 */
/** Failed reads tried again per promotion before it fails with one message. */
const READ_RETRIES = 4 // in a row
/** Pushes that failed without the branch moving, tried again before that counts as a refusal. */
const PUSH_RETRIES = 2

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
  let treeLessWorked = false
  let reached = false
  // The tip's commit comes with its root tree (`tree:1`: the root tree alone, none of its files or
  // folders), saving a round trip; a server that allows only `tree:0` gets the root fetched apart.
  let tipFilter = 'tree:1'
  /**
   * The tip of a branch and its root tree id (commit without folders); undefined when the branch does
   * not exist. The fetch comes first: the branch's absence is asked of the server only when it fails.
   */
  const fetchTip = async (name: string): Promise<Tip | undefined> => {
    if (await git.tryFetchBranch(remote, name, { depth: 1, filter: tipFilter })) {
      reached = true
      treeLessWorked = true
      const tip = await git.commitAndTree(checkout.remoteRef(name))
      if (tipFilter === 'tree:1') trees.arrived(tip.tree)
      return tip
    }
    // A failed fetch: the branch is absent, or the read failed. Ref state tells them apart.
    let exists: string | undefined
    try {
      exists = await checkout.remoteTip(name)
      reached = true
    } catch (error) {
      // A remote never reached is a wrong name or token: said at once, with its hint. Once it was
      // reached, a failure is the server's and worth another try.
      if (!reached) throw error
      throw new ReadFailure((error as Error).message.split('\n')[0])
    }
    if (!exists) return undefined
    if (tipFilter === 'tree:1') {
      logger.debug(`Fetching ${name} with its root tree failed; fetching trees one by one.`)
      tipFilter = 'tree:0'
    }
    throw new ReadFailure(`could not fetch ${name}`, true)
  }
  /** The branch's tip after a push, read again when the read itself fails (the push may have landed). */
  const tipAfterPush = async (name: string): Promise<string | undefined> => {
    for (let tries = 1; ; tries++) {
      try {
        return await checkout.remoteTip(name)
      } catch (error) {
        if (tries > READ_RETRIES) throw error
        await sleep(backoffDelay(tries, options.backoff ?? DEFAULT_BACKOFF))
      }
    }
  }
  // Reads that fail (a cut connection, a 5xx, a stall) are tried again a few times; a server that
  // never serves a tree-less fetch gets the sparse checkout instead.
  let readFailures = 0
  let treeLessFailures = 0
  let pushFailures = 0
  let views = 0
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let outcome: Awaited<ReturnType<typeof prepare>>
    try {
      outcome = await prepare(attempt)
    } catch (error) {
      if (!(error instanceof ReadFailure)) throw error
      readFailures++
      if (error.treeLess) treeLessFailures++
      if (!treeLessWorked && treeLessFailures >= 3) {
        logger.info(`The server refused a tree-less fetch of ${branch}; using a sparse checkout.`)
        return undefined
      }
      if (readFailures > READ_RETRIES) {
        throw new UserError({
          message: `Could not read ${branch} of ${options.remote.display} (${READ_RETRIES + 1} tries): ${error.message}.`,
          hint: 'The server failed, cut the connection or stalled each time; run promote again later.'
        })
      }
      logger.info(`Reading ${branch} failed (${error.message}); trying again.`)
      await sleep(backoffDelay(readFailures, options.backoff ?? DEFAULT_BACKOFF))
      attempt--
      continue
    }
    // The budgets count failures in a row: a long race with many readers must not use them up.
    readFailures = 0
    if ('done' in outcome) return outcome.done
    const { commit, base, pushTip, result } = outcome

    // A pull-request branch is replaced only while it holds the tip this attempt read (and inspected).
    let expected = base
    if (options.pushBranch) {
      expected = pushTip?.commit
      if (pushTip && pushTip.tree === outcome.newRoot) {
        logger.info(`${pushedBranch} already holds this content on top of ${branch}.`)
        return result(true, pushTip.commit, false)
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
    const now = await tipAfterPush(pushedBranch)
    if (now === commit) {
      logger.info(`Push reported failure but ${pushedBranch} holds ${commit.slice(0, 12)}.`)
      return result(true, commit, true)
    }
    if (now === expected && ++pushFailures <= PUSH_RETRIES) {
      // Nothing moved: a refusal, or a connection cut before the server took the push. Another
      // try tells them apart without reading git's wording (a refusal is refused again).
      logger.info(`Pushing to ${pushedBranch} failed and the branch did not move; trying again.`)
      await sleep(backoffDelay(pushFailures, options.backoff ?? DEFAULT_BACKOFF))
      attempt--
      continue
    }
    if (now === expected) {
      throw pushRefused(pushedBranch, options.remote.display, push.stderr)
    }
    pushFailures = 0
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

  /** One attempt up to the commit: read the tip and the path, inspect, build the new tree. */
  async function prepare(attempt: number) {
    const baseTip = await fetchTip(branch)
    const base = baseTip?.commit
    const root = baseTip?.tree
    // The pull-request branch as this attempt sees it: what `inspect` reads, and the push's lease.
    const pushTip = options.pushBranch ? await fetchTip(options.pushBranch) : undefined
    const { levels, target } = root ? await trees.chain(root, targetPath) : { levels: [] }
    const result = attemptResult({ base, branch, pushedBranch, attempt })
    if (options.inspect) {
      const worktree = join(checkout.dir, '..', `view-${++views}`)
      const folder = join(worktree, targetPath)
      if (target) await trees.materialise(target, folder)
      await options.inspect({
        worktree,
        targetPath,
        tip: base,
        readFile: path => trees.readFile(root, path),
        readPushBranchFile: path => trees.readFile(pushTip?.tree, path)
      })
    }
    const folderTree = await trees.writeFolder(options.sourceFolder, files())
    const newRoot =
      (await trees.replaceOnPath(levels, targetPath, folderTree)) ?? (await git.mkTree([]))
    if (newRoot === root) {
      logger.info(`${targetPath} on ${branch} already holds this content; nothing to commit.`)
      return { done: result(false, base ?? '', false) }
    }
    if (options.dryRun) return { done: result(true, '', false) }
    if (target) await trees.fetchFolderTrees(target)
    const parents = base ? [base] : []
    const commit = await git.commitTree(
      newRoot,
      parents,
      options.message,
      options.author ?? DEFAULT_IDENTITY
    )
    return { commit, base, pushTip, newRoot, result }
  }
}

/** A fetched branch tip: its commit and that commit's root tree. */
interface Tip {
  readonly commit: string
  readonly tree: string
}
