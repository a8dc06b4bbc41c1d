import { dirname, isAbsolute, join, relative } from 'node:path'
import { assertServiceBinding, runIdentity } from '../boundary/identity.js'
import { platformInputPath, serviceInputPath, serviceOutputPath } from '../boundary/inputs.js'
import { loadPlatform } from '../descriptor/platform.js'
import { loadDescriptor } from '../descriptor/service.js'
import { descriptorPlainSecretProblems } from '../boundary/plain-secret-scan.js'
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import { parseImageInput } from './images.js'
import { detectSource, type SourceInfo } from './provenance.js'
import {
  renderEnvironments,
  writeRenderedEnvironments,
  type RenderedEnvironment
} from './render.js'

export interface RenderManifestsSettings {
  /** Descriptor path, relative to the workspace or absolute. */
  readonly descriptor: string
  readonly platformConfig: string
  /** One environment, a comma list, or `all`. */
  readonly environment: string
  /** One image reference, or `component=reference` lines. */
  readonly image?: string
  readonly outputDir: string
  readonly workspace: string
  /** Provenance; detected from `GITHUB_*` and the checkout when not given. */
  readonly source?: SourceInfo
  readonly env?: NodeJS.ProcessEnv
}

export interface RenderManifestsResult {
  readonly outputDir: string
  readonly environments: readonly RenderedEnvironment[]
}

/** idp.yaml + platform.yaml + images → `<output-dir>/<environment>/` for each selected environment. */
export async function renderManifests(
  settings: RenderManifestsSettings,
  logger: Logger
): Promise<RenderManifestsResult> {
  const at = (path: string) => (isAbsolute(path) ? path : join(settings.workspace, path))
  // Findings and errors name files as the repository sees them, so annotations land on them.
  const shown = (path: string) => relativeTo(settings.workspace, at(path)) ?? at(path)
  // The descriptor must lie inside the repository (the platform config too, in an action).
  const inputs = { workspace: settings.workspace, env: settings.env ?? process.env }
  const platform = loadPlatform(
    platformInputPath(inputs, settings.platformConfig, 'The platform config'),
    shown(settings.platformConfig)
  )
  const loaded = loadDescriptor(
    serviceInputPath(inputs, settings.descriptor, 'The service descriptor'),
    platform.config,
    shown(settings.descriptor)
  )
  // A secret written in plain text under env or properties would be rendered into Git.
  const plainSecrets = await descriptorPlainSecretProblems(loaded)
  if (plainSecrets.length > 0) throw new UserError(plainSecrets)
  // A repository renders only its own service (boundary/identity.ts).
  assertServiceBinding({
    platform: platform.config,
    service: loaded.descriptor.metadata.name,
    owner: loaded.descriptor.metadata.owner,
    identity: runIdentity(settings.env ?? process.env, dirname(at(settings.descriptor))),
    servicePosition: loaded.positionOf(['metadata', 'name']),
    ownerPosition: loaded.positionOf(['metadata', 'owner']),
    subject: loaded.file
  })
  const images = parseImageInput(settings.image)
  const source =
    settings.source ??
    detectSource(settings.workspace, settings.env ?? process.env, dirname(at(settings.descriptor)))
  const rendered = renderEnvironments(loaded, platform.config, settings.environment, images, source)
  const outputDir = serviceOutputPath(inputs, settings.outputDir, 'The output folder')
  writeRenderedEnvironments(outputDir, rendered)
  // A guardrail the platform set to warning: said once at its idp.yaml line, however many environments.
  const warned = new Set<string>()
  for (const warning of rendered.flatMap(env => env.warnings ?? [])) {
    const key = `${warning.position?.line}:${warning.position?.column}:${warning.message}`
    if (warned.has(key)) continue
    warned.add(key)
    const hint = warning.hint ? ` ${warning.hint}` : ''
    logger.annotate({
      level: 'warning',
      message: `${warning.message}${hint}`,
      position: warning.position
    })
  }
  for (const env of rendered) {
    logger.info(
      `Rendered ${env.environment}: ${env.record.files.length} files, ${env.record.digest}`
    )
  }
  return { outputDir: settings.outputDir, environments: rendered }
}

function relativeTo(root: string, path: string): string | undefined {
  const rel = relative(root, path)
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : undefined
}
