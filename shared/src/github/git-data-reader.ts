import { createHash } from 'node:crypto'
import type { GitHubClient } from './client.js'
import { statusOf } from './client.js'

/** One entry of a Git Data API tree listing. */
export interface GitTreeEntry {
  readonly path: string
  readonly mode: string
  readonly type: 'blob' | 'tree' | 'commit'
  readonly sha: string
}

export interface RepositoryRef {
  readonly owner: string
  readonly repo: string
}

/** The SHA git gives a blob: what GitHub's trees list, so unchanged files need no upload. */
export function gitBlobSha(content: Buffer): string {
  return createHash('sha1').update(`blob ${content.length}\0`).update(content).digest('hex')
}

/**
 * Reads a repository through the Git Data API, object by object. Trees and blobs are immutable by
 * SHA, so each is read once per run however many attempts re-read the branch.
 */
export class GitDataReader {
  private readonly trees = new Map<string, readonly GitTreeEntry[]>()
  private readonly blobs = new Map<string, Buffer>()
  private readonly commitTrees = new Map<string, string>()

  constructor(
    readonly client: GitHubClient,
    readonly repository: RepositoryRef
  ) {}

  /** The commit a branch points at; undefined when the branch does not exist. */
  async branchTip(branch: string): Promise<string | undefined> {
    try {
      const response = await this.client.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
        ...this.repository,
        ref: `heads/${branch}`
      })
      return (response.data as { object: { sha: string } }).object.sha
    } catch (error) {
      if (statusOf(error) === 404) return undefined
      throw error
    }
  }

  async commitTree(commit: string): Promise<string> {
    const cached = this.commitTrees.get(commit)
    if (cached) return cached
    const response = await this.client.request(
      'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
      { ...this.repository, commit_sha: commit }
    )
    const tree = (response.data as { tree: { sha: string } }).tree.sha
    this.commitTrees.set(commit, tree)
    return tree
  }

  /** One level of a tree. */
  async tree(sha: string): Promise<readonly GitTreeEntry[]> {
    const cached = this.trees.get(sha)
    if (cached) return cached
    const response = await this.client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
      ...this.repository,
      tree_sha: sha
    })
    const entries = (response.data as { tree: GitTreeEntry[] }).tree
    this.trees.set(sha, entries)
    return entries
  }

  /** Every entry under a tree, paths relative to it; undefined when GitHub cut the listing short. */
  async recursiveTree(sha: string): Promise<readonly GitTreeEntry[] | undefined> {
    const response = await this.client.request('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', {
      ...this.repository,
      tree_sha: sha,
      recursive: '1'
    })
    const data = response.data as { tree: GitTreeEntry[]; truncated: boolean }
    return data.truncated ? undefined : data.tree
  }

  /**
   * The entry at `path` under the root tree `root`, reading one tree per folder on the path (never the
   * whole repository); undefined when absent. A file where a folder is expected also gives undefined.
   */
  async entryAt(root: string, path: string): Promise<GitTreeEntry | undefined> {
    let entry: GitTreeEntry | undefined = { path: '', mode: '040000', type: 'tree', sha: root }
    for (const name of path.split('/')) {
      if (entry?.type !== 'tree') return undefined
      entry = (await this.tree(entry.sha)).find(e => e.path === name)
    }
    return entry
  }

  async blob(sha: string): Promise<Buffer> {
    const cached = this.blobs.get(sha)
    if (cached) return cached
    const response = await this.client.request('GET /repos/{owner}/{repo}/git/blobs/{file_sha}', {
      ...this.repository,
      file_sha: sha
    })
    const data = response.data as { content: string; encoding: string }
    const content =
      data.encoding === 'base64'
        ? Buffer.from(data.content.replace(/\s+/g, ''), 'base64')
        : Buffer.from(data.content, 'utf8')
    this.blobs.set(sha, content)
    return content
  }

  /** A file's text in a commit, or undefined when it does not exist there. */
  async readFile(commit: string | undefined, path: string): Promise<string | undefined> {
    if (!commit) return undefined
    const entry = await this.entryAt(await this.commitTree(commit), path)
    if (entry?.type !== 'blob') return undefined
    return (await this.blob(entry.sha)).toString('utf8')
  }
}
