// `idp gitops verify` on a checkout of the GitOps repository (the platform's workflow checks out the
// pull request's or the pushed branch's head with full history): resolves base and head, makes sure
// the worktree holds head, and runs the gate (verify.ts).
import type { PlatformConfig } from '../descriptor/types.js'
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import { readDeployedRenders } from './deployed-renders.js'
import type { DeployedRender, EnvironmentLocation } from './deployed-renders.js'
import { GitCommandManager } from './git-command-manager.js'
import { resolveRemote } from './remote.js'
import type { VerifyOutcome } from './verify.js'
import { verifyChange } from './verify.js'

export interface VerifyCheckoutRequest {
  /** The GitOps repository's checkout (its worktree holds `head`). */
  readonly worktree: string
  readonly base: string
  /** Default: HEAD. */
  readonly head?: string
  readonly platform: PlatformConfig
  readonly platformFile: string
  readonly policies: readonly string[]
  readonly crds: readonly string[]
  readonly platformAuthors: readonly string[]
  /** For `requires` gates kept in another repository. */
  readonly token?: string
  readonly serverUrl: string
  readonly logger: Logger
}

export async function verifyCheckout(request: VerifyCheckoutRequest): Promise<VerifyOutcome> {
  const git = await GitCommandManager.create(request.worktree, request.logger)
  const resolve = async (ref: string, what: string) => {
    const sha = await git.tryRevParse(`${ref}^{commit}`)
    if (!sha)
      throw new UserError({
        message: `${what} '${ref}' is not a commit of the checkout in ${request.worktree}.`,
        hint: 'Check out the GitOps repository with its history (actions/checkout with fetch-depth: 0) and pass a branch, tag or SHA it holds.'
      })
    return sha
  }
  const base = await resolve(request.base, 'The base')
  const head = await resolve(request.head ?? 'HEAD', 'The head')
  const checkedOut = await resolve('HEAD', 'HEAD')
  if (head !== checkedOut)
    throw new UserError({
      message: `The head '${request.head}' (${head.slice(0, 12)}) is not what the checkout holds (${checkedOut.slice(0, 12)}); the folders are read from the worktree.`,
      hint: 'Check out the head first (actions/checkout with ref: <head>), or leave head empty.'
    })
  const readElsewhere = remoteRecordReader(
    request.token,
    request.serverUrl,
    request.worktree,
    request.logger
  )
  return verifyChange({
    git,
    worktree: request.worktree,
    base,
    head,
    platform: request.platform,
    platformFile: request.platformFile,
    policies: request.policies,
    crds: request.crds,
    platformAuthors: request.platformAuthors,
    readElsewhere,
    logger: request.logger
  })
}

/**
 * Reads the records of environments kept in other repositories (the gates' `requires`), whose
 * repository comes from the platform config as `owner/name` or a URL.
 */
export function remoteRecordReader(
  token: string | undefined,
  serverUrl: string,
  workspace: string,
  logger: Logger
): (locations: readonly EnvironmentLocation[]) => Promise<DeployedRender[]> {
  return locations =>
    readDeployedRenders(
      locations.map(l => ({ ...l, remote: resolveRemote(l.remote.url, serverUrl, workspace) })),
      token,
      logger
    )
}
