/**
 * What idp asks of git, one typed method a command: the manager decides the arguments and how each
 * answer is read; how the process runs (limits, process group, environment) is git-process.ts.
 */
import type { GitAuth } from './git-auth-helper.js'
import type { Logger } from '../runtime/logger.js'
import {
  DEFAULT_GIT_LIMITS,
  runGit,
  type GitExecOptions,
  type GitExecResult,
  type GitLimits
} from './git-process.js'

/** One `git ls-tree` line: `name` is relative to the tree listed. */
export interface TreeEntry {
  readonly mode: string
  readonly type: string
  readonly id: string
  readonly name: string
}

export interface CommitIdentity {
  readonly name: string
  readonly email: string
}

/** One commit as `git show -s` tells it. */
export interface CommitInfo {
  readonly sha: string
  readonly parents: readonly string[]
  readonly author: CommitIdentity
  readonly committer: CommitIdentity
  readonly message: string
}

/** `GIT_CONFIG_COUNT` (the environment-provided config the auth helper uses) arrived in git 2.31. */
const MINIMUM_GIT_VERSION = [2, 31]

/**
 * The only way idp runs git. Every call goes through one private `exec` (git-process.ts), with prompts off
 * and the caller's extra environment (the auth helper's config include) applied; methods are thin and
 * typed. Error messages carry git's stderr, which never holds the token: the token only lives in an
 * unlinked config file git reads through an inherited descriptor (see git-auth-helper.ts).
 */
export class GitCommandManager {
  private constructor(
    readonly workingDirectory: string,
    private readonly logger: Logger,
    private readonly extraEnv: Readonly<Record<string, string>>,
    private readonly limits: GitLimits,
    /** Given to every git process as fd 3 (the auth config, see git-auth-helper.ts). */
    private readonly authFd?: number
  ) {}

  static async create(
    workingDirectory: string,
    logger: Logger,
    extraEnv: Readonly<Record<string, string>> = {},
    limits: GitLimits = DEFAULT_GIT_LIMITS
  ): Promise<GitCommandManager> {
    const git = new GitCommandManager(workingDirectory, logger, extraEnv, limits)
    await git.assertVersion()
    return git
  }

  /** The same manager with more environment (e.g. the auth include); no version check again. */
  withEnv(extraEnv: Readonly<Record<string, string>>): GitCommandManager {
    return new GitCommandManager(
      this.workingDirectory,
      this.logger,
      { ...this.extraEnv, ...extraEnv },
      this.limits,
      this.authFd
    )
  }

  /** The same manager handing git the token as `configureGitAuth` prepared it. */
  withAuth(auth: GitAuth): GitCommandManager {
    return new GitCommandManager(
      this.workingDirectory,
      this.logger,
      { ...this.extraEnv, ...auth.env },
      this.limits,
      auth.fd
    )
  }

  async init(branch: string): Promise<void> {
    await this.exec(['init', '--quiet', `--initial-branch=${branch}`])
  }

  async remoteAdd(name: string, url: string): Promise<void> {
    await this.exec(['remote', 'add', name, url])
  }

  async config(key: string, value: string): Promise<void> {
    await this.exec(['config', '--local', key, value])
  }

  /** Removes a local config key; false when it was not set. */
  async tryConfigUnset(key: string): Promise<boolean> {
    const result = await this.exec(['config', '--local', '--unset-all', key], {
      allowAllExitCodes: true
    })
    return result.exitCode === 0
  }

  /** Cone-mode sparse checkout of the given folders (files at the root come along, by git's rule). */
  async sparseCheckoutSet(folders: readonly string[]): Promise<void> {
    await this.exec(['sparse-checkout', 'set', '--cone', '--', ...folders])
  }

  /** `refs/heads/<branch>` on the remote, or undefined when the branch does not exist. */
  async lsRemoteBranch(remote: string, branch: string): Promise<string | undefined> {
    const out = await this.exec(['ls-remote', '--heads', remote, `refs/heads/${branch}`])
    const line = out.stdout.split('\n').find(l => l.endsWith(`\trefs/heads/${branch}`))
    return line ? line.split('\t')[0] : undefined
  }

  /** The branch the remote's HEAD points at, or undefined for an empty repository. */
  async lsRemoteDefaultBranch(remote: string): Promise<string | undefined> {
    const out = await this.exec(['ls-remote', '--symref', remote, 'HEAD'])
    const match = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(out.stdout)
    return match ? match[1] : undefined
  }

  /**
   * Fetches one branch tip into `refs/remotes/<remote>/<branch>`. Returns false when the server
   * refused the fetch (so a caller can retry without the filter).
   */
  async tryFetchBranch(
    remote: string,
    branch: string,
    options: { depth?: number; filter?: string }
  ): Promise<boolean> {
    // No maintenance after the fetch: the clone is thrown away (and it is one process less).
    const args = ['fetch', '--quiet', '--no-tags', '--prune', '--no-recurse-submodules']
    args.push('--no-auto-maintenance')
    if (options.depth) args.push(`--depth=${options.depth}`)
    if (options.filter) args.push(`--filter=${options.filter}`)
    args.push(remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`)
    const result = await this.exec(args, { allowAllExitCodes: true })
    if (result.exitCode !== 0) this.logger.debug(`git fetch failed: ${result.stderr.trim()}`)
    return result.exitCode === 0
  }

  /** Points `branch` at `startPoint` and makes the (sparse) worktree match it exactly. */
  async checkoutReset(branch: string, startPoint: string): Promise<void> {
    await this.exec(['checkout', '--quiet', '--force', '-B', branch, startPoint])
    await this.exec(['reset', '--quiet', '--hard', startPoint])
  }

  /** Starts a branch with no history (the first promotion into an empty repository or branch). */
  async checkoutOrphan(branch: string): Promise<void> {
    await this.exec(['symbolic-ref', 'HEAD', `refs/heads/${branch}`])
    await this.exec(['update-ref', '-d', `refs/heads/${branch}`])
    await this.exec(['read-tree', '--empty'])
  }

  /** Stages every addition, change and removal under `path`, and nothing else. */
  async addAll(path: string): Promise<void> {
    await this.exec(['add', '--all', '--', path])
  }

  async hasStagedChanges(): Promise<boolean> {
    const result = await this.exec(['diff', '--cached', '--quiet'], { allowAllExitCodes: true })
    if (result.exitCode > 1) throw new Error(`git diff --cached failed: ${result.stderr.trim()}`)
    return result.exitCode === 1
  }

  /** Commits the index; the message goes through stdin so it never shows up on a command line. */
  async commit(message: string, identity: CommitIdentity): Promise<string> {
    const who = [
      '-c',
      `user.name=${identity.name}`,
      '-c',
      `user.email=${identity.email}`,
      '-c',
      'commit.gpgsign=false'
    ]
    await this.exec([...who, 'commit', '--quiet', '--no-verify', '--file=-'], {
      input: message
    })
    return this.revParse('HEAD')
  }

  async revParse(rev: string): Promise<string> {
    return (await this.exec(['rev-parse', '--verify', '--end-of-options', rev])).stdout.trim()
  }

  async tryRevParse(rev: string): Promise<string | undefined> {
    const result = await this.exec(['rev-parse', '--verify', '--quiet', '--end-of-options', rev], {
      allowAllExitCodes: true
    })
    return result.exitCode === 0 ? result.stdout.trim() : undefined
  }

  /** A file's text at a revision (fetched lazily in a blobless clone), or undefined when absent. */
  async tryShowFile(rev: string, path: string): Promise<string | undefined> {
    const result = await this.exec(['show', `${rev}:${path}`], { allowAllExitCodes: true })
    return result.exitCode === 0 ? result.stdout : undefined
  }

  /** The names of the folders directly inside `folder` at a revision (trees only; no blob is read). */
  async lsTreeFolders(rev: string, folder: string): Promise<string[]> {
    const args = ['ls-tree', '-d', '-z', '--name-only', rev, '--', `${folder}/`]
    const result = await this.exec(args, { allowAllExitCodes: true })
    if (result.exitCode !== 0) return []
    return result.stdout
      .split('\0')
      .filter(Boolean)
      .map(path => path.slice(folder.length + 1))
  }

  /** The best common ancestor of two commits, or undefined when they share no history. */
  async mergeBase(a: string, b: string): Promise<string | undefined> {
    const result = await this.exec(['merge-base', '--end-of-options', a, b], {
      allowAllExitCodes: true
    })
    return result.exitCode === 0 ? result.stdout.trim() : undefined
  }

  /** Paths that differ between two commits (renames as a removal and an addition). */
  async changedPaths(from: string, to: string): Promise<string[]> {
    const args = ['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', from, to, '--']
    return (await this.exec(args)).stdout.split('\0').filter(Boolean)
  }

  /** Commits reachable from `head` but not from `base`, newest first, at most `max` (+1 to detect more). */
  async commitsBetween(base: string, head: string, max: number): Promise<string[]> {
    const args = ['rev-list', `--max-count=${max + 1}`, head, `^${base}`, '--']
    return (await this.exec(args)).stdout.split('\n').filter(Boolean)
  }

  /** Author, committer, parents and full message of one commit. */
  async commitInfo(sha: string): Promise<CommitInfo> {
    const format = '%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%B'
    const out = (await this.exec(['show', '-s', `--format=${format}`, sha, '--'])).stdout
    const [commit, parents, authorName, authorEmail, committerName, committerEmail, ...rest] =
      out.split('\0')
    return {
      sha: commit,
      parents: parents.split(' ').filter(Boolean),
      author: { name: authorName, email: authorEmail },
      committer: { name: committerName, email: committerEmail },
      message: rest.join('\0').replace(/\n$/, '')
    }
  }

  /** Paths one commit changed against each of its parents (against nothing for a root commit). */
  async commitPaths(sha: string): Promise<string[]> {
    const args = ['diff-tree', '-r', '-z', '-m', '--root', '--no-commit-id', '--name-only', sha]
    const paths = (await this.exec(args)).stdout.split('\0').filter(Boolean)
    return [...new Set(paths)]
  }

  /** Deletes a remote branch only while it still points at `expectedOld` (a lease). */
  async deleteRemoteBranch(
    remote: string,
    branch: string,
    expectedOld: string
  ): Promise<GitExecResult> {
    const args = ['push', '--porcelain', '--no-verify']
    args.push(`--force-with-lease=refs/heads/${branch}:${expectedOld}`)
    args.push(remote, `:refs/heads/${branch}`)
    return this.exec(args, { allowAllExitCodes: true })
  }

  /** Pushes `HEAD` (or `source`) to the remote branch; the exit code is returned, never trusted for the reason. */
  async push(
    remote: string,
    branch: string,
    options: { expectedOld?: string | null; source?: string } = {}
  ): Promise<GitExecResult> {
    const args = ['push', '--porcelain', '--no-verify']
    // For branches idp owns (the pull-request branch) a lease says exactly which tip we replace;
    // an empty lease means "must not exist yet".
    if (options.expectedOld !== undefined)
      args.push(`--force-with-lease=refs/heads/${branch}:${options.expectedOld ?? ''}`)
    args.push(remote, `${options.source ?? 'HEAD'}:refs/heads/${branch}`)
    return this.exec(args, { allowAllExitCodes: true })
  }

  /** Unified diff of two folders or files outside any repository (for dry runs). */
  async diffNoIndex(cwd: string, before: string, after: string): Promise<string> {
    const result = await this.exec(
      ['diff', '--no-index', '--no-color', '--no-ext-diff', '--no-prefix', '--', before, after],
      { allowAllExitCodes: true, cwd }
    )
    if (result.exitCode > 1) throw new Error(`git diff --no-index failed: ${result.stderr.trim()}`)
    return result.stdout
  }

  // Plumbing for path-only promotion (publish-path.ts): objects are fetched by id, trees are read and
  // written one folder at a time, and no index or worktree of the repository is ever built.

  /** Fetches objects by id with a filter (`tree:0`: just those trees); false when git could not. */
  async tryFetchObjects(remote: string, ids: readonly string[], filter: string): Promise<boolean> {
    const args = ['-c', 'fetch.negotiationAlgorithm=noop', 'fetch', '--quiet', '--no-tags']
    args.push('--no-write-fetch-head', '--no-recurse-submodules', '--no-auto-maintenance')
    args.push(`--filter=${filter}`, remote)
    const result = await this.exec([...args, ...ids], { allowAllExitCodes: true })
    if (result.exitCode !== 0)
      this.logger.debug(`git fetch of objects failed: ${result.stderr.trim()}`)
    return result.exitCode === 0
  }

  /** The entries of one tree (not recursive), or with `recursive` every blob under it. */
  async lsTree(tree: string, recursive = false): Promise<TreeEntry[]> {
    const args = ['ls-tree', '-z', '--full-tree', ...(recursive ? ['-r'] : []), tree]
    return (await this.exec(args)).stdout
      .split('\0')
      .filter(Boolean)
      .map(line => {
        const [meta, name] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)]
        const [mode, type, id] = meta.split(' ')
        return { mode, type, id, name }
      })
  }

  /** Writes a tree from entries whose objects may be absent here (the folders beside the path). */
  async mkTree(entries: readonly TreeEntry[]): Promise<string> {
    const input = entries.map(e => `${e.mode} ${e.type} ${e.id}\t${e.name}\0`).join('')
    return (await this.exec(['mktree', '-z', '--missing'], { input })).stdout.trim()
  }

  /** Stores files as blobs (no filters, no attributes); their ids in order. */
  async hashFiles(paths: readonly string[]): Promise<string[]> {
    if (paths.length === 0) return []
    const args = ['hash-object', '-w', '--no-filters', '--stdin-paths']
    const out = await this.exec(args, { input: paths.join('\n') + '\n' })
    return out.stdout.split('\n').filter(Boolean)
  }

  /**
   * A commit's id and its root tree's id in one process, read from the commit object alone (`%T` is
   * the commit's tree field: the tree itself is neither read nor fetched).
   */
  async commitAndTree(rev: string): Promise<{ commit: string; tree: string }> {
    const args = ['log', '-1', '--no-walk', '--format=%H %T', '--end-of-options', rev, '--']
    const [commit, tree] = (await this.exec(args)).stdout.trim().split(' ')
    if (!/^[0-9a-f]{40,64}$/.test(commit) || !/^[0-9a-f]{40,64}$/.test(tree ?? ''))
      throw new Error(`git log printed no commit and tree for ${rev}`)
    return { commit, tree }
  }

  /** A blob's bytes as text (fetched lazily in a partial clone). */
  async catBlob(id: string): Promise<string> {
    return (await this.exec(['cat-file', 'blob', id])).stdout
  }

  /** Makes a commit object of a tree; the message goes through stdin. */
  async commitTree(
    tree: string,
    parents: readonly string[],
    message: string,
    identity: CommitIdentity
  ): Promise<string> {
    const who = ['-c', `user.name=${identity.name}`, '-c', `user.email=${identity.email}`]
    const args = [...who, '-c', 'commit.gpgsign=false', 'commit-tree', tree]
    for (const parent of parents) args.push('-p', parent)
    return (await this.exec([...args, '-F', '-'], { input: message })).stdout.trim()
  }

  async version(): Promise<number[]> {
    const out = await this.exec(['--version'])
    const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(out.stdout)
    return match ? match.slice(1).map(n => Number(n ?? 0)) : [0, 0, 0]
  }

  private async assertVersion(): Promise<void> {
    const [major, minor] = await this.version()
    const [wantMajor, wantMinor] = MINIMUM_GIT_VERSION
    if (major < wantMajor || (major === wantMajor && minor < wantMinor)) {
      throw new Error(
        `git ${major}.${minor} is too old; idp needs git ${wantMajor}.${wantMinor} or newer on PATH.`
      )
    }
  }

  private exec(args: readonly string[], options: GitExecOptions = {}): Promise<GitExecResult> {
    const { workingDirectory, logger, extraEnv, limits, authFd } = this
    return runGit({ workingDirectory, logger, extraEnv, limits, authFd }, args, options)
  }
}
