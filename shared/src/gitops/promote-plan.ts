import { inputRef, inputRefStart } from '../runtime/surface.js'
import type { RunIdentity } from '../boundary/identity.js'
import { assertMayReplace, assertServiceBinding, withRecordFallback } from '../boundary/identity.js'
import { checkBranchName, checkRecordName, confineGitopsPath } from '../boundary/paths.js'
import { environmentConfig, resolveGitopsTarget } from '../descriptor/platform.js'
import type { PlatformConfig, PromotionMode } from '../descriptor/types.js'
import type { MergeMethod } from '../github/pull-requests.js'
import { UserError } from '../runtime/errors.js'
import type { BackoffPolicy } from './backoff.js'
import type { EnvironmentLocation } from './deployed-renders.js'
import type { PromotePlan } from './promote.js'
import { readIncomingRecord } from './promote.js'
import { RENDER_RECORD_PATH } from '../render/record.js'
import type { Transport } from './publish-transport.js'
import type { GitRemote } from './remote.js'
import { resolveRemote } from './remote.js'

export { DEFAULT_PATH_PATTERN } from '../boundary/paths.js'

/** The promote command's settings: inputs parsed once, nothing resolved yet. */
export interface PromoteSettings {
  /** Absolute path of the rendered environment folder. */
  readonly manifests: string
  /** As the user wrote it, for messages. */
  readonly manifestsDisplay: string
  /** Defaults to the environment the render record names. */
  readonly environment?: string
  readonly repository?: string
  readonly token?: string
  readonly branch?: string
  /** A folder or a pattern with `{environment}` and `{service}`. */
  readonly path?: string
  readonly mode?: PromotionMode
  readonly commitMessage: string
  readonly maxAttempts: number
  readonly allowRollback: boolean
  readonly dryRun: boolean
  readonly labels: readonly string[]
  readonly autoMerge?: MergeMethod
  /** `GITHUB_SERVER_URL`: where `owner/name` repositories live. */
  readonly serverUrl: string
  /** `GITHUB_API_URL`. */
  readonly apiUrl: string
  readonly runUrl?: string
  readonly workspace: string
  readonly backoff?: BackoffPolicy
  readonly githubRetryUnitMs?: number
  /** Tests: least time between two GitHub API writes. */
  readonly githubWriteSpacingMs?: number
  /** git, api or auto (default): how the commit reaches the GitOps repository. */
  readonly transport?: Transport
  /** The repository the run comes from (boundary/identity.ts); the record's when unknown. */
  readonly identity?: RunIdentity
  /** Promote without a platform config on purpose, also to a GitHub repository. */
  readonly noPlatform?: boolean
}

/**
 * Resolves settings against the platform config: the environment's GitOps target (inputs override
 * repository, branch and path), the mode (an input may tighten `push` to `pull-request`, never loosen
 * it), the `requires` gates, the commit author, and every environment's folder for the summary.
 */
export function planPromotion(settings: PromoteSettings, platform?: PlatformConfig): PromotePlan {
  const record = readIncomingRecord(settings.manifests, settings.manifestsDisplay)
  // The record was written by the service repository: its names are checked before they fill any
  // path or branch (see boundary/paths.ts).
  const recordDisplay = `${settings.manifestsDisplay}/${RENDER_RECORD_PATH}`
  const environments = platform?.spec.environments.map(e => e.name)
  checkRecordName(record.service, 'service', recordDisplay)
  checkRecordName(record.environment, 'environment', recordDisplay, environments)
  if (settings.branch !== undefined) checkBranchName(settings.branch, inputRefStart('branch'))
  // The run may act only as a service its repository owns (boundary/identity.ts).
  const identity = withRecordFallback(
    settings.identity ?? { source: 'no GITHUB_REPOSITORY and no git origin' },
    record
  )
  assertServiceBinding({
    platform,
    service: record.service,
    owner: record.owner,
    identity,
    recordRepository: record.source?.repository,
    servicePosition: { file: recordDisplay, line: 1, column: 1 },
    subject: 'the render record'
  })
  const environment = settings.environment ?? record.environment
  if (environment !== record.environment) {
    throw new UserError({
      message: `${inputRefStart('environment')} is '${environment}', but ${settings.manifestsDisplay} was rendered for '${record.environment}'.`,
      hint: `Promote the folder rendered for ${environment} (e.g. rendered/${environment}), or fix 'environment'.`
    })
  }
  const service = record.service
  const platformTarget = platform ? resolveGitopsTarget(platform, environment, service) : undefined
  const platformMode = platformTarget?.mode ?? 'push'
  if (platformMode === 'pull-request' && settings.mode === 'push') {
    throw new UserError({
      message: `${inputRefStart('mode')} is push, but the platform config requires pull requests for ${environment}.`,
      hint: "An input may tighten push to pull-request, never loosen it; remove 'mode' or set it to pull-request."
    })
  }
  const mode = settings.mode ?? platformMode
  const repository = settings.repository ?? platformTarget?.repository
  if (!repository) {
    throw new UserError({
      message: `No GitOps repository for ${environment}: ${inputRef('repository')} is empty and ${platform ? 'the platform config names none' : `no ${inputRef('platform-config')} was given`}.`,
      hint: "Set 'repository' (owner/name or a URL), or spec.gitops.repository in the platform config."
    })
  }
  const remote = resolveRemote(repository, settings.serverUrl, settings.workspace)
  // Gates, pull-request mode and folder patterns live in the platform config: pushing to a GitHub
  // repository without it skips them, so that takes an explicit choice.
  if (!platform && remote.github && !settings.noPlatform)
    throw new UserError({
      message: `No ${inputRef('platform-config')} was given, so promote to ${remote.display} would skip the platform's requires gates, pull-request mode and folder patterns.`,
      hint: `Pass ${inputRef('platform-config')}, or set ${inputRef('no-platform')} to true to promote without it on purpose.`
    })
  const pathOf = (env: string, inputPath?: string) =>
    confineGitopsPath({
      environment: env,
      service,
      platformPattern: platform ? platformPathPattern(platform, env) : undefined,
      inputPath,
      recordDisplay,
      environments
    })
  const path = pathOf(environment, settings.path)
  const requiresOf = (env: string) =>
    platform ? (environmentConfig(platform, env).requires ?? []) : []
  const target: EnvironmentLocation = {
    environment,
    remote,
    branch: settings.branch ?? platformTarget?.branch,
    path,
    requires: requiresOf(environment)
  }
  const locate = (env: string): EnvironmentLocation => {
    if (env === environment) return target
    const t = resolveGitopsTarget(platform as PlatformConfig, env, service)
    // A `repository` input stands in for the platform's repository of this environment, and so for
    // every environment the platform keeps in that same repository.
    const overridden =
      settings.repository !== undefined && t.repository === platformTarget?.repository
    const other: GitRemote =
      t.repository && !overridden
        ? resolveRemote(t.repository, settings.serverUrl, settings.workspace)
        : remote
    return {
      environment: env,
      remote: other,
      branch: t.branch,
      path: pathOf(env),
      requires: requiresOf(env)
    }
  }
  return {
    manifests: settings.manifests,
    manifestsDisplay: settings.manifestsDisplay,
    record,
    environment,
    target,
    mode,
    requires: requiresOf(environment).map(locate),
    environments: platform ? platform.spec.environments.map(e => locate(e.name)) : [target],
    token: settings.token,
    commitMessage: settings.commitMessage,
    author: platform?.spec.gitops?.author,
    maxAttempts: settings.maxAttempts,
    allowRollback: settings.allowRollback,
    dryRun: settings.dryRun,
    labels: settings.labels,
    autoMerge: settings.autoMerge,
    apiUrl: settings.apiUrl,
    runUrl: settings.runUrl,
    backoff: settings.backoff,
    githubRetryUnitMs: settings.githubRetryUnitMs,
    githubWriteSpacingMs: settings.githubWriteSpacingMs,
    transport: settings.transport,
    mayReplace: (held, where) => assertMayReplace(platform, held, identity, where)
  }
}

/** The environment's GitOps path pattern as the platform config writes it (inherited), if any. */
function platformPathPattern(platform: PlatformConfig, environment: string): string | undefined {
  return environmentConfig(platform, environment).gitops?.path ?? platform.spec.gitops?.path
}
