// Test helpers: real bare repositories over file://, made with the real git.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'

const quiet = {
  stdio: ['ignore', 'pipe', 'pipe'] as ['ignore', 'pipe', 'pipe'],
  encoding: 'utf8' as const
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    ...quiet,
    cwd,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0' }
  })
}

/** A temporary folder removed by `remove()`. */
export function tempFolder(name: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `idp-test-${name.replace(/[^a-z0-9]+/gi, '-')}-`))
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) }
}

export interface BareRepoOptions {
  readonly branch?: string
  /** Files of the first commit (path → content). */
  readonly files?: Readonly<Record<string, string>>
  /** Whether upload-pack serves partial clones (GitHub does; plain git does not by default). */
  readonly allowFilter?: boolean
}

/** A bare repository with one commit on `branch`, serving blobless fetches unless told otherwise. */
export function createBareRepo(path: string, options: BareRepoOptions = {}): string {
  const branch = options.branch ?? 'main'
  mkdirSync(path, { recursive: true })
  git(path, 'init', '--quiet', '--bare', `--initial-branch=${branch}`)
  git(path, 'config', 'uploadpack.allowFilter', String(options.allowFilter ?? true))
  git(path, 'config', 'uploadpack.allowAnySHA1InWant', 'true')
  git(path, 'config', 'http.receivepack', 'true')
  const files = options.files ?? { 'README.md': '# gitops\n' }
  if (Object.keys(files).length > 0) commitFiles(path, branch, files, 'initial commit')
  return path
}

/** Commits files (path → content, `null` deletes) onto `branch` of a bare repo through a scratch clone. */
export function commitFiles(
  bare: string,
  branch: string,
  files: Readonly<Record<string, string | null>>,
  message: string
): string {
  const scratch = mkdtempSync(join(tmpdir(), 'idp-test-scratch-'))
  try {
    git(scratch, 'init', '--quiet', `--initial-branch=${branch}`)
    git(scratch, 'remote', 'add', 'origin', bare)
    if (git(bare, 'branch', '--list', branch).trim()) {
      git(scratch, 'fetch', '--quiet', 'origin', branch)
      git(scratch, 'checkout', '--quiet', '-B', branch, 'FETCH_HEAD')
    }
    for (const [file, content] of Object.entries(files)) {
      const full = join(scratch, file)
      if (content === null) rmSync(full, { force: true })
      else {
        mkdirSync(dirname(full), { recursive: true })
        writeFileSync(full, content)
      }
    }
    git(scratch, 'add', '--all')
    git(
      scratch,
      '-c',
      'user.name=test',
      '-c',
      'user.email=test@example.com',
      'commit',
      '--quiet',
      '-m',
      message
    )
    git(scratch, 'push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`)
    return git(scratch, 'rev-parse', 'HEAD').trim()
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** The file:// URL of a local path. */
export function fileUrl(path: string): string {
  return pathToFileURL(path).href
}

/** Files of `folder` at the tip of `branch` (path relative to folder → content). */
export function readTree(bare: string, branch: string, folder: string): Record<string, string> {
  const out: Record<string, string> = {}
  const list = git(bare, 'ls-tree', '-r', '--name-only', branch, '--', folder)
    .split('\n')
    .filter(Boolean)
  for (const file of list)
    out[file.slice(folder.length + 1)] = git(bare, 'show', `${branch}:${file}`)
  return out
}

export function tipOf(bare: string, branch: string): string {
  return git(bare, 'rev-parse', `refs/heads/${branch}`).trim()
}
