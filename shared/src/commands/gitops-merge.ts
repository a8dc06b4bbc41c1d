import { platformInputPath, repositoryRoot, serviceOutputPath } from '../boundary/inputs.js'
import type { Command } from '../runtime/command.js'
import { booleanInput, integerInput, listInput, requiredInput } from '../runtime/command.js'

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
      annotate: booleanInput(read, 'annotate', true)
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
    context.summary.append(
      report.summary +
        (result.merged
          ? `\n\nMerged ${settings.branch} (${result.verifiedSha.slice(0, 12)}) into ${result.into}${result.commitSha ? ` as ${result.commitSha.slice(0, 12)}` : ''}.\n`
          : '')
    )
    return {
      outputs: {
        merged: String(result.merged),
        'commit-sha': result.commitSha,
        'verified-sha': result.verifiedSha,
        errors: String(report.results.errors),
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
