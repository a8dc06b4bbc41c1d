import { lstatSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { UserError } from '../runtime/errors.js'
import type { GitCommandManager, TreeEntry } from './git-command-manager.js'

const TREE_MODE = '040000'

/**
 * Reading from the remote failed (a cut connection, a 5xx, a stall past the limits): worth another
 * try, unlike a refusal. `treeLess` marks a failed `tree:0` fetch of a branch tip.
 */
export class ReadFailure extends Error {
  constructor(
    message: string,
    readonly treeLess = false
  ) {
    super(message)
    this.name = 'ReadFailure'
  }
}

/** One folder on the path from the root to the target: its tree id and entries. */
interface Level {
  readonly id: string
  readonly entries: readonly TreeEntry[]
}

/**
 * The trees on one path of a commit, read without the rest of the repository: each tree is fetched
 * by id with `--filter=tree:0` (that tree alone), so the cost follows the depth of the path and the
 * size of the target folder, not the number of files or folders beside it. Trees are immutable, so
 * each is fetched once per clone however many attempts read it.
 */
export class PathTrees {
  private readonly present = new Map<string, readonly TreeEntry[]>()
  /** Trees known to be here although never listed (a root tree that came with its commit). */
  private readonly arrivedHere = new Set<string>()
  /** Folders whose trees are all here (`fetchFolderTrees`). */
  private readonly foldersHere = new Set<string>()

  constructor(
    private readonly git: GitCommandManager,
    private readonly remote: string
  ) {}

  /** The entries of a tree, fetching that tree alone when it is not here yet. */
  async entries(id: string): Promise<readonly TreeEntry[]> {
    const known = this.present.get(id)
    if (known) return known
    if (!this.arrivedHere.has(id) && !(await this.git.tryFetchObjects(this.remote, [id], 'tree:0')))
      throw new ReadFailure(`could not fetch tree ${id}`)
    const entries = await this.git.lsTree(id)
    this.present.set(id, entries)
    return entries
  }

  /** Records that tree `id` is in the local repository (fetched along with its commit). */
  arrived(id: string): void {
    this.arrivedHere.add(id)
  }

  /**
   * The folders above the target, from `root` down along `path` as far as they exist (root first),
   * and the target folder's tree id when it exists. The target's own tree is not read: replacing it
   * needs only the folders above it, and equal ids already tell that nothing changed.
   */
  async chain(root: string, path: string): Promise<{ levels: Level[]; target?: string }> {
    const levels: Level[] = [{ id: root, entries: await this.entries(root) }]
    const names = path.split('/')
    for (const [depth, name] of names.entries()) {
      const entry = levels[levels.length - 1].entries.find(e => e.name === name)
      if (!entry) return { levels }
      if (entry.mode === '120000') {
        throw new UserError({
          message: `'${name}' on the path ${path} is a symbolic link in the GitOps repository; idp never writes or reads through links.`,
          hint: 'Replace the link with a folder in the GitOps repository (or remove it), then promote again.'
        })
      }
      if (entry.type !== 'tree') {
        throw new UserError({
          message: `'${name}' on the path ${path} is a file in the repository, not a folder.`,
          hint: 'Move that file away in the GitOps repository, or promote to another path.'
        })
      }
      if (depth === names.length - 1) return { levels, target: entry.id }
      levels.push({ id: entry.id, entries: await this.entries(entry.id) })
    }
    return { levels }
  }

  /** A file's text under `root`, reading only the trees on its path; undefined when absent. */
  async readFile(root: string | undefined, path: string): Promise<string | undefined> {
    if (!root) return undefined
    let entries = await this.entries(root)
    const names = path.split('/')
    for (const [i, name] of names.entries()) {
      const entry = entries.find(e => e.name === name)
      if (!entry) return undefined
      if (i === names.length - 1) return entry.type === 'blob' ? this.blob(entry.id) : undefined
      if (entry.type !== 'tree') return undefined
      entries = await this.entries(entry.id)
    }
    return undefined
  }

  /**
   * Fetches the folder `id` with every tree under it, and no file (once per clone). The push needs
   * them: git compares the old folder's trees with the new ones to leave out what the server has,
   * and would otherwise fetch each missing tree by itself, one at a time, in the middle of the push.
   */
  async fetchFolderTrees(id: string): Promise<void> {
    if (this.foldersHere.has(id)) return
    if (!(await this.git.tryFetchObjects(this.remote, [id], 'blob:none')))
      throw new ReadFailure(`could not fetch tree ${id}`)
    this.foldersHere.add(id)
  }

  /**
   * Writes the files of the folder `id` under `destination` (for the caller's diff and checks): its
   * trees come in one fetch (shared with `fetchFolderTrees`), its blobs in one more.
   */
  async materialise(id: string, destination: string): Promise<void> {
    mkdirSync(destination, { recursive: true })
    await this.fetchFolderTrees(id)
    const entries = (await this.git.lsTree(id, true)).filter(e => e.type === 'blob')
    // A link's target is never fetched or followed; it stands in the diff as what the promotion removes.
    const links = entries.filter(e => e.mode === '120000')
    const files = entries.filter(e => e.mode !== '120000')
    for (const link of links) {
      if (link.name.split('/').some(s => s === '..' || s === '.' || s === '' || s === '.git'))
        continue
      const path = join(destination, ...link.name.split('/'))
      mkdirSync(dirname(path), { recursive: true })
      // A dangling link: the diff reports a link without reading anything through it.
      symlinkSync('(not followed)', path)
    }
    if (files.length === 0) return
    if (
      !(await this.git.tryFetchObjects(
        this.remote,
        files.map(f => f.id),
        'blob:none'
      ))
    )
      throw new ReadFailure(`could not fetch the files of tree ${id}`)
    for (const file of files) {
      if (file.name.split('/').some(s => s === '..' || s === '.' || s === '' || s === '.git'))
        throw new UserError({
          message: `The folder holds an entry git would refuse ('${file.name}').`
        })
      const path = join(destination, ...file.name.split('/'))
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, await this.blob(file.id))
    }
  }

  /** A blob's text; fetched on demand, and a failed fetch is a ReadFailure. */
  private async blob(id: string): Promise<string> {
    try {
      return await this.git.catBlob(id)
    } catch (error) {
      throw new ReadFailure(`could not read blob ${id}: ${(error as Error).message.split('\n')[0]}`)
    }
  }

  /** Stores a local folder (regular files, listed by the caller) as a tree; undefined when empty. */
  async writeFolder(folder: string, files: readonly string[]): Promise<string | undefined> {
    const ids = await this.git.hashFiles(files)
    const root = new Map<string, unknown>()
    files.forEach((file, i) => {
      const parts = relative(folder, file).split(sep)
      let at = root
      for (const part of parts.slice(0, -1)) {
        if (!at.has(part)) at.set(part, new Map<string, unknown>())
        at = at.get(part) as Map<string, unknown>
      }
      const mode = (lstatSync(file).mode & 0o111) !== 0 ? '100755' : '100644'
      at.set(parts[parts.length - 1], { mode, type: 'blob', id: ids[i] })
    })
    const write = async (node: Map<string, unknown>): Promise<string | undefined> => {
      const entries: TreeEntry[] = []
      for (const [name, child] of node) {
        if (child instanceof Map) {
          const id = await write(child as Map<string, unknown>)
          if (id) entries.push({ mode: TREE_MODE, type: 'tree', id, name })
        } else entries.push({ ...(child as Omit<TreeEntry, 'name'>), name })
      }
      return entries.length === 0 ? undefined : this.git.mkTree(entries)
    }
    return write(root)
  }

  /**
   * The new root tree: `folder` (or nothing) at `path`, every tree above it rewritten, every tree
   * beside it kept by id. Folders left empty vanish, as git has them.
   */
  async replaceOnPath(
    levels: readonly Level[],
    path: string,
    folder: string | undefined
  ): Promise<string | undefined> {
    const names = path.split('/')
    let child = folder
    for (let depth = names.length - 1; depth >= 0; depth--) {
      const entries = depth < levels.length ? levels[depth].entries : []
      const name = names[depth]
      const kept = entries.filter(e => e.name !== name)
      const next = child ? [...kept, { mode: TREE_MODE, type: 'tree', id: child, name }] : kept
      child = next.length === 0 ? undefined : await this.git.mkTree(next)
    }
    return child
  }
}
