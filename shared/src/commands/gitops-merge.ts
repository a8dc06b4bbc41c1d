import { platformInputPath, repositoryRoot, serviceOutputPath } from '../boundary/inputs.js'
import type { PlatformConfig } from '../descriptor/types.js'
import type { RenderRecord } from '../render/record.js'
import type { Command, CommandContext, InputReader } from '../runtime/command.js'
import { booleanInput, integerInput, listInput, requiredInput } from '../runtime/command.js'
import { checkBranchName } from '../boundary/paths.js'
import { UserError } from '../runtime/errors.js'
import { inputRef, inputRefStart } from '../runtime/surface.js'

function catalogSettings(read: InputReader, context: CommandContext): GitopsMergeCatalogSettings {
  const token = read('catalog-token')
  const backstageToken = read('backstage-token') ?? context.env.BACKSTAGE_TOKEN
  for (const secret of [token, backstageToken]) if (secret) context.logger.setSecret(secret)
  const branch = read('catalog-branch')
  const backstageUrl = read('backstage-url')
  // A setting that cannot work is refused before anything is merged, not after.
  if (backstageUrl && !backstageToken)
    throw new UserError({
      message: `${inputRefStart('backstage-token')} is required with ${inputRef('backstage-url')}.`,
      hint: 'Pass the token of a Backstage service that may refresh entities (or BACKSTAGE_TOKEN), or leave backstage-url out.'
    })
  return {
    repository: read('catalog-repository'),
    token,
    branch:
      branch === undefined ? undefined : checkBranchName(branch, inputRefStart('catalog-branch')),
    backstageUrl,
    backstageToken,
    timeoutSeconds: integerInput(read, 'catalog-timeout', 60, 1, 600)
  }
}

/**
 * Records a merge on the service's Component in the central catalog repository (and asks Backstage
 * to show it). The merge stands whatever happens here: a failure is a warning and a summary line.
 */
async function recordInCatalog(
  settings: GitopsMergeSettings,
  platform: PlatformConfig,
  record: RenderRecord,
  mergeCommit: string,
  context: CommandContext
): Promise<{ recorded: boolean; line: string }> {
  const { catalog } = settings
  const repository = catalog.repository ?? platform.spec.catalog?.repository
  const what = `${record.service} in ${record.environment}`
  if (!repository || repository === 'none')
    return {
      recorded: false,
      line: `\nNo catalog repository (catalog-repository, or the platform config's catalog.repository): ${what} is not recorded in the catalog.\n`
    }
  const { resolveRemote } = await import('../gitops/remote.js')
  const { recordMergedDeployment } = await import('../catalog/record-merge.js')
  try {
    const outcome = await recordMergedDeployment(
      {
        remote: resolveRemote(repository, settings.serverUrl, settings.workspace),
        token: catalog.token,
        branch: catalog.branch,
        pathPattern: platform.spec.catalog?.path,
        backstage:
          catalog.backstageUrl && catalog.backstageToken
            ? {
                url: catalog.backstageUrl,
                token: catalog.backstageToken,
                timeoutMs: catalog.timeoutSeconds * 1000
              }
            : undefined,
        logger: context.logger
      },
      { record, mergeCommit }
    )
    if (!outcome.recorded) {
      context.logger.warning(`${what} is not recorded in the catalog: ${outcome.reason}`)
      return {
        recorded: false,
        line: `\n${what} is not recorded in the catalog: ${outcome.reason}\n`
      }
    }
    if (outcome.shown === false) context.logger.warning(outcome.reason ?? '')
    const shown =
      outcome.shown === undefined
        ? ''
        : outcome.shown
          ? ' Backstage shows it.'
          : ` ${outcome.reason}`
    return {
      recorded: true,
      line: `\nRecorded ${what} (${mergeCommit.slice(0, 12)}) in the catalog${outcome.changed && outcome.commitSha ? ` (${outcome.commitSha.slice(0, 12)})` : ' (already recorded)'}.${shown}\n`
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    context.logger.warning(
      `Merged, but ${what} is not recorded in the catalog: ${reason} The deployment stands; the catalog shows the previous record of ${record.environment} until the next merge.`
    )
    return { recorded: false, line: `\n${what} is not recorded in the catalog: ${reason}\n` }
  }
}

export interface GitopsMergeSettings {
  readonly workspace: string
  readonly branch: string
  readonly into?: string
  /** The GitOps repository: owner/name, a URL or a path; default GITHUB_REPOSITORY, else the checkout. */
  readonly repository: string
  readonly token?: string
  readonly platformConfig: string
  readonly platformAuthors: readonly string[]
  readonly maxAttempts: number
  readonly serverUrl: string
  readonly sarifFile?: string
  readonly annotate: boolean
  /** Where a merge is recorded (catalog/record-merge.ts); undefined: the platform config's, if any. */
  readonly catalog: GitopsMergeCatalogSettings
}

export interface GitopsMergeCatalogSettings {
  /** `none` records nothing; undefined: the platform config's `catalog.repository`. */
  readonly repository?: string
  readonly token?: string
  readonly branch?: string
  readonly backstageUrl?: string
  readonly backstageToken?: string
  readonly timeoutSeconds: number
}

/**
 * `merge-gitops` / `idp gitops merge`: broker mode's merge (gitops/broker-merge.ts). Runs in the
 * platform's workflow of the GitOps repository with the platform's token; service pipelines only push
 * `idp/<environment>/<service>` branches.
 */
export const gitopsMergeCommand: Command<GitopsMergeSettings> = {
  cli: 'gitops merge',
  action: 'merge-gitops',
  description:
    "Broker mode: verify a promotion branch idp/<environment>/<service> with the GitOps gate (as gitops verify, and it may change only its service's folder), then apply that folder onto the current tip of the deployed branch as one commit with the platform's token — re-applied on a lost race, so concurrent merges of other services are never lost — and delete the branch. A refused branch is left as it is, with its findings as annotations, a job summary and SARIF, and a non-zero exit.",
  inputs: [
    {
      name: 'branch',
      description: 'The promotion branch to merge: idp/<environment>/<service>.',
      required: true
    },
    {
      name: 'into',
      description:
        "The deployed branch. Default: the platform config's branch for the environment, else the repository's default branch."
    },
    {
      name: 'repository',
      description:
        'The GitOps repository: owner/name on GITHUB_SERVER_URL, or a git URL or path. Default: GITHUB_REPOSITORY (the workflow runs in the GitOps repository).'
    },
    {
      name: 'token',
      description:
        "The platform's token (its App's installation token): the one credential that may write the deployed branch, and delete promotion branches.",
      secret: true
    },
    {
      name: 'platform-config',
      description:
        'The platform config (platform.yaml), checked out from the platform repository at a ref the GitOps workflow pins, never from the branch being merged.',
      required: true
    },
    {
      name: 'platform-authors',
      description:
        "Commit author names or e-mails of the platform's own identity, comma or newline separated; only they may delete a service folder (not spec.gitops.author, which promote also writes service commits as)."
    },
    {
      name: 'max-attempts',
      description: 'Attempts when other merges win the race to the deployed branch.',
      default: '10'
    },
    { name: 'sarif-file', description: 'Write a SARIF 2.1.0 log of the findings here.' },
    {
      name: 'annotate',
      boolean: true,
      description: 'Annotate findings on the files of the branch (`true` or `false`).',
      default: 'true'
    },
    {
      name: 'catalog-repository',
      description:
        "After a merge, record the deployment (environment, images, source commit, render digest and run, merge commit) on the service's Component in this central catalog repository (owner/name, a git URL or a path), as register-catalog records deployments. Default: the platform config's `catalog.repository`; `none` records nothing. A refused branch records nothing; a record that fails is a warning, never a failed merge."
    },
    {
      name: 'catalog-token',
      description: "The platform's token that may push to the catalog repository.",
      secret: true
    },
    {
      name: 'catalog-branch',
      description: "The catalog repository's branch (default: its default branch)."
    },
    {
      name: 'backstage-url',
      description:
        'After recording, ask this Backstage backend to re-read the Component (it must read the catalog repository as a location) and wait until it shows the merge.'
    },
    {
      name: 'backstage-token',
      description:
        'A bearer token the Backstage backend accepts. The CLI also reads BACKSTAGE_TOKEN.',
      secret: true
    },
    {
      name: 'catalog-timeout',
      description: 'Seconds the Backstage refresh and wait may take (1–600).',
      default: '60'
    }
  ],
  outputs: [
    {
      name: 'merged',
      description: "`true` when the branch's folder is now on the deployed branch."
    },
    {
      name: 'commit-sha',
      description: 'The commit on the deployed branch (empty when not merged).'
    },
    { name: 'verified-sha', description: 'The promotion branch tip that was verified.' },
    { name: 'errors', description: 'Number of error-level findings.' },
    {
      name: 'catalog-recorded',
      description:
        "`true` when the catalog repository holds the merged deployment on the service's Component."
    },
    {
      name: 'branch-deleted',
      description:
        '`true` when the promotion branch was deleted (it is kept when it moved after verification).'
    }
  ],
  settings(read, context) {
    const sarifFile = read('sarif-file')
    if (sarifFile !== undefined) serviceOutputPath(context, sarifFile, 'The SARIF file')
    const repository =
      read('repository') ?? context.env.GITHUB_REPOSITORY ?? repositoryRoot(context)
    return {
      workspace: context.workspace,
      branch: requiredInput(read, 'branch'),
      into: read('into'),
      repository,
      token: read('token'),
      platformConfig: platformInputPath(
        context,
        requiredInput(read, 'platform-config'),
        'The platform config'
      ),
      platformAuthors: listInput(read, 'platform-authors'),
      maxAttempts: integerInput(read, 'max-attempts', 10, 1, 100),
      serverUrl: context.env.GITHUB_SERVER_URL || 'https://github.com',
      sarifFile,
      annotate: booleanInput(read, 'annotate', true),
      catalog: catalogSettings(read, context)
    }
  },
  async run(settings, context) {
    const { loadPlatformConfig } = await import('../descriptor/platform.js')
    const { resolveRemote } = await import('../gitops/remote.js')
    const { brokerMerge } = await import('../gitops/broker-merge.js')
    const { remoteRecordReader } = await import('../gitops/verify-checkout.js')
    const { reportGate } = await import('../gitops/verify-report.js')
    const platform = loadPlatformConfig(settings.platformConfig)
    const result = await brokerMerge({
      remote: resolveRemote(settings.repository, settings.serverUrl, settings.workspace),
      token: settings.token,
      branch: settings.branch,
      into: settings.into,
      platform,
      platformFile: settings.platformConfig,
      platformAuthors: settings.platformAuthors,
      author: platform.spec.gitops?.author,
      maxAttempts: settings.maxAttempts,
      logger: context.logger,
      readElsewhere: remoteRecordReader(
        settings.token,
        settings.serverUrl,
        settings.workspace,
        context.logger
      )
    })
    const report = reportGate(result.findings, {
      title: `idp GitOps gate: ${settings.branch} → ${result.into}`,
      folders: result.folders,
      sarifFile: settings.sarifFile,
      annotate: settings.annotate,
      workspace: settings.workspace,
      logger: context.logger
    })
    // Only what was merged is recorded: a refused branch never reaches the catalog.
    const cataloged =
      result.merged && result.record
        ? await recordInCatalog(settings, platform, result.record, result.commitSha, context)
        : { recorded: false, line: '' }
    context.summary.append(
      report.summary +
        (result.merged
          ? `\n\nMerged ${settings.branch} (${result.verifiedSha.slice(0, 12)}) into ${result.into}${result.commitSha ? ` as ${result.commitSha.slice(0, 12)}` : ''}.\n${cataloged.line}`
          : '')
    )
    return {
      outputs: {
        merged: String(result.merged),
        'commit-sha': result.commitSha,
        'verified-sha': result.verifiedSha,
        errors: String(report.results.errors),
        'catalog-recorded': String(cataloged.recorded),
        'branch-deleted': String(result.branchDeleted)
      },
      exitCode: report.passed ? 0 : 1,
      ...(report.passed
        ? {}
        : {
            failure: `The GitOps gate refused ${settings.branch}: ${report.results.errors} error${report.results.errors === 1 ? '' : 's'} (see the annotations and the job summary); nothing was merged.`
          })
    }
  }
}
