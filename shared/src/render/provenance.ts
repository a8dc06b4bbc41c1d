import { readCheckoutCommit, readOriginUrl } from '../gitops/source-info.js'
import type { RenderRecord } from './record.js'

export type SourceInfo = Omit<RenderRecord['source'], 'descriptor'>

/**
 * Where the render came from: the repository and commit from `GITHUB_*` when present, else the checkout;
 * the commit's time always from the checkout (the event payload's time is the push, not the commit).
 */
export function detectSource(workspace: string, env: NodeJS.ProcessEnv): SourceInfo {
  const sha = env.GITHUB_SHA || undefined
  const checkout = readCheckoutCommit(workspace, sha ?? 'HEAD')
  const repository = env.GITHUB_REPOSITORY || readOriginUrl(workspace)
  // A safe integer only: the record is JSON, and its readers refuse a number that is not exact.
  const runNumber =
    env.GITHUB_RUN_NUMBER && /^\d{1,15}$/.test(env.GITHUB_RUN_NUMBER)
      ? Number(env.GITHUB_RUN_NUMBER)
      : undefined
  const runUrl =
    env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
      ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : undefined
  return compact({
    repository,
    commit: sha ?? checkout?.commit,
    commitTime: checkout?.commitTime,
    runNumber,
    runUrl
  })
}

function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}
