import { createGitHubClient } from '../github/client.js'
import { publishFolderViaApi } from '../github/publish-folder-api.js'
import { UserError } from '../runtime/errors.js'
import { inputRef, inputRefStart } from '../runtime/surface.js'
import type { PublishFolderOptions, PublishFolderResult } from './publish-folder.js'
import { publishFolder } from './publish-folder.js'
import type { GitRemote } from './remote.js'

/** How promote writes: `git` (a sparse clone and a push), `api` (GitHub's Git Data API), or `auto`. */
export type Transport = 'auto' | 'git' | 'api'
export const TRANSPORTS: readonly Transport[] = ['auto', 'git', 'api']

export interface TransportChoice {
  readonly transport: Transport
  /** `GITHUB_API_URL`. */
  readonly apiUrl: string
  /** Tests shrink GitHub retry waits with this. */
  readonly githubRetryUnitMs?: number
  /** Tests and benchmarks: least time between two API writes (GitHub asks for 1 s per token). */
  readonly githubWriteSpacingMs?: number
}

/**
 * `auto` writes through the API when the repository is on the GitHub (or GHES) server that
 * `GITHUB_API_URL` serves and a token is given; anywhere else (other git hosts, file://, no token) it
 * uses git. `api` where the API cannot write is refused rather than quietly changed.
 */
export function chooseTransport(
  transport: Transport,
  remote: GitRemote,
  apiUrl: string,
  token: string | undefined
): 'git' | 'api' {
  if (transport === 'git') return 'git'
  const onGitHub = remote.github !== undefined && apiServes(apiUrl, remote.url)
  if (transport === 'auto') return onGitHub && token ? 'api' : 'git'
  if (!onGitHub)
    throw new UserError({
      message: `${inputRefStart('transport')} is api, but ${remote.display} is not a repository on the GitHub server ${apiUrl} serves.`,
      hint: `Use transport git (or auto) for repositories elsewhere.`
    })
  if (!token)
    throw new UserError({
      message: `${inputRefStart('transport')} is api, but ${inputRef('token')} is empty; the GitHub API needs one to write.`,
      hint: 'Pass a token that may write the repository (contents: write), or use transport git.'
    })
  return 'api'
}

/** True when the API at `apiUrl` is the one of the server hosting `repositoryUrl` (github.com, GHES). */
function apiServes(apiUrl: string, repositoryUrl: string): boolean {
  try {
    const api = new URL(apiUrl)
    const repository = new URL(repositoryUrl)
    if (repository.protocol === 'file:') return false
    return (
      api.host === repository.host ||
      (api.hostname === `api.${repository.hostname}` && api.port === repository.port)
    )
  } catch {
    return false
  }
}

/** `publishFolder` through the chosen transport; both keep the same result and race semantics. */
export async function publishThrough(
  choice: TransportChoice,
  options: PublishFolderOptions
): Promise<PublishFolderResult> {
  const transport = chooseTransport(choice.transport, options.remote, choice.apiUrl, options.token)
  if (transport === 'git' || options.fullClone) return publishFolder(options)
  options.logger.info(
    `Writing through the GitHub API (transport ${choice.transport}); no clone is made.`
  )
  const client = createGitHubClient({
    token: options.token!,
    baseUrl: choice.apiUrl,
    logger: options.logger,
    retryUnitMs: choice.githubRetryUnitMs,
    writeSpacingMs: choice.githubWriteSpacingMs
  })
  return publishFolderViaApi({ ...options, client, repository: options.remote.github! })
}
