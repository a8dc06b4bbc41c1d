import { inputRef, inputRefStart } from '../runtime/surface.js'
import { existsSync } from 'node:fs'
import { isAbsolute, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { UserError } from '../runtime/errors.js'

/** Where a GitOps repository lives, as git and the GitHub API each need it. */
export interface GitRemote {
  /** What git fetches from and pushes to: `https://…`, `http://…` or `file://…`; never credentials. */
  readonly url: string
  /** Shown to users in logs and messages. */
  readonly display: string
  /** `owner`/`repo` for the GitHub API when they can be told from the input; else undefined. */
  readonly github?: { readonly owner: string; readonly repo: string }
}

/** GitHub owners start with a letter or digit, so `./x` and `../x` stay paths. */
const OWNER_NAME = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9_.-]+)$/

/**
 * Resolves the `repository` input: `owner/name` on `serverUrl` (GITHUB_SERVER_URL), an `https://` or
 * `file://` URL, or a local path (relative to `workspace`). URLs that carry credentials are refused, so
 * a token can never end up in `.git/config` or a log line through this door.
 */
export function resolveRemote(repository: string, serverUrl: string, workspace: string): GitRemote {
  const value = repository.trim()
  const shorthand = OWNER_NAME.exec(value)
  if (shorthand && !existsSync(resolve(workspace, value))) {
    const [, owner, name] = shorthand
    const repo = name.replace(/\.git$/, '')
    const server = serverUrl.replace(/\/+$/, '')
    return {
      url: `${server}/${owner}/${repo}.git`,
      display: `${owner}/${repo}`,
      github: { owner, repo }
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      throw new UserError({
        message: `${inputRefStart('repository')} is not a valid URL: '${value}'.`,
        hint: 'Use owner/name, an https:// or file:// URL, or a path.'
      })
    }
    if (url.username || url.password) {
      throw new UserError({
        message: `${inputRefStart('repository')} must not contain credentials.`,
        hint: `Give the URL without user:password@ and pass the token as ${inputRef('token')}.`
      })
    }
    if (!['https:', 'http:', 'file:'].includes(url.protocol)) {
      throw new UserError({
        message: `${inputRefStart('repository')} uses ${url.protocol.replace(':', '')}://, which promote does not support.`,
        hint: 'Use owner/name, an https:// or file:// URL, or a path.'
      })
    }
    const segments = url.pathname
      .replace(/\.git$/, '')
      .split('/')
      .filter(Boolean)
    const github =
      url.protocol !== 'file:' && segments.length >= 2
        ? { owner: segments[segments.length - 2], repo: segments[segments.length - 1] }
        : undefined
    return { url: url.href, display: url.protocol === 'file:' ? url.pathname : url.href, github }
  }
  if (/^[\w.-]+@[\w.-]+:/.test(value)) {
    throw new UserError({
      message: `${inputRefStart('repository')} is an SSH address ('${value}'); promote talks HTTPS with a token.`,
      hint: 'Use owner/name or an https:// URL.'
    })
  }
  const path = isAbsolute(value) ? value : resolve(workspace, value)
  if (!existsSync(path)) {
    throw new UserError({
      message: `${inputRefStart('repository')} is neither owner/name nor a URL, and no folder '${value}' exists.`,
      hint: 'Use owner/name, an https:// or file:// URL, or the path of a git repository.'
    })
  }
  // file:// rather than a bare path: git ignores --depth and --filter for local paths.
  return { url: pathToFileURL(path).href, display: path }
}

/**
 * Items grouped by the repository and branch they live on, in first-seen order: readers of several
 * environments open one checkout per group, not one per environment.
 */
export function byRemoteBranch<T extends { readonly remote: GitRemote; readonly branch?: string }>(
  items: readonly T[]
): T[][] {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const key = `${item.remote.url}#${item.branch ?? ''}`
    groups.set(key, [...(groups.get(key) ?? []), item])
  }
  return [...groups.values()]
}
