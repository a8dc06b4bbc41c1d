import { inputRefStart } from '../runtime/surface.js'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import { readOptionalServiceFile } from '../boundary/files.js'
import { platformInputPath, serviceInputPath, serviceOutputFile } from '../boundary/inputs.js'
import { runIdentity } from '../boundary/identity.js'
import { checkBranchName } from '../boundary/paths.js'
import type { CatalogMode, RegisterCatalogSettings } from '../catalog/register.js'
import { DEFAULT_ALLOWED_KINDS } from '../catalog/kinds.js'
import type { Command } from '../runtime/command.js'
import {
  booleanInput,
  choiceInput,
  integerInput,
  listInput,
  requiredInput
} from '../runtime/command.js'
import { UserError } from '../runtime/errors.js'

/** The status table in the summary (status/catalog-status.ts). */
export interface CatalogStatusSettings {
  readonly enabled: boolean
  readonly repository?: string
  readonly token?: string
  readonly timeoutSeconds: number
  readonly staleDays: number
}

export type CatalogSettings = RegisterCatalogSettings & { readonly status: CatalogStatusSettings }

const MODES: readonly CatalogMode[] = ['file', 'repository', 'backstage']

/** `https://github.com/<repo>/tree/HEAD/<descriptor folder>/`: stable across commits. */
function defaultSourceUrl(
  repository: string | undefined,
  serverUrl: string,
  descriptorFile: string,
  workspace: string
): string | undefined {
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return undefined
  const folder = relative(workspace, dirname(descriptorFile)).split('\\').join('/')
  const inRepo = folder && !folder.startsWith('..') ? `${folder}/` : ''
  return `${serverUrl.replace(/\/+$/, '')}/${repository}/tree/HEAD/${inRepo}`
}

/** A branch git accepts (boundary/paths.ts), checked before git sees it. */
function branchInput(value: string | undefined): string | undefined {
  return value === undefined ? undefined : checkBranchName(value, inputRefStart('branch'))
}

export const catalogCommand: Command<CatalogSettings> = {
  cli: 'catalog',
  action: 'register-catalog',
  description:
    'Derive Backstage entities (Component, Resources, APIs, optional System) from idp.yaml, validate them as the catalog would, and register them: as a file, as a commit to a central catalog repository, or through a Backstage catalog API.',
  inputs: [
    { name: 'descriptor', description: 'The service descriptor.', default: 'idp.yaml' },
    {
      name: 'platform-config',
      description:
        "The platform config (resource types' catalog types, Argo CD app pattern, catalog repository).",
      required: true
    },
    {
      name: 'mode',
      description:
        '`file` (write catalog-info.yaml), `repository` (commit it to a central catalog repository) or `backstage` (register it through the catalog API).',
      default: 'file'
    },
    {
      name: 'output',
      description: 'Where catalog-info.yaml is written (`file` and `backstage` modes).',
      default: 'catalog-info.yaml'
    },
    {
      name: 'repository',
      description:
        "`repository` mode: the central catalog repository (`owner/name`, an https:// or file:// URL, or a path); default: the platform config's `catalog.repository`."
    },
    {
      name: 'token',
      description:
        '`repository` mode: a token that may push to the catalog repository (given to git without URLs or argv).',
      secret: true
    },
    {
      name: 'branch',
      description:
        "`repository` mode: the branch to commit to (default: the repository's default branch)."
    },
    {
      name: 'backstage-url',
      description:
        '`backstage` mode: the Backstage backend base URL, e.g. https://backstage.acme.io.'
    },
    {
      name: 'backstage-token',
      description:
        '`backstage` mode: a bearer token the backend accepts (e.g. a static external-access token). The CLI also reads BACKSTAGE_TOKEN.',
      secret: true
    },
    {
      name: 'location',
      description:
        '`backstage` mode: the URL the catalog reads the generated catalog-info.yaml from (a `url` location); publish `output` there first.'
    },
    {
      name: 'check-owner',
      boolean: true,
      description: '`backstage` mode: require the owner to exist as a Group in the catalog.',
      default: 'true'
    },
    {
      name: 'timeout',
      description:
        '`backstage` mode: seconds the registration may take in all (every catalog request, retries, and the wait for the new content).',
      default: '120'
    },
    {
      name: 'environment',
      description: 'The environment just deployed; with `version`, recorded on the Component.'
    },
    { name: 'version', description: 'The version deployed to `environment`.' },
    {
      name: 'manifests',
      description:
        'The rendered folder of `environment` (its .idp/render.json gives the content digest).'
    },
    {
      name: 'gitops-commit',
      description: "The GitOps commit that deployed `version` (promote's `commit-sha`)."
    },
    {
      name: 'deployed-at',
      description:
        "ISO 8601 time of the deployment (default: the source commit time in `manifests`' render record; never the clock)."
    },
    {
      name: 'source-url',
      description:
        "Where the descriptor's folder can be browsed (source-location, TechDocs, `$text` API references); default: https://github.com/<GITHUB_REPOSITORY>/tree/HEAD/<folder>/."
    },
    {
      name: 'source-repository',
      description:
        '`owner/name` of the service repository (default: GITHUB_REPOSITORY); must be the repository this run comes from.'
    },
    {
      name: 'api-definitions',
      description:
        '`inline` (the definition text in the API entity) or `reference` (a `$text` placeholder the catalog resolves against `source-url`).',
      default: 'inline'
    },
    {
      name: 'system-entity',
      boolean: true,
      description: 'Also emit the System entity named by metadata.system.',
      default: 'false'
    },
    {
      name: 'status',
      description:
        "Add the service's status table to the summary (what runs in each environment, how far later environments are behind the first, stale), read from the GitOps repository's render records as `idp status` reads them: `true`, `false`, or `auto` (in GitHub Actions, when `gitops-token` or `gitops-repository` is given, so a step that was given neither never reaches out to a repository nobody named). A repository that cannot be read never fails the step; the summary says why the table is absent.",
      default: 'auto'
    },
    {
      name: 'gitops-repository',
      description:
        "The GitOps repository the status table is read from (owner/name, a git URL or a path). Default: the platform config's GitOps repository."
    },
    {
      name: 'gitops-token',
      description:
        'A token that may read the GitOps repository, for the status table (private repositories). The CLI also reads GITOPS_TOKEN.',
      secret: true
    },
    {
      name: 'status-timeout',
      description:
        'Seconds the status table may take to read (1–300); past it the table is left out.',
      default: '20'
    },
    {
      name: 'stale-days',
      description: 'Days without promotion that mark the service stale in the status table.',
      default: '30'
    },
    {
      name: 'allowed-kinds',
      description:
        "Kinds the target catalog's rules allow for this location (comma or newline list).",
      default: DEFAULT_ALLOWED_KINDS.join(',')
    }
  ],
  outputs: [
    {
      name: 'entities',
      description:
        'JSON list of the registered entity refs, e.g. ["component:default/checkout", …].'
    },
    { name: 'changed', description: '`true` when the file, repository or catalog content changed.' }
  ],
  settings(read, context) {
    const mode = choiceInput(read, 'mode', MODES, 'file')
    const descriptor = serviceInputPath(
      context,
      requiredInput(read, 'descriptor'),
      'The service descriptor'
    )
    const env = context.env
    const backstageToken = read('backstage-token') ?? env.BACKSTAGE_TOKEN
    if (backstageToken) context.logger.setSecret(backstageToken)
    const token = read('token')
    if (mode === 'backstage') {
      for (const name of ['backstage-url', 'location'] as const) requiredInput(read, name)
      if (!backstageToken)
        throw new UserError({
          message: `${inputRefStart('backstage-token')} is required in backstage mode but was not given.`,
          hint: 'Pass a token the Backstage backend accepts (a secret), or set BACKSTAGE_TOKEN for the CLI.'
        })
    }
    const environment = read('environment')
    const version = read('version')
    if ((environment === undefined) !== (version === undefined))
      throw new UserError({
        message: "Inputs 'environment' and 'version' go together: give both or neither."
      })
    const sourceRepository = read('source-repository') ?? env.GITHUB_REPOSITORY
    const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com'
    const manifests = read('manifests')
    const status = choiceInput(read, 'status', ['auto', 'true', 'false'], 'auto')
    const gitopsToken = read('gitops-token') ?? (env.GITOPS_TOKEN || undefined)
    const gitopsRepository = read('gitops-repository')
    if (gitopsToken) context.logger.setSecret(gitopsToken)
    return {
      descriptor,
      platformConfig: platformInputPath(
        context,
        requiredInput(read, 'platform-config'),
        'The platform config'
      ),
      mode,
      output: serviceOutputFile(context, read('output') ?? 'catalog-info.yaml', 'The catalog file'),
      repository: read('repository'),
      token,
      branch: branchInput(read('branch')),
      backstageUrl: read('backstage-url'),
      backstageToken,
      location: read('location'),
      checkOwner: booleanInput(read, 'check-owner', true),
      timeoutSeconds: integerInput(read, 'timeout', 120, 1, 3600),
      environment,
      version,
      manifests: manifests ? serviceInputPath(context, manifests, "Input 'manifests'") : undefined,
      gitopsCommit: read('gitops-commit'),
      deployedAt: read('deployed-at'),
      sourceUrl:
        read('source-url') ??
        defaultSourceUrl(sourceRepository, serverUrl, descriptor, context.workspace),
      sourceRepository,
      apiDefinitions: choiceInput(read, 'api-definitions', ['inline', 'reference'], 'inline'),
      systemEntity: booleanInput(read, 'system-entity', false),
      allowedKinds: listInput(read, 'allowed-kinds'),
      serverUrl,
      identity: runIdentity(env, dirname(descriptor)),
      status: {
        enabled:
          status === 'auto'
            ? env.GITHUB_ACTIONS === 'true' &&
              (gitopsToken !== undefined || gitopsRepository !== undefined)
            : status === 'true',
        repository: gitopsRepository,
        token: gitopsToken,
        timeoutSeconds: integerInput(read, 'status-timeout', 20, 1, 300),
        staleDays: integerInput(read, 'stale-days', 30, 1, 3650)
      }
    }
  },
  async run(settings, context) {
    // The catalog client and model are loaded when the command runs, not when it starts.
    const { registerCatalog } = await import('../catalog/register.js')
    const result = await registerCatalog(settings, {
      logger: context.logger,
      workspace: context.workspace,
      // Its own output and the render record: regular files that do not link out of their folder.
      readText: file => readOptionalServiceFile(dirname(file), file, { what: 'The file' }),
      writeText: (file, text) => {
        mkdirSync(dirname(file), { recursive: true })
        writeFileSync(file, text)
      },
      now: () => new Date()
    })
    context.summary.append(result.summary)
    if (settings.status.enabled) {
      const { serviceStatusSection } = await import('../status/catalog-status.js')
      context.summary.append(
        await serviceStatusSection({
          platform: result.platform,
          service: result.service,
          repository: settings.status.repository,
          token: settings.status.token,
          serverUrl: settings.serverUrl,
          workspace: context.workspace,
          timeoutMs: settings.status.timeoutSeconds * 1000,
          staleDays: settings.status.staleDays,
          now: new Date(),
          logger: context.logger
        })
      )
    }
    return {
      outputs: { entities: JSON.stringify(result.refs), changed: String(result.changed) }
    }
  }
}
