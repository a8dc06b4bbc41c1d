import { platformInputPath, repositoryRoot, serviceOutputFile } from '../boundary/inputs.js'
import type { Command } from '../runtime/command.js'
import { booleanInput, listInput, requiredInput } from '../runtime/command.js'

export interface GitopsVerifySettings {
  readonly workspace: string
  readonly base: string
  readonly head?: string
  readonly platformConfig: string
  readonly policies: readonly string[]
  readonly crds: readonly string[]
  readonly platformAuthors: readonly string[]
  readonly token?: string
  readonly serverUrl: string
  readonly sarifFile?: string
  readonly annotate: boolean
}

/**
 * `verify-gitops` / `idp gitops verify`: the gate the platform runs in the GitOps repository on pull
 * requests and promotion branches (gitops/verify.ts). Its exit status is the required check.
 */
export const gitopsVerifyCommand: Command<GitopsVerifySettings> = {
  cli: 'gitops verify',
  action: 'verify-gitops',
  description:
    "Verify a change to the GitOps repository in the platform's own workflow: every changed service folder is the platform's folder for the service and environment its render record names, written by the repository that owns the service, with provenance trailers that agree with the record, content whose digest is the record's, no cluster-scoped kind, validation with the platform's config and policies, and the requires gates as the repository holds them; nothing outside service folders changes unless by the platform's identity. Findings as annotations on the changed files, a job summary and SARIF; a non-zero exit for a required check.",
  inputs: [
    {
      name: 'base',
      description:
        'The commit the change is measured from (a pull request: its base SHA; a push: the deployed branch). The change is what head adds since their merge base.',
      required: true
    },
    {
      name: 'head',
      description:
        'The commit to verify; it must be the one checked out (the folders are read from the worktree). Default: HEAD.'
    },
    {
      name: 'platform-config',
      description:
        'The platform config (platform.yaml), checked out from the platform repository at a ref the GitOps workflow pins, never from the change being verified. Its spec.policies and spec.crds apply.',
      required: true
    },
    {
      name: 'policies',
      description:
        "More Kyverno policy files, folders or globs (one per line) of the platform's checkout, applied besides spec.policies."
    },
    {
      name: 'crds',
      description: 'More CRD and XRD files, folders or globs (one per line), besides spec.crds.'
    },
    {
      name: 'platform-authors',
      description:
        "Commit author names or e-mails of the platform's own identity (e.g. the platform App's bot, `my-platform[bot]`), comma or newline separated; only they may change files outside service folders or delete a service folder. Git authorship is self-declared: name an identity service pipelines never commit as (not spec.gitops.author, which promote writes), and let rulesets decide who may push."
    },
    {
      name: 'token',
      description:
        'A token that may read the GitOps repositories of environments kept elsewhere (for requires gates that point there).',
      secret: true
    },
    { name: 'sarif-file', description: 'Write a SARIF 2.1.0 log of the findings here.' },
    {
      name: 'annotate',
      boolean: true,
      description: 'Annotate findings on the changed files (`true` or `false`).',
      default: 'true'
    }
  ],
  outputs: [
    { name: 'passed', description: '`true` when the change passed every check, else `false`.' },
    { name: 'errors', description: 'Number of error-level findings.' },
    {
      name: 'folders',
      description:
        'JSON list of the service folders the change touches, e.g. ["envs/dev/checkout"].'
    },
    { name: 'sarif-file', description: 'Path of the SARIF log written (empty when none).' }
  ],
  settings(read, context) {
    const sarifFile = read('sarif-file')
    if (sarifFile !== undefined) serviceOutputFile(context, sarifFile, 'The SARIF file')
    return {
      // The GitOps checkout's root: changed paths are relative to it.
      workspace: repositoryRoot(context),
      base: requiredInput(read, 'base'),
      head: read('head'),
      platformConfig: platformInputPath(
        context,
        requiredInput(read, 'platform-config'),
        'The platform config'
      ),
      policies: listInput(read, 'policies', /\n/),
      crds: listInput(read, 'crds', /\n/),
      platformAuthors: listInput(read, 'platform-authors'),
      token: read('token'),
      serverUrl: context.env.GITHUB_SERVER_URL || 'https://github.com',
      sarifFile,
      annotate: booleanInput(read, 'annotate', true)
    }
  },
  async run(settings, context) {
    const { loadPlatformConfig } = await import('../descriptor/platform.js')
    const { verifyCheckout } = await import('../gitops/verify-checkout.js')
    const { reportGate } = await import('../gitops/verify-report.js')
    const platform = loadPlatformConfig(settings.platformConfig)
    const outcome = await verifyCheckout({
      worktree: settings.workspace,
      base: settings.base,
      head: settings.head,
      platform,
      platformFile: settings.platformConfig,
      policies: settings.policies,
      crds: settings.crds,
      platformAuthors: settings.platformAuthors,
      token: settings.token,
      serverUrl: settings.serverUrl,
      logger: context.logger
    })
    const report = reportGate(outcome.findings, {
      title: 'idp GitOps gate',
      folders: outcome.folders,
      sarifFile: settings.sarifFile,
      annotate: settings.annotate,
      workspace: settings.workspace,
      logger: context.logger
    })
    context.summary.append(report.summary)
    return {
      outputs: {
        passed: String(report.passed),
        errors: String(report.results.errors),
        folders: JSON.stringify(outcome.folders.map(f => f.path)),
        'sarif-file': settings.sarifFile ?? ''
      },
      exitCode: report.passed ? 0 : 1,
      ...(report.passed
        ? {}
        : {
            failure: `The GitOps gate refused the change: ${report.results.errors} error${report.results.errors === 1 ? '' : 's'} (see the annotations and the job summary).`
          })
    }
  }
}
