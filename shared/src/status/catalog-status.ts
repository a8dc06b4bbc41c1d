// The status table of one service for the catalog step's summary: the same records and the same
// table as `idp status --service <name>`. The catalog step registers entities; what runs where is
// extra information, so a GitOps repository that cannot be read, or not within the time given, never
// fails the step — the summary says why the table is absent instead.
import type { PlatformConfig } from '../descriptor/types.js'
import { DEFAULT_GIT_LIMITS, type GitLimits } from '../gitops/git-process.js'
import { readServiceRecords } from '../gitops/render-records.js'
import { isUserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import { environmentFolders, formatStatusMarkdown, statusReport } from './status.js'

export interface ServiceStatusOptions {
  readonly platform: PlatformConfig
  readonly service: string
  /** Overrides the platform config's GitOps repository (owner/name, a URL or a path). */
  readonly repository?: string
  readonly token?: string
  readonly serverUrl: string
  readonly workspace: string
  /** The whole read: every git command, and the wait for all of them. */
  readonly timeoutMs: number
  readonly staleDays: number
  readonly now: Date
  readonly logger: Logger
}

const TITLE = '### What runs where'

class StatusTimeout extends Error {}

/** Markdown for the summary: the table, or one line saying why there is none. Never throws for I/O. */
export async function serviceStatusSection(options: ServiceStatusOptions): Promise<string> {
  let where = options.repository ?? 'the GitOps repository'
  let timer: NodeJS.Timeout | undefined
  try {
    const folders = environmentFolders(options.platform, {
      repository: options.repository,
      serverUrl: options.serverUrl,
      workspace: options.workspace,
      service: options.service
    })
    where = [...new Set(folders.map(f => f.remote.display))].join(', ')
    // Each git command is stopped at the budget too, so nothing keeps running after the answer.
    const limits: GitLimits = {
      ...DEFAULT_GIT_LIMITS,
      commandTimeoutMs: options.timeoutMs,
      lowSpeedTime: Math.max(1, Math.min(DEFAULT_GIT_LIMITS.lowSpeedTime, options.timeoutMs / 1000))
    }
    const read = readServiceRecords(
      folders,
      [options.service],
      options.token,
      options.logger,
      limits
    )
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new StatusTimeout()), options.timeoutMs)
    })
    const records = await Promise.race([read, timeout])
    const report = statusReport(
      folders.map(f => f.environment),
      records,
      { staleDays: options.staleDays, now: options.now }
    )
    return `${TITLE}\n\n${formatStatusMarkdown(report)}\n`
  } catch (error) {
    const reason =
      error instanceof StatusTimeout
        ? `reading ${where} took longer than ${Math.round(options.timeoutMs / 1000)} s (raise status-timeout).`
        : `${where} could not be read: ${isUserError(error) ? error.message : String(error instanceof Error ? error.message : error)}`
    options.logger.warning(`No status table in the summary: ${reason}`)
    return `${TITLE}\n\nNo status table: ${reason}\n`
  } finally {
    clearTimeout(timer)
  }
}
