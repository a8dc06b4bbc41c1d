import { posix } from 'node:path'
import type { RenderRecord } from '../render/record.js'
import { RENDER_RECORD_PATH } from '../render/record.js'
import type { Logger } from '../runtime/logger.js'
import { GitopsCheckout } from './gitops-checkout.js'
import { byRemoteBranch, type GitRemote } from './remote.js'
import { parseRenderRecord } from './render-guard.js'

/** Where one environment's folder for a service lives. */
export interface EnvironmentLocation {
  readonly environment: string
  readonly remote: GitRemote
  /** Undefined: the remote's default branch. */
  readonly branch?: string
  readonly path: string
  /** Environments this one requires (drawn as arrows in the summary). */
  readonly requires?: readonly string[]
}

/** What an environment's folder holds right now: its render record, or nothing yet. */
export interface DeployedRender {
  readonly location: EnvironmentLocation
  readonly record?: RenderRecord
  /** The commit the record was read at; undefined when the branch does not exist. */
  readonly commit?: string
}

/**
 * Reads `.idp/render.json` of several environment folders, one shallow blobless fetch per repository
 * and branch (no worktree; only the record blobs are downloaded).
 */
export async function readDeployedRenders(
  locations: readonly EnvironmentLocation[],
  token: string | undefined,
  logger: Logger,
  tempRoot?: string
): Promise<DeployedRender[]> {
  const out = new Map<EnvironmentLocation, DeployedRender>()
  for (const group of byRemoteBranch(locations)) {
    const checkout = await GitopsCheckout.open({
      remote: group[0].remote,
      token,
      branch: group[0].branch,
      sparseFolders: [],
      logger,
      tempRoot
    })
    try {
      const commit = await checkout.fetchTip()
      for (const location of group) {
        const file = posix.join(location.path, RENDER_RECORD_PATH)
        const text = commit ? await checkout.readFile(commit, file) : undefined
        const display = `${location.remote.display}@${checkout.branch}:${file}`
        out.set(location, {
          location,
          commit,
          record: text === undefined ? undefined : parseRenderRecord(text, display)
        })
      }
    } finally {
      checkout.close()
    }
  }
  return locations.map(l => out.get(l) as DeployedRender)
}
