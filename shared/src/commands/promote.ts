import { platformInputPath, serviceInputPath } from '../boundary/inputs.js'
import { runIdentity } from '../boundary/identity.js'
import type { PromotionMode } from '../descriptor/types.js'
import { DEFAULT_COMMIT_MESSAGE, MESSAGE_PLACEHOLDERS } from '../gitops/promote-message.js'
import type { PromoteSettings } from '../gitops/promote-plan.js'
import type { Transport } from '../gitops/publish-transport.js'
import type { MergeMethod } from '../github/pull-requests.js'
import type { Command } from '../runtime/command.js'
import {
  booleanInput,
  choiceInput,
  integerInput,
  listInput,
  requiredInput
} from '../runtime/command.js'

interface Settings extends PromoteSettings {
  readonly platformConfig?: string
}

/** `promote` / `idp promote`: writes one rendered environment folder to its GitOps repository. */
export const promoteCommand: Command<Settings> = {
  cli: 'promote',
  action: 'promote',
  description:
    'Commit a rendered environment folder to its GitOps repository (push or pull request), race-safe, with provenance trailers, promotion gates and a dry-run diff.',
  inputs: [
    {
      name: 'manifests',
      description:
        'The rendered environment folder to promote (holds .idp/render.json), e.g. rendered/prod.',
      required: true
    },
    {
      name: 'environment',
      description:
        'The environment to promote to. Default: the environment the folder was rendered for.'
    },
    {
      name: 'repository',
      description:
        'The GitOps repository: owner/name on GITHUB_SERVER_URL, or any git URL (https://, file://, a path). Default: from the platform config.'
    },
    {
      name: 'token',
      description:
        'A token that may push to the GitOps repository (and open pull requests in pull-request mode).',
      secret: true
    },
    {
      name: 'branch',
      description:
        "The branch to promote onto. Default: the platform config's, else the repository's default branch."
    },
    {
      name: 'path',
      description:
        "A subfolder of the platform's folder for the service (envs/{environment}/{service} without a platform config) to write instead; may use {environment} and {service}. May narrow that folder, never leave it."
    },
    {
      name: 'mode',
      description:
        "push or pull-request. Default: from the platform config, else push. May tighten the platform's push to pull-request, never loosen it."
    },
    {
      name: 'platform-config',
      description: 'The platform config (platform.yaml) with GitOps targets and requires gates.'
    },
    {
      name: 'no-platform',
      boolean: true,
      description:
        'Promote without a platform config on purpose. Without it, a GitHub repository is refused when no platform-config is given (its gates, pull-request mode and folder patterns would be skipped).',
      default: 'false'
    },
    {
      name: 'commit-message',
      description: `Commit message template; placeholders ${MESSAGE_PLACEHOLDERS.map(p => `{${p}}`).join(', ')}. Provenance trailers are always appended.`,
      default: DEFAULT_COMMIT_MESSAGE
    },
    {
      name: 'max-attempts',
      description:
        'Attempts when other pushes win the race (1 s × 1.5 jittered backoff, at most 30 s per wait).',
      default: '10'
    },
    {
      name: 'transport',
      description:
        'How the commit is written: api (GitHub Git Data API, no clone, commits signed by GitHub for App and GITHUB_TOKEN tokens), git (sparse clone and push), or auto: api for repositories on the GitHub or GHES server of GITHUB_API_URL, git elsewhere.',
      default: 'auto'
    },
    {
      name: 'allow-rollback',
      boolean: true,
      description:
        'Let an older render (earlier source commit time or run number) replace a newer one.',
      default: 'false'
    },
    {
      name: 'dry-run',
      boolean: true,
      description:
        'Compute and print the change per resource (secret values redacted) without pushing.',
      default: 'false'
    },
    {
      name: 'labels',
      description:
        'Pull-request mode: labels to add to the pull request (comma or newline separated).'
    },
    {
      name: 'auto-merge',
      boolean: true,
      description:
        'Pull-request mode: enable auto-merge with merge, squash or rebase; false to leave it off.',
      default: 'false'
    }
  ],
  outputs: [
    {
      name: 'changed',
      description: 'true when the target folder changed (or would, in a dry run).'
    },
    {
      name: 'commit-sha',
      description: 'The commit at the pushed branch tip (empty in a dry run that would commit).'
    },
    {
      name: 'pull-request-url',
      description: 'Pull-request mode: the URL of the opened or updated pull request.'
    },
    { name: 'pull-request-number', description: 'Pull-request mode: its number.' },
    {
      name: 'diff',
      description: 'The change per resource and a unified diff, data/stringData values redacted.'
    }
  ],
  settings(read, context) {
    const env = context.env
    const manifestsInput = requiredInput(read, 'manifests')
    const autoMerge = choiceInput(
      read,
      'auto-merge',
      ['false', 'merge', 'squash', 'rebase'],
      'false'
    )
    const mode = read('mode')
      ? choiceInput<PromotionMode>(read, 'mode', ['push', 'pull-request'], 'push')
      : undefined
    const serverUrl = env.GITHUB_SERVER_URL || 'https://github.com'
    const runUrl =
      env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
        ? `${serverUrl}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : undefined
    const platformConfig = read('platform-config')
    return {
      manifests: serviceInputPath(context, manifestsInput, "Input 'manifests'"),
      manifestsDisplay: manifestsInput,
      environment: read('environment'),
      repository: read('repository'),
      token: read('token'),
      branch: read('branch'),
      path: read('path'),
      mode,
      platformConfig: platformConfig
        ? platformInputPath(context, platformConfig, 'The platform config')
        : undefined,
      noPlatform: booleanInput(read, 'no-platform', false),
      commitMessage: read('commit-message') ?? DEFAULT_COMMIT_MESSAGE,
      maxAttempts: integerInput(read, 'max-attempts', 10, 1, 100),
      transport: choiceInput<Transport>(read, 'transport', ['auto', 'git', 'api'], 'auto'),
      allowRollback: booleanInput(read, 'allow-rollback', false),
      dryRun: booleanInput(read, 'dry-run', false),
      labels: listInput(read, 'labels'),
      autoMerge: autoMerge === 'false' ? undefined : (autoMerge as MergeMethod),
      serverUrl,
      apiUrl: env.GITHUB_API_URL || 'https://api.github.com',
      runUrl,
      workspace: context.workspace
    }
  },
  async run(settings, context) {
    // git, GitHub and the platform config's schema are loaded when the command runs, not at start;
    // one import at a time (Jest's ESM loader loses modules shared by concurrent import()s).
    const { loadPlatformConfig, requiredIdentity } = await import('../descriptor/platform.js')
    const { requestIdentityToken } = await import('../github/oidc.js')
    const { planPromotion } = await import('../gitops/promote-plan.js')
    const { promote } = await import('../gitops/promote.js')
    const platform = settings.platformConfig
      ? loadPlatformConfig(settings.platformConfig)
      : undefined
    // The run's repository: GITHUB_REPOSITORY, else the origin of the checkout holding the folder.
    const identity = settings.identity ?? runIdentity(context.env, settings.manifests)
    // Opt-in (spec.gitops.identity): the run's OIDC token, which the GitOps gate requires.
    const requestIdentity = requiredIdentity(platform)
      ? (audience: string) => requestIdentityToken(context.env, audience, context.logger)
      : undefined
    const result = await promote(
      { ...planPromotion({ ...settings, identity }, platform), requestIdentity },
      context.logger
    )
    context.summary.append(result.summary)
    return {
      outputs: {
        changed: String(result.changed),
        'commit-sha': result.commitSha,
        'pull-request-url': result.pullRequestUrl,
        'pull-request-number': result.pullRequestNumber,
        diff: result.diff
      }
    }
  }
}
