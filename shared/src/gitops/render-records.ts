// Reads the render records (.idp/render.json) of many services across environments, for `idp status`:
// one shallow blobless fetch per repository and branch, folders listed from trees, and only the
// record blobs downloaded. A damaged record is reported for its folder, not thrown for all.
import { posix } from 'node:path'
import { isDnsLabel } from '../boundary/paths.js'
import type { RenderRecord } from '../render/record.js'
import { RENDER_RECORD_PATH } from '../render/record.js'
import { isUserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import type { GitLimits } from './git-process.js'
import { GitopsCheckout } from './gitops-checkout.js'
import { byRemoteBranch, type GitRemote } from './remote.js'
import { parseRenderRecord } from './render-guard.js'

/** Where an environment keeps its services: `<prefix>/<service>/<suffix>` on a branch. */
export interface EnvironmentFolders {
  readonly environment: string
  readonly remote: GitRemote
  /** Undefined: the remote's default branch. */
  readonly branch?: string
  /** The folder holding one folder per service, e.g. `envs/dev`. */
  readonly prefix: string
  /** What follows the service's folder, usually empty (`envs/dev/<service>`). */
  readonly suffix: string
}

export interface ServiceRecord {
  readonly environment: string
  readonly service: string
  /** `<repository>@<branch>:<path>` of the record, for messages. */
  readonly display: string
  readonly record?: RenderRecord
  /** Why the record could not be read (damaged, not JSON, wrong fields). */
  readonly problem?: string
  /** The GitOps commit the record was read at. */
  readonly commit: string
}

/**
 * The records of `services` (or of every service folder found) in each environment. Environments
 * whose branch does not exist yet hold nothing.
 */
export async function readServiceRecords(
  environments: readonly EnvironmentFolders[],
  services: readonly string[] | undefined,
  token: string | undefined,
  logger: Logger,
  /** Time limits of every git command (the catalog step's status table bounds its read). */
  gitLimits?: GitLimits
): Promise<ServiceRecord[]> {
  const records: ServiceRecord[] = []
  for (const group of byRemoteBranch(environments)) {
    const checkout = await GitopsCheckout.open({
      remote: group[0].remote,
      token,
      branch: group[0].branch,
      sparseFolders: [],
      logger,
      gitLimits
    })
    try {
      const commit = await checkout.fetchTip()
      if (!commit) continue
      for (const env of group) {
        // Folder names come from the repository: only service names (DNS labels) fill a path.
        const names = services ?? (await checkout.git.lsTreeFolders(commit, env.prefix))
        for (const service of names.filter(isDnsLabel).sort()) {
          const file = posix.join(env.prefix, service, env.suffix, RENDER_RECORD_PATH)
          const display = `${env.remote.display}@${checkout.branch}:${file}`
          const text = await checkout.readFile(commit, file)
          if (text === undefined) continue
          const base = { environment: env.environment, service, display, commit }
          try {
            records.push({ ...base, record: parseRenderRecord(text, display) })
          } catch (error) {
            if (!isUserError(error)) throw error
            records.push({ ...base, problem: error.message })
          }
        }
      }
    } finally {
      checkout.close()
    }
  }
  return records
}
