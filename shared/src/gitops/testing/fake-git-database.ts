// Test helper: the Git Data API of the fake GitHub (fake-github.ts), built from GitHub's documented
// request and response shapes ("Git database": refs, commits, trees, blobs). Blob SHAs are real git
// blob SHAs (the writer compares them with SHAs it computes locally); tree and commit SHAs are
// content hashes of their JSON, unique but not git's. Ref updates are atomic compare-and-swap as on
// GitHub: `force: false` refuses a non-fast-forward with 422, and a test can move a ref in between.
import { createHash } from 'node:crypto'

export interface TreeEntry {
  path: string
  mode: string
  type: 'blob' | 'tree' | 'commit'
  sha: string
}

export interface FakeCommit {
  sha: string
  tree: string
  parents: string[]
  message: string
  author: { name: string; email: string; date: string }
}

export type Reply = (status: number, data: unknown, headers?: Record<string, string>) => void

/** One ref update as the fake judged it (REST or GraphQL `updateRefs`), for tests to check leases. */
export interface RecordedRefUpdate {
  readonly ref: string
  /** The tip the writer said it replaces (`updateRefs` beforeOid); undefined for a REST update. */
  readonly before: string | undefined
  readonly after: string
  readonly outcome: 'created' | 'updated' | 'moved' | 'refused'
}

/** The all-zero object id: "must not exist" as a beforeOid, "delete" as an afterOid. */
export const ZERO_OID = '0'.repeat(40)

export class FakeGitDatabase {
  readonly blobs = new Map<string, Buffer>()
  readonly trees = new Map<string, TreeEntry[]>()
  readonly commits = new Map<string, FakeCommit>()
  /** `heads/main` → commit SHA. */
  readonly refs = new Map<string, string>()
  /** Runs just before a ref update is judged (a test moves the ref here to lose a race). */
  beforeRefUpdate?: (ref: string) => void
  defaultBranch = 'main'
  /** The repository's GraphQL node id (`node_id` of GET /repos/{owner}/{repo}). */
  readonly repositoryId = 'R_kgDOfake'
  readonly refUpdates: RecordedRefUpdate[] = []

  blob(content: Buffer | string): string {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content)
    const sha = createHash('sha1').update(`blob ${data.length}\0`).update(data).digest('hex')
    this.blobs.set(sha, data)
    return sha
  }

  private tree(entries: TreeEntry[]): string {
    const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    const sha = hash('tree', sorted)
    this.trees.set(sha, sorted)
    return sha
  }

  commit(tree: string, parents: string[], message: string, author?: FakeCommit['author']): string {
    const who = author ?? { name: 'Seed', email: 'seed@example.com', date: '2026-01-01T00:00:00Z' }
    const sha = hash('commit', { tree, parents, message, who, n: this.commits.size })
    this.commits.set(sha, { sha, tree, parents, message, author: who })
    return sha
  }

  /** Builds a tree from `base` (a tree SHA) and nested path entries; `sha: null` deletes a path. */
  applyEntries(
    base: string | undefined,
    entries: { path: string; mode: string; type: string; sha: string | null }[]
  ): string {
    const root = base ? this.flatten(base) : new Map<string, { mode: string; sha: string }>()
    for (const entry of entries) {
      if (entry.sha === null) {
        root.delete(entry.path)
        for (const key of [...root.keys()]) if (key.startsWith(`${entry.path}/`)) root.delete(key)
      } else if (entry.type === 'tree') {
        for (const key of [...root.keys()]) if (key.startsWith(`${entry.path}/`)) root.delete(key)
        for (const [path, value] of this.flatten(entry.sha))
          root.set(`${entry.path}/${path}`, value)
      } else root.set(entry.path, { mode: entry.mode, sha: entry.sha })
    }
    return this.build(root)
  }

  /** Every blob under a tree, by path. */
  flatten(treeSha: string, prefix = ''): Map<string, { mode: string; sha: string }> {
    const out = new Map<string, { mode: string; sha: string }>()
    for (const entry of this.trees.get(treeSha) ?? []) {
      const path = prefix ? `${prefix}/${entry.path}` : entry.path
      if (entry.type === 'tree') for (const [p, v] of this.flatten(entry.sha, path)) out.set(p, v)
      else out.set(path, { mode: entry.mode, sha: entry.sha })
    }
    return out
  }

  /** Empty folders vanish, as in git. */
  build(files: Map<string, { mode: string; sha: string }>): string {
    const here: TreeEntry[] = []
    const below = new Map<string, Map<string, { mode: string; sha: string }>>()
    for (const [path, value] of files) {
      const slash = path.indexOf('/')
      if (slash < 0) here.push({ path, mode: value.mode, type: 'blob', sha: value.sha })
      else {
        const name = path.slice(0, slash)
        if (!below.has(name)) below.set(name, new Map())
        below.get(name)!.set(path.slice(slash + 1), value)
      }
    }
    for (const [name, sub] of below)
      here.push({ path: name, mode: '040000', type: 'tree', sha: this.build(sub) })
    return this.tree(here)
  }

  /** Seeds (or advances) a branch with files; returns the commit. */
  seed(branch: string, files: Record<string, string>, message = 'seed'): string {
    const map = new Map<string, { mode: string; sha: string }>()
    for (const [path, text] of Object.entries(files))
      map.set(path, { mode: '100644', sha: this.blob(text) })
    const tip = this.refs.get(`heads/${branch}`)
    const sha = this.commit(this.build(map), tip ? [tip] : [], message)
    this.refs.set(`heads/${branch}`, sha)
    return sha
  }

  /** The files of a branch's tip as text, by path. */
  files(branch: string): Record<string, string> {
    const tip = this.refs.get(`heads/${branch}`)
    if (!tip) return {}
    const out: Record<string, string> = {}
    for (const [path, { sha }] of this.flatten(this.commits.get(tip)!.tree))
      out[path] = this.blobs.get(sha)!.toString('utf8')
    return out
  }

  isAncestor(ancestor: string, of: string): boolean {
    const seen = new Set<string>()
    const stack = [of]
    while (stack.length > 0) {
      const sha = stack.pop()!
      if (sha === ancestor) return true
      if (seen.has(sha)) continue
      seen.add(sha)
      stack.push(...(this.commits.get(sha)?.parents ?? []))
    }
    return false
  }

  /**
   * GraphQL `updateRefs` (input `UpdateRefsInput`: repositoryId, refUpdates of RefUpdate {name,
   * afterOid, beforeOid, force}), as documented: all updates or none; `beforeOid` must be the ref's
   * current value (the zero id: the ref must not exist); without `force` an update must be a fast
   * forward; the zero id as `afterOid` deletes. Returns the error message of a refusal, or undefined.
   */
  updateRefs(input: {
    repositoryId?: string
    refUpdates?: { name: string; afterOid: string; beforeOid?: string; force?: boolean }[]
  }): string | undefined {
    if (input.repositoryId !== this.repositoryId)
      return `Could not resolve to a node with the global id of '${input.repositoryId}'`
    const updates = (input.refUpdates ?? []).map(u => ({
      ...u,
      ref: u.name.replace(/^refs\//, '')
    }))
    for (const u of updates) this.beforeRefUpdate?.(u.ref)
    const refusal = (u: (typeof updates)[number]): string | undefined => {
      if (!u.name.startsWith('refs/')) return `${u.name} is not a fully qualified ref name`
      const current = this.refs.get(u.ref)
      if (u.beforeOid !== undefined && (current ?? ZERO_OID) !== u.beforeOid)
        return `A ref update failed: ${u.name} is at ${current ?? ZERO_OID}, not ${u.beforeOid}`
      if (u.afterOid !== ZERO_OID && !this.commits.has(u.afterOid))
        return `A ref update failed: ${u.afterOid} does not exist`
      if (current && u.afterOid !== ZERO_OID && !u.force && !this.isAncestor(current, u.afterOid))
        return `A ref update failed: ${u.name} is not a fast forward`
      return undefined
    }
    const refused = updates.map(refusal).find(Boolean)
    for (const u of updates) {
      const moved = u.beforeOid !== undefined && (this.refs.get(u.ref) ?? ZERO_OID) !== u.beforeOid
      const outcome = refused
        ? moved
          ? 'moved'
          : 'refused'
        : this.refs.has(u.ref)
          ? 'updated'
          : 'created'
      this.refUpdates.push({ ref: u.ref, before: u.beforeOid, after: u.afterOid, outcome })
    }
    if (refused) return refused
    for (const u of updates)
      if (u.afterOid === ZERO_OID) this.refs.delete(u.ref)
      else this.refs.set(u.ref, u.afterOid)
    return undefined
  }

  /** Answers a Git Data API call; false when the path is not one of them. */
  handle(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    reply: Reply
  ): boolean {
    const repo = /^\/repos\/([^/]+)\/([^/]+)$/.exec(path)
    if (repo && method === 'GET') {
      reply(200, {
        name: repo[2],
        full_name: `${repo[1]}/${repo[2]}`,
        node_id: this.repositoryId,
        default_branch: this.defaultBranch
      })
      return true
    }
    const m = /^\/repos\/[^/]+\/[^/]+\/git\/(refs?|commits|trees|blobs)(?:\/(.+))?$/.exec(path)
    if (!m) return false
    const [, kind, rawRest] = m
    const rest = rawRest === undefined ? undefined : decodeURIComponent(rawRest)
    const input = (body ?? {}) as Record<string, unknown>
    const notFound = () =>
      reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest/git' })
    const refJson = (ref: string, sha: string) => ({
      ref: `refs/${ref}`,
      node_id: `REF_${ref}`,
      url: '',
      object: { sha, type: 'commit', url: '' }
    })
    if (kind === 'ref' && method === 'GET' && rest) {
      const sha = this.refs.get(rest)
      if (sha === undefined) notFound()
      else reply(200, refJson(rest, sha))
      return true
    }
    if (kind === 'refs' && method === 'POST' && !rest) {
      const ref = String(input.ref ?? '').replace(/^refs\//, '')
      const sha = String(input.sha ?? '')
      this.beforeRefUpdate?.(ref)
      const record = (outcome: RecordedRefUpdate['outcome']) =>
        this.refUpdates.push({ ref, before: undefined, after: sha, outcome })
      if (!this.commits.has(sha)) reply(422, { message: 'Object does not exist' })
      else if (this.refs.has(ref)) {
        record('moved')
        reply(422, { message: 'Reference already exists' })
      } else {
        this.refs.set(ref, sha)
        record('created')
        reply(201, refJson(ref, sha))
      }
      return true
    }
    if (kind === 'refs' && method === 'PATCH' && rest) {
      const sha = String(input.sha ?? '')
      this.beforeRefUpdate?.(rest)
      const current = this.refs.get(rest)
      const record = (outcome: RecordedRefUpdate['outcome']) =>
        this.refUpdates.push({ ref: rest, before: undefined, after: sha, outcome })
      if (current === undefined) reply(422, { message: 'Reference does not exist' })
      else if (!this.commits.has(sha)) reply(422, { message: 'Object does not exist' })
      else if (input.force !== true && !this.isAncestor(current, sha)) {
        record('moved')
        reply(422, {
          message: 'Update is not a fast forward',
          documentation_url: 'https://docs.github.com/rest/git/refs#update-a-reference'
        })
      } else {
        this.refs.set(rest, sha)
        record('updated')
        reply(200, refJson(rest, sha))
      }
      return true
    }
    if (kind === 'commits' && method === 'GET' && rest) {
      const c = this.commits.get(rest)
      if (!c) notFound()
      else
        reply(200, {
          sha: c.sha,
          node_id: `C_${c.sha}`,
          tree: { sha: c.tree, url: '' },
          parents: c.parents.map(sha => ({ sha, url: '', html_url: '' })),
          message: c.message,
          author: c.author,
          committer: c.author,
          verification: { verified: false, reason: 'unsigned', signature: null, payload: null }
        })
      return true
    }
    if (kind === 'commits' && method === 'POST' && !rest) {
      const tree = String(input.tree ?? '')
      const parents = (input.parents as string[] | undefined) ?? []
      if (!this.trees.has(tree) || parents.some(p => !this.commits.has(p)))
        reply(422, { message: 'Tree SHA does not exist' })
      else {
        const author = (input.author as FakeCommit['author'] | undefined) ?? {
          name: 'token',
          email: 'token@example.com',
          date: new Date().toISOString()
        }
        const sha = this.commit(tree, parents, String(input.message ?? ''), author)
        reply(201, {
          sha,
          node_id: `C_${sha}`,
          tree: { sha: tree },
          parents: parents.map(p => ({ sha: p })),
          message: input.message,
          author,
          committer: { name: 'GitHub', email: 'noreply@github.com', date: author.date },
          verification: {
            verified: true,
            reason: 'valid',
            signature: '-----BEGIN PGP SIGNATURE-----',
            payload: ''
          }
        })
      }
      return true
    }
    if (kind === 'trees' && method === 'GET' && rest) {
      const entries = this.trees.get(rest)
      if (!entries) return (notFound(), true)
      const listed = query.get('recursive')
        ? [...this.walk(rest, '')]
        : entries.map(e => ({ ...e }))
      reply(200, {
        sha: rest,
        url: '',
        truncated: false,
        tree: listed.map(e => ({
          ...e,
          url: '',
          ...(e.type === 'blob' ? { size: this.blobs.get(e.sha)?.length ?? 0 } : {})
        }))
      })
      return true
    }
    if (kind === 'trees' && method === 'POST' && !rest) {
      const base = input.base_tree as string | undefined
      if (base !== undefined && !this.trees.has(base))
        return (reply(422, { message: 'base_tree is not a valid tree' }), true)
      const entries =
        (input.tree as { path: string; mode: string; type: string; sha: string | null }[]) ?? []
      for (const e of entries)
        if (e.sha !== null && !(e.type === 'tree' ? this.trees.has(e.sha) : this.blobs.has(e.sha)))
          return (
            reply(422, {
              message: 'Invalid tree info',
              errors: [`tree.sha ${e.sha} is not a valid ${e.type}`]
            }),
            true
          )
      const sha = this.applyEntries(base, entries)
      reply(201, { sha, url: '', truncated: false, tree: this.trees.get(sha) })
      return true
    }
    if (kind === 'blobs' && method === 'GET' && rest) {
      const data = this.blobs.get(rest)
      if (!data) notFound()
      else
        reply(200, {
          sha: rest,
          node_id: `B_${rest}`,
          size: data.length,
          url: '',
          content: data.toString('base64').replace(/(.{60})/g, '$1\n'),
          encoding: 'base64'
        })
      return true
    }
    if (kind === 'blobs' && method === 'POST' && !rest) {
      const content = String(input.content ?? '')
      const sha = this.blob(
        input.encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8')
      )
      reply(201, { sha, url: '' })
      return true
    }
    return false
  }

  private *walk(treeSha: string, prefix: string): Generator<TreeEntry> {
    for (const entry of this.trees.get(treeSha) ?? []) {
      const path = prefix ? `${prefix}/${entry.path}` : entry.path
      yield { ...entry, path }
      if (entry.type === 'tree') yield* this.walk(entry.sha, path)
    }
  }
}

function hash(kind: string, value: unknown): string {
  return createHash('sha1').update(kind).update(JSON.stringify(value)).digest('hex')
}
