import { inputRefStart } from '../runtime/surface.js'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { gitToplevel, readServiceFile, serviceEntryKind } from '../boundary/files.js'
import { catalogMetadataProblems, sourceUrlProblem } from '../boundary/catalog-metadata.js'
import type { RunIdentity } from '../boundary/identity.js'
import { assertClaimedRepository, assertServiceBinding, runIdentity } from '../boundary/identity.js'
import { environmentConfig, loadDescriptor, loadPlatformConfig } from '../descriptor/index.js'
import type { LoadedDescriptor, PlatformConfig } from '../descriptor/index.js'
import { resolveRemote } from '../gitops/remote.js'
import { parseRenderRecord } from '../render/read-record.js'
import { RENDER_RECORD_PATH } from '../render/record.js'
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import { parseCatalogFile, serializeCatalogFile } from './catalog-file.js'
import { CatalogApi } from './client.js'
import type { Deployment } from './deployments.js'
import { mergeDeployments } from './deployments.js'
import type { CatalogEntity, DerivedEntity } from './entities.js'
import { deriveEntities, entityRef } from './entities.js'
import { registerWithBackstage } from './register-backstage.js'
import { catalogFolder, registerInRepository } from './register-repository.js'
import { foreignEntityProblems } from './foreign-entities.js'
import { catalogSummary } from './summary.js'
import { DEFAULT_ALLOWED_KINDS, validateEntities } from './validate.js'

export type CatalogMode = 'file' | 'repository' | 'backstage'

/** Everything `idp catalog` / register-catalog was asked to do, paths already absolute. */
export interface RegisterCatalogSettings {
  readonly descriptor: string
  readonly platformConfig: string
  readonly mode: CatalogMode
  readonly output: string
  readonly repository?: string
  readonly token?: string
  readonly branch?: string
  readonly backstageUrl?: string
  readonly backstageToken?: string
  readonly location?: string
  readonly checkOwner: boolean
  readonly timeoutSeconds: number
  readonly environment?: string
  readonly version?: string
  readonly manifests?: string
  readonly gitopsCommit?: string
  readonly deployedAt?: string
  readonly sourceUrl?: string
  readonly sourceRepository?: string
  readonly apiDefinitions: 'inline' | 'reference'
  readonly systemEntity: boolean
  readonly allowedKinds: readonly string[]
  /** GITHUB_SERVER_URL, for `owner/name` repositories. */
  readonly serverUrl: string
  /** The repository this run comes from (boundary/identity.ts); read from the process when absent. */
  readonly identity?: RunIdentity
}

export interface RegisterIo {
  readonly logger: Logger
  readonly workspace: string
  readText(file: string): string | undefined
  writeText(file: string, text: string): void
  now(): Date
  /** Tests and benchmarks only. */
  readonly fetchImpl?: typeof fetch
  readonly sleep?: (ms: number) => Promise<void>
}

export interface RegisterCatalogResult {
  readonly service: string
  /** The platform config as loaded, for what the caller adds to the summary. */
  readonly platform: PlatformConfig
  readonly refs: readonly string[]
  readonly changed: boolean
  readonly entities: readonly CatalogEntity[]
  readonly summary: string
}

/** The component's annotations in an existing catalog file, to carry other environments over. */
function annotationsInFile(text: string | undefined, service: string): Record<string, string> {
  if (!text) return {}
  try {
    const component = parseCatalogFile(text).find(
      e => e.kind === 'Component' && (e.metadata as { name?: string })?.name === service
    )
    return ((component?.metadata as { annotations?: Record<string, string> })?.annotations ??
      {}) as Record<string, string>
  } catch {
    return {}
  }
}

function readDeployment(
  settings: RegisterCatalogSettings,
  platform: PlatformConfig,
  io: RegisterIo
): Deployment | undefined {
  if (!settings.environment || !settings.version) return undefined
  environmentConfig(platform, settings.environment)
  let digest: string | undefined
  // When the environment last changed is the promotion's time or the source commit's, never the
  // clock: the same inputs give the same catalog file.
  let commitTime: string | undefined
  if (settings.manifests) {
    const file = join(settings.manifests, RENDER_RECORD_PATH)
    const text = io.readText(file)
    if (text === undefined)
      throw new UserError({
        message: `${inputRefStart('manifests')} has no ${RENDER_RECORD_PATH} (${file}).`,
        hint: 'Point it at one rendered environment folder, e.g. rendered/prod.'
      })
    const record = parseRenderRecord(text, file, ['environment', 'digest'])
    if (record.environment !== settings.environment)
      throw new UserError({
        message: `${inputRefStart('manifests')} was rendered for '${record.environment}', not for environment '${settings.environment}'.`
      })
    digest = record.digest
    commitTime = record.source?.commitTime
  }
  if (settings.deployedAt && Number.isNaN(Date.parse(settings.deployedAt)))
    throw new UserError({
      message: `${inputRefStart('deployed-at')} is not an ISO 8601 time: '${settings.deployedAt}'.`
    })
  return {
    environment: settings.environment,
    version: settings.version,
    digest,
    commit: settings.gitopsCommit,
    time:
      settings.deployedAt ??
      (typeof commitTime === 'string' && !Number.isNaN(Date.parse(commitTime))
        ? commitTime
        : undefined)
  }
}

/** What the service may not say about itself (boundary/catalog-metadata), refused before deriving. */
function refuseForeignMetadata(
  loaded: LoadedDescriptor,
  settings: RegisterCatalogSettings,
  workspace: string
): void {
  const sourceProblem = sourceUrlProblem(settings.sourceUrl)
  if (sourceProblem)
    throw new UserError({
      message: sourceProblem,
      hint: "Give the URL the descriptor's folder can be browsed at, e.g. https://github.com/acme/shop/tree/main/."
    })
  const folder = dirname(settings.descriptor)
  const root = gitToplevel(folder) ?? resolve(workspace)
  const inRepository = relative(root, folder).split(sep).join('/')
  const problems = catalogMetadataProblems(
    loaded.descriptor,
    {
      descriptorFolder:
        inRepository.startsWith('..') || isAbsolute(inRepository) ? undefined : inRepository,
      apiDefinitions: settings.apiDefinitions
    },
    (path, key) => loaded.source.positionOf(path, { key: key === true })
  )
  if (problems.length > 0) throw new UserError(problems)
}

function deriver(
  loaded: LoadedDescriptor,
  platform: PlatformConfig,
  settings: RegisterCatalogSettings,
  deployment: Deployment | undefined,
  io: RegisterIo
): (previous: Readonly<Record<string, string>>) => DerivedEntity[] {
  const folder = dirname(settings.descriptor)
  // Definitions and docs are read through the file boundary, inside the repository holding idp.yaml.
  const root = gitToplevel(folder) ?? resolve(io.workspace)
  const apis = loaded.descriptor.spec.apis ?? []
  const docs = loaded.descriptor.metadata.docs
  const docsOptions = {
    what: 'The docs folder',
    base: folder,
    position: loaded.positionOf(['metadata', 'docs'])
  }
  if (docs !== undefined) serviceEntryKind(root, docs, { ...docsOptions, display: docs })
  const hasMkdocs = (relativeFolder: string) =>
    ['mkdocs.yml', 'mkdocs.yaml'].some(
      name => serviceEntryKind(root, join(relativeFolder, name), docsOptions) === 'file'
    )
  // TechDocs builds from the folder with mkdocs.yml: the docs folder itself, or (the usual layout)
  // the descriptor's folder with `docs_dir` inside it; Backstage's default config otherwise.
  const techdocsRoot = docs === undefined || hasMkdocs(docs) ? docs : hasMkdocs('.') ? '.' : docs
  return previous =>
    deriveEntities(loaded.descriptor, platform, {
      sourceUrl: settings.sourceUrl,
      repository: settings.sourceRepository,
      apiDefinitions: settings.apiDefinitions,
      systemEntity: settings.systemEntity,
      techdocsRoot,
      componentAnnotations: mergeDeployments(previous, deployment),
      readDefinition: relativePath => {
        const index = apis.findIndex(a => a.definition === relativePath)
        return readServiceFile(root, relativePath, {
          what: 'The API definition',
          display: relativePath,
          base: folder,
          position: loaded.positionOf(['spec', 'apis', Math.max(index, 0), 'definition']),
          hint: 'Fix the path (relative to idp.yaml) or inline the definition.'
        })
      }
    })
}

/**
 * Derives, validates and registers the catalog entities of one service in the chosen mode. Nothing is
 * written or sent unless every entity passes the offline checks.
 */
export async function registerCatalog(
  settings: RegisterCatalogSettings,
  io: RegisterIo
): Promise<RegisterCatalogResult> {
  const platform = loadPlatformConfig(settings.platformConfig)
  const loaded = loadDescriptor(settings.descriptor, platform)
  const service = loaded.descriptor.metadata.name
  // A repository registers only its own service, under its own name (boundary/identity.ts).
  const identity = settings.identity ?? runIdentity(process.env, dirname(settings.descriptor))
  assertClaimedRepository(settings.sourceRepository, identity, "Input 'source-repository'")
  assertServiceBinding({
    platform,
    service,
    owner: loaded.descriptor.metadata.owner,
    identity,
    servicePosition: loaded.positionOf(['metadata', 'name']),
    ownerPosition: loaded.positionOf(['metadata', 'owner']),
    subject: loaded.file
  })
  refuseForeignMetadata(loaded, settings, io.workspace)
  const deployment = readDeployment(settings, platform, io)
  const derive = deriver(loaded, platform, settings, deployment, io)
  const allowedKinds = settings.allowedKinds.length
    ? settings.allowedKinds
    : [...DEFAULT_ALLOWED_KINDS]
  const check = async (derived: DerivedEntity[]) => {
    const problems = await validateEntities(derived, p => loaded.positionOf(p), { allowedKinds })
    if (problems.length > 0) throw new UserError(problems)
    return derived
  }
  const source = loaded.file

  let derived: DerivedEntity[]
  let changed: boolean
  if (settings.mode === 'file') {
    const existing = io.readText(settings.output)
    derived = await check(derive(annotationsInFile(existing, service)))
    const text = serializeCatalogFile(
      derived.map(d => d.entity),
      source
    )
    changed = existing !== text
    if (changed) io.writeText(settings.output, text)
    io.logger.info(
      `${changed ? 'Wrote' : 'Unchanged:'} ${settings.output} (${derived.length} entities).`
    )
  } else if (settings.mode === 'backstage') {
    const api = new CatalogApi({
      baseUrl: settings.backstageUrl!,
      token: settings.backstageToken!,
      logger: io.logger,
      timeoutMs: settings.timeoutSeconds * 1000,
      fetchImpl: io.fetchImpl,
      sleep: io.sleep
    })
    const current = await api.getEntityByName('component', 'default', service)
    derived = await check(derive(current?.metadata.annotations ?? {}))
    const checked = derived
    const result = await registerWithBackstage(
      api,
      derived,
      p => loaded.positionOf(p),
      {
        location: settings.location!,
        checkOwner: settings.checkOwner,
        timeoutMs: settings.timeoutSeconds * 1000,
        sleep: io.sleep,
        // Nothing is written before the catalog's checks pass (an entity held by another location too).
        publish: () =>
          io.writeText(
            settings.output,
            serializeCatalogFile(
              checked.map(d => d.entity),
              source
            )
          )
      },
      io.logger
    )
    changed = result.changed
  } else {
    const repository = settings.repository ?? platform.spec.catalog?.repository
    if (!repository)
      throw new UserError({
        message: `${inputRefStart('repository')} is required in repository mode (or set catalog.repository in the platform config).`
      })
    if (settings.token) io.logger.setSecret(settings.token)
    derived = await check(derive({}))
    const remote = resolveRemote(repository, settings.serverUrl, io.workspace)
    const folder = catalogFolder(platform.spec.catalog?.path, service)
    let published = derived
    const result = await registerInRepository({
      remote,
      token: settings.token,
      branch: settings.branch,
      folder,
      service,
      // An entity another service's folder declares would be ignored by the catalog: refuse it first.
      check: async read => {
        const problems = await foreignEntityProblems({
          derived,
          service,
          pathPattern: platform.spec.catalog?.path,
          repository: remote.display,
          read,
          positionOf: p => loaded.positionOf(p)
        })
        if (problems.length > 0) throw new UserError(problems)
      },
      logger: io.logger,
      trailers: [
        { key: 'Idp-Service', value: service },
        { key: 'Idp-Environment', value: deployment?.environment ?? '' },
        { key: 'Idp-Version', value: deployment?.version ?? '' }
      ],
      content: current => {
        published = derive(annotationsInFile(current, service))
        return serializeCatalogFile(
          published.map(d => d.entity),
          source
        )
      }
    })
    derived = published
    changed = result.changed
    io.logger.info(
      result.changed
        ? `Committed ${folder} to ${remote.display} (${result.commitSha.slice(0, 12)}).`
        : `${folder} in ${remote.display} already holds these entities.`
    )
  }

  const entities = derived.map(d => d.entity)
  const refs = entities.map(entityRef)
  return {
    service,
    platform,
    refs,
    changed,
    entities,
    summary: catalogSummary(entities, `Catalog entities of ${service} (${settings.mode} mode)`)
  }
}
