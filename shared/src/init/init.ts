// `idp init`: scaffolds a service repository in a folder from templates/skeleton/ (the files the
// Backstage template uses too), checked against the platform config before anything is written: the
// descriptor is rendered for every environment, and in file mode the catalog entities are derived and
// validated as the catalog would. Re-running writes nothing that is already there; a file that
// differs from the skeleton (the user's edit) is kept unless --force.
import { lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { platformInputPath } from '../boundary/inputs.js'
import { runIdentity } from '../boundary/identity.js'
import { descriptorPlainSecretProblems } from '../boundary/plain-secret-scan.js'
import { catalogCommand } from '../commands/catalog.js'
import { loadPlatform } from '../descriptor/platform.js'
import { loadDescriptor } from '../descriptor/service.js'
import type { PlatformConfig } from '../descriptor/types.js'
import { parseImageInput } from '../render/images.js'
import { detectSource } from '../render/provenance.js'
import { renderEnvironments } from '../render/render.js'
import type { Command, CommandContext } from '../runtime/command.js'
import { withDefaults } from '../runtime/command.js'
import { UserError } from '../runtime/errors.js'
import { silentLogger } from '../runtime/logger.js'
import { inputRefStart } from '../runtime/surface.js'
import { SKELETON_FILES } from './skeleton-files.js'
import { fillSkeleton, type SkeletonValues } from './skeleton.js'

export const CATALOG_MODES = ['file', 'repository', 'backstage', 'none'] as const
export type InitCatalogMode = (typeof CATALOG_MODES)[number]

export interface InitSettings {
  readonly name: string
  readonly owner: string
  readonly description?: string
  readonly image?: string
  readonly port: number
  /** Path of platform.yaml, relative to the workspace or absolute. */
  readonly platformConfig: string
  /** Default: repository when the platform config names a catalog repository, else file. */
  readonly catalog?: InitCatalogMode
  readonly deliverWorkflow: string
  readonly force: boolean
  /** The folder scaffolded: the current folder on the CLI. */
  readonly workspace: string
}

export type FileStatus = 'created' | 'unchanged' | 'kept' | 'overwritten'

export interface InitResult {
  readonly files: readonly { readonly path: string; readonly status: FileStatus }[]
  readonly catalogMode: InitCatalogMode
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/

/** The values the skeleton is filled with, each checked where a flag can be wrong. */
export function skeletonValues(settings: InitSettings, platform: PlatformConfig): SkeletonValues {
  if (!DNS_LABEL.test(settings.name))
    throw new UserError({
      message: `${inputRefStart('name')} '${settings.name}' is not a DNS-1123 label.`,
      hint: 'Use lower-case letters, digits and -, at most 63 characters, e.g. payments-api.'
    })
  const description = settings.description ?? `The ${settings.name} service.`
  if (/[\r\n]/.test(description))
    throw new UserError({ message: `${inputRefStart('description')} must be one line.` })
  const registry = platform.spec.registries?.[0]
  const image =
    settings.image ?? (registry ? `${registry.replace(/\/?$/, '/')}${settings.name}` : undefined)
  if (!image)
    throw new UserError({
      message: `${inputRefStart('image')} is required: the platform config lists no registries.`,
      hint: 'Give the image repository without tag, e.g. --image ghcr.io/acme/payments.'
    })
  const catalog = catalogModeOf(settings, platform)
  return {
    name: settings.name,
    owner: settings.owner,
    description,
    image,
    port: String(settings.port),
    deliverWorkflow: settings.deliverWorkflow,
    // In file mode catalog-info.yaml lives in the repository: the workflow registers nothing.
    catalogMode: catalog === 'file' ? 'none' : catalog
  }
}

function catalogModeOf(settings: InitSettings, platform: PlatformConfig): InitCatalogMode {
  return settings.catalog ?? (platform.spec.catalog?.repository ? 'repository' : 'file')
}

/** Scaffolds (or re-checks) the service repository in settings.workspace. */
export async function initService(
  settings: InitSettings,
  context: CommandContext
): Promise<InitResult> {
  const platformFile = platformInputPath(context, settings.platformConfig, 'The platform config')
  const platform = loadPlatform(platformFile, settings.platformConfig).config
  const values = skeletonValues(settings, platform)
  const files = new Map(
    Object.entries(SKELETON_FILES).map(([path, text]) => [path, fillSkeleton(path, text, values)])
  )
  const catalogMode = catalogModeOf(settings, platform)
  const scratch = mkdtempSync(join(tmpdir(), 'idp-init-'))
  try {
    for (const [path, text] of files) writeFile(join(scratch, path), text)
    await checkRenders(scratch, platform, values)
    if (catalogMode === 'file')
      files.set('catalog-info.yaml', await deriveCatalog(scratch, platformFile, context))
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  const results: { path: string; status: FileStatus }[] = []
  for (const [path, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) {
    const target = join(settings.workspace, path)
    const existing = readExisting(target, path)
    if (existing === undefined) {
      writeFile(target, text)
      results.push({ path, status: 'created' })
    } else if (existing === text) {
      results.push({ path, status: 'unchanged' })
    } else if (settings.force) {
      writeFile(target, text)
      results.push({ path, status: 'overwritten' })
    } else {
      results.push({ path, status: 'kept' })
    }
  }
  return { files: results, catalogMode }
}

/** The descriptor renders for every environment of the platform, with a digest-pinned image. */
async function checkRenders(
  folder: string,
  platform: PlatformConfig,
  values: SkeletonValues
): Promise<void> {
  const loaded = loadDescriptor(join(folder, 'idp.yaml'), platform, 'idp.yaml')
  const plainSecrets = await descriptorPlainSecretProblems(loaded)
  if (plainSecrets.length > 0) throw new UserError(plainSecrets)
  const image = parseImageInput(`${values.image}@sha256:${'0'.repeat(64)}`)
  renderEnvironments(loaded, platform, 'all', image, detectSource(folder, {}))
}

/** catalog-info.yaml as the catalog command derives and validates it (file mode). */
async function deriveCatalog(
  folder: string,
  platformFile: string,
  context: CommandContext
): Promise<string> {
  const inputs: Record<string, string> = {
    descriptor: 'idp.yaml',
    'platform-config': platformFile,
    mode: 'file',
    output: 'catalog-info.yaml'
  }
  // Its log lines would name the scratch folder; the files it writes are what init reports.
  const scoped: CommandContext = { ...context, logger: silentLogger, workspace: folder, env: {} }
  const read = withDefaults(catalogCommand as Command<unknown>, name => inputs[name])
  // The scratch copy has no remote: the service's identity is the repository init runs in.
  const settings = {
    ...catalogCommand.settings(read, scoped),
    identity: runIdentity(context.env, context.workspace)
  }
  const result = await catalogCommand.run(settings, {
    ...scoped,
    summary: { append: () => undefined }
  })
  if (result.exitCode) throw new UserError({ message: result.failure ?? 'catalog failed.' })
  // The header names the descriptor it came from: the repository's idp.yaml, not the scratch copy.
  return readFileSync(join(folder, 'catalog-info.yaml'), 'utf8').split(`${folder}/`).join('')
}

/** The file's text, undefined when absent; links and folders where a file belongs are refused. */
function readExisting(target: string, path: string): string | undefined {
  let stat
  try {
    stat = lstatSync(target)
  } catch {
    return undefined
  }
  if (!stat.isFile())
    throw new UserError({
      message: `${path} exists but is not a regular file (a link or a folder); idp init does not write through it.`,
      hint: 'Move it away, then run idp init again.'
    })
  return readFileSync(target, 'utf8')
}

function writeFile(target: string, text: string): void {
  mkdirSync(dirname(target), { recursive: true })
  writeFileSync(target, text)
}
