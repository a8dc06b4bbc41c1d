import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { listServiceFolder } from '../boundary/folders.js'
import { checkBranchName } from '../boundary/paths.js'
import { attemptResult, racesLost, waitToReapply } from '../gitops/attempts.js'
import { normaliseRepoPath } from '../gitops/folder.js'
import type { PublishFolderOptions, PublishFolderResult } from '../gitops/publish-folder.js'
import { UserError } from '../runtime/errors.js'
import { privateTempRoot } from '../runtime/private-temp.js'
import type { GitHubClient } from './client.js'
import { GitHubApiError, gitHubErrorReason, statusOf } from './client.js'
import type { GitTreeEntry, RepositoryRef } from './git-data-reader.js'
import { GitDataReader, gitBlobSha } from './git-data-reader.js'

export interface ApiPublishOptions extends PublishFolderOptions {
  readonly client: GitHubClient
  readonly repository: RepositoryRef
}

interface WantedFile {
  readonly mode: string
  readonly sha: string
  readonly content: Buffer
}

type TreeWrite = { path: string; mode: string; type: string; sha: string | null }

/** Blob reads and uploads in flight at once (GitHub's secondary limits favour few parallel calls). */
const PARALLEL = 6

/**
 * `publishFolder` without a clone, through GitHub's Git Data API: read the branch's ref, the trees on
 * the path to the target folder and that folder's subtree; upload only the blobs GitHub lacks; create
 * one tree on `base_tree` (changed files, and `sha: null` for files no longer rendered); create the
 * commit (author and committer left to GitHub unless an author is configured, so App and GITHUB_TOKEN
 * commits are signed and show as Verified); move the ref without force. A refused or unanswered ref update is judged by ref
 * state, as the git path judges a push: our commit there → done; the ref moved → the race was lost,
 * re-read and re-apply after a backoff; the ref did not move → a real refusal, reported.
 */
export async function publishFolderViaApi(
  options: ApiPublishOptions
): Promise<PublishFolderResult> {
  const { logger, repository } = options
  const targetPath = normaliseRepoPath(options.targetPath)
  const reader = new GitDataReader(options.client, repository)
  const scratch = mkdtempSync(join(options.tempRoot || privateTempRoot(), 'idp-api-'))
  const maxAttempts = Math.max(1, options.maxAttempts ?? 10)
  try {
    return await explained(options, async () => {
      const about = memo(() => repositoryInfo(options.client, repository))
      const branch = options.branch || (await about()).default_branch
      checkBranchName(branch, `The branch of ${options.remote.display}`)
      const pushedBranch = options.pushBranch ?? branch
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const base = await reader.branchTip(branch)
        // The proposal branch's tip as this attempt sees it: what `inspect` (the stale-render guard)
        // reads, and the lease of the update, so nothing it did not see is ever replaced.
        const pushTip = options.pushBranch ? await reader.branchTip(options.pushBranch) : undefined
        const rootTree = base ? await reader.commitTree(base) : undefined
        const held = await heldFolder(reader, rootTree, targetPath, branch)
        const result = attemptResult({ base, branch, pushedBranch, attempt })
        if (options.inspect) {
          const worktree = join(scratch, `attempt-${attempt}`)
          await materialise(reader, join(worktree, targetPath), held)
          await options.inspect({
            worktree,
            targetPath,
            tip: base,
            readFile: path => reader.readFile(base, path),
            readPushBranchFile: path => reader.readFile(pushTip, path)
          })
        }
        const wanted = readSourceFolder(options.sourceFolder)
        const writes: TreeWrite[] = []
        for (const [rel, file] of wanted) {
          const old = held.get(rel)
          if (old?.sha !== file.sha || old.mode !== file.mode)
            writes.push({
              path: `${targetPath}/${rel}`,
              mode: file.mode,
              type: 'blob',
              sha: file.sha
            })
        }
        for (const [rel, old] of held)
          if (!wanted.has(rel))
            writes.push({ path: `${targetPath}/${rel}`, mode: old.mode, type: old.type, sha: null })
        if (writes.length === 0) {
          logger.info(`${targetPath} on ${branch} already holds this content; nothing to commit.`)
          return result(false, base ?? '', false)
        }
        if (options.dryRun) return result(true, '', false)

        const known = new Set([...held.values()].map(e => e.sha))
        const uploads = [...wanted.values()].filter(f => !known.has(f.sha))
        await inParallel(uploads, async file => {
          const response = await options.client.request('POST /repos/{owner}/{repo}/git/blobs', {
            ...repository,
            content: file.content.toString('base64'),
            encoding: 'base64'
          })
          if ((response.data as { sha: string }).sha !== file.sha)
            throw new Error(
              `GitHub stored a blob under another SHA than git computes (${file.sha}).`
            )
        })
        const tree = await post<{ sha: string }>(
          options.client,
          'POST /repos/{owner}/{repo}/git/trees',
          {
            ...repository,
            ...(rootTree ? { base_tree: rootTree } : {}),
            tree: writes
          }
        )
        // GitHub signs a commit it creates for an App or GITHUB_TOKEN (Verified) only when neither
        // author nor committer is given; a configured author is kept, and the commit is unsigned.
        const author = options.author
        const commit = (
          await post<{ sha: string }>(options.client, 'POST /repos/{owner}/{repo}/git/commits', {
            ...repository,
            message: options.message,
            tree: tree.sha,
            parents: base ? [base] : [],
            ...(author
              ? {
                  author: { name: author.name, email: author.email, date: new Date().toISOString() }
                }
              : {})
          })
        ).sha

        // The ref the update replaces: the base for a direct write, the PR branch's tip otherwise.
        let expected = base
        if (options.pushBranch) {
          expected = pushTip
          if (expected && (await reader.commitTree(expected)) === tree.sha) {
            logger.info(`${pushedBranch} already holds this content on top of ${branch}.`)
            return result(true, expected, false)
          }
        }
        let failure: unknown
        try {
          if (options.pushBranch)
            await replaceRef(
              options.client,
              (await about()).node_id,
              pushedBranch,
              commit,
              expected
            )
          else await moveRef(options.client, repository, pushedBranch, commit, expected)
          logger.info(
            `Committed ${commit.slice(0, 12)} to ${pushedBranch} through the GitHub API (attempt ${attempt}).`
          )
          return result(true, commit, true)
        } catch (error) {
          if (statusOf(error) === undefined && !isGraphqlRefusal(error)) throw error
          failure = error
        }
        const now = await reader.branchTip(pushedBranch)
        if (now === commit) {
          logger.info(
            `The ref update reported failure but ${pushedBranch} holds ${commit.slice(0, 12)}.`
          )
          return result(true, commit, true)
        }
        if (now === expected) {
          throw new UserError({
            message: `GitHub refused to move ${pushedBranch} of ${options.remote.display}, and the branch did not move: ${gitHubErrorReason(failure)}.`,
            hint: refusalHint(statusOf(failure))
          })
        }
        if (attempt === maxAttempts) break
        await waitToReapply(logger, options.backoff, {
          attempt,
          maxAttempts,
          pushedBranch,
          movedTo: now,
          targetPath,
          during: 'committing'
        })
      }
      throw racesLost(maxAttempts, 'other writers', pushedBranch, options.remote.display)
    })
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** Moves (or creates) the branch without force: a fast forward from `expected`, or a new branch. */
async function moveRef(
  client: GitHubClient,
  repository: RepositoryRef,
  branch: string,
  sha: string,
  expected: string | undefined
): Promise<void> {
  if (expected === undefined) {
    await client.request('POST /repos/{owner}/{repo}/git/refs', {
      ...repository,
      ref: `refs/heads/${branch}`,
      sha
    })
    return
  }
  await client.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', {
    ...repository,
    ref: `heads/${branch}`,
    sha,
    force: false
  })
}

/** The all-zero object id: as `beforeOid`, "the ref must not exist yet". */
const ZERO_OID = '0'.repeat(40)
const UPDATE_REFS_PREVIEW = 'application/vnd.github.update-refs-preview+json'

/**
 * Replaces the pull-request branch with `sha` only while it still points at `expected` (absent:
 * only while it does not exist): GraphQL `updateRefs` with `beforeOid` is a compare-and-swap, where
 * REST could only force (a lost update) or demand a fast forward (which a proposal rebuilt on the
 * base branch never is). A refusal comes back as a GraphQL error and is judged by ref state.
 */
async function replaceRef(
  client: GitHubClient,
  repositoryId: string,
  branch: string,
  sha: string,
  expected: string | undefined
): Promise<void> {
  await client.graphql(
    `mutation($input: UpdateRefsInput!) {
      updateRefs(input: $input) { clientMutationId }
    }`,
    {
      // updateRefs is a documented schema preview ("Update refs preview"); the media type opts in.
      headers: { accept: UPDATE_REFS_PREVIEW },
      input: {
        repositoryId,
        refUpdates: [
          {
            name: `refs/heads/${branch}`,
            afterOid: sha,
            beforeOid: expected ?? ZERO_OID,
            force: true
          }
        ]
      }
    }
  )
}

/** A GraphQL answer with `errors` (HTTP 200): GitHub refused the mutation. */
function isGraphqlRefusal(error: unknown): boolean {
  return (
    (error as Error)?.name === 'GraphqlResponseError' &&
    Array.isArray((error as { errors?: unknown }).errors)
  )
}

/** Runs `load` once, on first use. */
function memo<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined
  return () => (value ??= load())
}

/** The blobs (and submodule links) of the target folder, by path inside it; empty when absent. */
async function heldFolder(
  reader: GitDataReader,
  rootTree: string | undefined,
  targetPath: string,
  branch: string
): Promise<Map<string, GitTreeEntry>> {
  const held = new Map<string, GitTreeEntry>()
  if (!rootTree) return held
  const folder = await reader.entryAt(rootTree, targetPath)
  if (!folder) return held
  if (folder.type !== 'tree') {
    throw new UserError({
      message: `${targetPath} on ${branch} is a file, not a folder; promote writes folders only.`,
      hint: 'Move that file away in the GitOps repository, or promote to another path.'
    })
  }
  const entries = await reader.recursiveTree(folder.sha)
  if (!entries) {
    throw new UserError({
      message: `GitHub cut the listing of ${targetPath} on ${branch} short (too many entries for one tree read).`,
      hint: "Use transport 'git' for a folder this large."
    })
  }
  for (const entry of entries) {
    if (entry.type === 'tree') continue
    if (entry.path.split('/').some(s => s === '' || s === '.' || s === '..' || s === '.git'))
      throw new UserError({
        message: `${targetPath} on ${branch} holds an entry git would refuse ('${entry.path}').`
      })
    held.set(entry.path, entry)
  }
  return held
}

/** Writes the held files under `folder`, for the caller's diff and checks. */
async function materialise(
  reader: GitDataReader,
  folder: string,
  held: Map<string, GitTreeEntry>
): Promise<void> {
  mkdirSync(folder, { recursive: true })
  await inParallel(
    [...held].filter(([, e]) => e.type === 'blob' && e.mode !== '120000'),
    async ([rel, entry]) => {
      const path = join(folder, ...rel.split('/'))
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, await reader.blob(entry.sha))
    }
  )
}

/** The folder to publish: regular files only (links, nested .git and special files are refused). */
function readSourceFolder(folder: string): Map<string, WantedFile> {
  const files = listServiceFolder(folder, folder, {
    what: 'The folder to publish',
    symlinks: 'refuse'
  })
  const out = new Map<string, WantedFile>()
  for (const path of files) {
    const content = readFileSync(path)
    const mode = (lstatSync(path).mode & 0o111) !== 0 ? '100755' : '100644'
    out.set(relative(folder, path).split(sep).join('/'), {
      mode,
      sha: gitBlobSha(content),
      content
    })
  }
  return out
}

/** GET /repos/{owner}/{repo}: the default branch, and the node id GraphQL mutations name it by. */
async function repositoryInfo(
  client: GitHubClient,
  repository: RepositoryRef
): Promise<{ default_branch: string; node_id: string }> {
  const response = await client.request('GET /repos/{owner}/{repo}', { ...repository })
  return response.data as { default_branch: string; node_id: string }
}

async function post<T>(
  client: GitHubClient,
  route: string,
  parameters: Record<string, unknown>
): Promise<T> {
  return (await client.request(route, parameters)).data as T
}

async function inParallel<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await run(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, items.length) }, worker))
}

function refusalHint(status: number | undefined): string {
  if (status === undefined)
    return 'Check that the token may write the repository (contents: write) and the rulesets of this branch.'
  if (status === 401 || status === 403 || status === 404)
    return 'Check that the token may write the repository (contents: write).'
  if (status === 409 || status === 422)
    return 'Check the branch protection and rulesets of this branch: they may refuse commits made through the API or require a pull request (mode: pull-request).'
  return 'GitHub did not take the update; run promote again (the folder is re-applied on the current tip).'
}

/** A GitHub failure outside the ref update becomes one user error: status, reason, what to do. */
async function explained<T>(options: ApiPublishOptions, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error
    const status = error.status
    throw new UserError({
      message: `Writing ${options.targetPath} to ${options.remote.display} through the GitHub API failed: ${error.message} The branch holds its old commit or the new one, never a partial write.`,
      hint:
        status === 401 || status === 403 || status === 404
          ? 'Check that the token may read and write the repository (contents: write).'
          : status >= 500 || status === 429
            ? 'GitHub was unavailable or rate limited; run promote again, or use transport: git.'
            : 'Run promote again; if it keeps failing, use transport: git and report the message.'
    })
  }
}
