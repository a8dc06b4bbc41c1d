import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fillPattern } from '../descriptor/patterns.js'
import { publishFolder } from '../gitops/publish-folder.js'
import type { GitRemote } from '../gitops/remote.js'
import { withTrailers } from '../gitops/trailers.js'
import type { Logger } from '../runtime/logger.js'
import { privateTempRoot } from '../runtime/private-temp.js'
import { CATALOG_FILE_NAME } from './catalog-file.js'

/** `{service}` in the platform's catalog path; a path without it gets the service appended. */
export const DEFAULT_CATALOG_PATH = 'services/{service}'

export function catalogFolder(pattern: string | undefined, service: string): string {
  const raw = pattern && pattern.trim() !== '' ? pattern : DEFAULT_CATALOG_PATH
  const filled = fillPattern(raw, { service })
  return raw.includes('{service}') ? filled : `${filled.replace(/\/+$/, '')}/${service}`
}

export interface RepositoryRegistration {
  readonly remote: GitRemote
  readonly token?: string
  readonly branch?: string
  /** The service's folder in the central catalog repository. */
  readonly folder: string
  /**
   * Produces the file's bytes from the catalog file the repository holds now (undefined when there
   * is none), so per-environment records of other environments survive concurrent registrations.
   */
  readonly content: (current: string | undefined) => string
  readonly service: string
  /**
   * Runs against the tip of every attempt before anything is written (reads any file of it); a
   * UserError it throws stops the registration with nothing committed.
   */
  readonly check?: (read: (path: string) => Promise<string | undefined>) => Promise<void>
  readonly trailers: readonly { key: string; value: string }[]
  /** The commit's subject line; default `catalog: register <service>`. */
  readonly subject?: string
  readonly logger: Logger
}

export interface RepositoryResult {
  readonly changed: boolean
  readonly commitSha: string
}

/**
 * Commits the service's `catalog-info.yaml` into its folder of the central catalog repository with
 * the GitOps engine (token hygiene, race handling, no commit when nothing changed). The content is
 * recomputed from the tip of every attempt, so a lost race never drops another environment's record.
 */
export async function registerInRepository(
  options: RepositoryRegistration
): Promise<RepositoryResult> {
  const source = mkdtempSync(join(privateTempRoot(), 'idp-catalog-'))
  try {
    writeFileSync(join(source, CATALOG_FILE_NAME), options.content(undefined))
    const result = await publishFolder({
      remote: options.remote,
      token: options.token,
      branch: options.branch,
      targetPath: options.folder,
      sourceFolder: source,
      message: withTrailers(
        options.subject ?? `catalog: register ${options.service}`,
        options.trailers
      ),
      logger: options.logger,
      inspect: async view => {
        await options.check?.(path => view.readFile(path))
        const current = await view.readFile(`${options.folder}/${CATALOG_FILE_NAME}`)
        writeFileSync(join(source, CATALOG_FILE_NAME), options.content(current))
      }
    })
    return { changed: result.changed, commitSha: result.commitSha }
  } finally {
    rmSync(source, { recursive: true, force: true })
  }
}
