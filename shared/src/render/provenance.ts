import { gitToplevel } from '../boundary/files.js'
import { readCheckoutCommit, readOriginUrl } from '../gitops/source-info.js'
import type { RenderRecord } from './record.js'

export type SourceInfo = Omit<RenderRecord['source'], 'descriptor'>

/**
 * Where the render came from: the git repository holding idp.yaml (`descriptorDir`), not the folder the
 * process runs in. `GITHUB_SHA` and `GITHUB_REPOSITORY` describe the workspace's repository, so they
 * count only when idp.yaml lies in it; otherwise the descriptor's checkout (its HEAD and origin) says.
 * The commit's time always comes from the checkout (the event payload's time is the push's).
 */
export function detectSource(
  workspace: string,
  env: NodeJS.ProcessEnv,
  descriptorDir: string = workspace
): SourceInfo {
  const descriptorRepository = gitToplevel(descriptorDir)
  const inWorkspace =
    descriptorRepository === undefined || descriptorRepository === gitToplevel(workspace)
  const dir = descriptorRepository ?? workspace
  const sha = (inWorkspace && env.GITHUB_SHA) || undefined
  const checkout = readCheckoutCommit(dir, sha ?? 'HEAD')
  const repository = (inWorkspace && env.GITHUB_REPOSITORY) || readOriginUrl(dir)
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
