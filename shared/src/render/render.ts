import { mkdirSync, rmSync, writeFileSync, renameSync, existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { serviceMetadataProblems } from '../boundary/metadata.js'
import { effectiveService, type EffectiveComponent } from '../descriptor/effective.js'
import { namespaceFor, selectEnvironments } from '../descriptor/platform.js'
import type { LoadedDescriptor } from '../descriptor/service.js'
import { resourceType, typeSchema } from '../descriptor/type-registry.js'
import type { EnvironmentConfig, PlatformConfig } from '../descriptor/types.js'
import type { Problem } from '../runtime/errors.js'
import { UserError } from '../runtime/errors.js'
import { IDP_VERSION } from '../version.js'
import { APPLICATION_FILE, renderApplication } from './application.js'
import {
  commonAnnotations,
  commonLabels,
  type RenderContext,
  type RenderedManifest
} from './context.js'
import { crossplaneFile, renderCrossplane } from './crossplane.js'
import { externalSecretFile, renderExternalSecret } from './external-secret.js'
import { renderSealedSecret, sealedSecretFile } from './sealed-secret.js'
import { ownValue } from '../descriptor/own.js'
import { isSealedSecretsStore } from '../sealed-secrets/store.js'
import { resolveImages, type ImageInput } from './images.js'
import { kubevelaSemanticsProblems } from './kubevela-semantics.js'
import { podSecurityFindings } from './pod-security.js'
import type { SourceInfo } from './provenance.js'
import { RENDER_RECORD_PATH, type RenderRecord, type SourceMapEntry } from './record.js'
import { contentDigest, toJson, toYaml } from './serialize.js'
import { SourceMapBuilder } from './source-map.js'
import { valueMeaningProblems } from './value-checks.js'

export const KUSTOMIZATION_FILE = 'kustomization.yaml'

/** One environment's rendered folder, still in memory. */
export interface RenderedEnvironment {
  readonly environment: string
  /** File name (relative to the environment folder) → content, `.idp/render.json` included. */
  readonly files: ReadonlyMap<string, string>
  readonly record: RenderRecord
  /** What the platform reports without refusing (a guardrail it set to warning), at idp.yaml lines. */
  readonly warnings?: readonly Problem[]
}

/** Renders one environment; throws a UserError listing every problem (nothing is written here). */
export function renderEnvironment(
  loaded: LoadedDescriptor,
  platform: PlatformConfig,
  environment: EnvironmentConfig,
  imageInput: ImageInput,
  source: SourceInfo
): RenderedEnvironment {
  const { descriptor } = loaded
  const service = effectiveService(descriptor, environment.name)
  const base = {
    loaded,
    platform,
    environment,
    service,
    namespace: namespaceFor(environment, descriptor.metadata.name)
  }
  const ctx: RenderContext = {
    ...base,
    labels: commonLabels(base),
    annotations: commonAnnotations(base)
  }
  // Labels and annotations the platform and idp set are not the service's to set or remove.
  const problems: Problem[] = serviceMetadataProblems(service, platform, environment, path =>
    loaded.source.positionOf(path, { key: true })
  )
  const needsImage = (component: EffectiveComponent) => {
    const schema = typeSchema(platform, 'component', component.type) as
      { properties?: Record<string, unknown> } | undefined
    return schema?.properties?.image !== undefined
  }
  const { images, problems: imageProblems } = resolveImages(
    service.components,
    imageInput,
    environment,
    needsImage,
    loaded.positionOf
  )
  problems.push(...imageProblems)
  // Values the cluster would refuse or read otherwise, and KubeVela outputs that collide.
  problems.push(...valueMeaningProblems(ctx), ...kubevelaSemanticsProblems(ctx))
  // What the Pod Security baseline guardrail refuses in properties and traits, at its idp.yaml line.
  const podSecurity = podSecurityFindings(ctx)
  problems.push(...podSecurity.errors)

  const sourceMap: SourceMapEntry[] = []
  const manifests: RenderedManifest[] = []
  const build = (file: string, make: (map: SourceMapBuilder) => RenderedManifest | undefined) => {
    const map = new SourceMapBuilder(file, loaded.source.positionOf)
    const manifest = make(map)
    if (manifest) {
      manifests.push(manifest)
      // A loop, not a spread: a map of 150,000 entries would overflow the call stack as arguments.
      for (const entry of map.entries) sourceMap.push(entry)
    }
  }
  build(APPLICATION_FILE, map => renderApplication(ctx, images, map, problems))
  for (const secret of service.secrets) {
    const store = ownValue(environment.secretStores, secret.store.value)
    if (store && isSealedSecretsStore(store))
      build(sealedSecretFile(secret.name), map =>
        renderSealedSecret(ctx, secret, store, map, problems)
      )
    else
      build(externalSecretFile(secret.name), map =>
        renderExternalSecret(ctx, secret, map, problems)
      )
  }
  for (const resource of service.resources) {
    const type = resourceType(platform, resource.type)
    if (type)
      build(crossplaneFile(type, resource.name), map => renderCrossplane(ctx, resource, map))
  }
  if (problems.length > 0) throw new UserError(problems)

  const files = new Map<string, string>()
  for (const manifest of manifests) files.set(manifest.file, toYaml(manifest.object))
  const names = [...files.keys()].sort()
  files.set(
    KUSTOMIZATION_FILE,
    toYaml({
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      resources: names
    })
  )
  const digest = contentDigest(files)
  const record: RenderRecord = {
    service: descriptor.metadata.name,
    environment: environment.name,
    namespace: ctx.namespace,
    owner: descriptor.metadata.owner,
    source: { ...source, descriptor: loaded.file },
    images: Object.fromEntries([...images.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    digest,
    renderer: { name: 'idp', version: IDP_VERSION },
    files: [...files.keys()].sort(),
    sourceMap: [...sourceMap].sort((a, b) => (a.file === b.file ? 0 : a.file < b.file ? -1 : 1))
  }
  files.set(RENDER_RECORD_PATH, toJson(record))
  return { environment: environment.name, files, record, warnings: podSecurity.warnings }
}

/** Renders every selected environment in memory first, so a problem in any of them writes nothing. */
export function renderEnvironments(
  loaded: LoadedDescriptor,
  platform: PlatformConfig,
  selection: string,
  imageInput: ImageInput,
  source: SourceInfo
): RenderedEnvironment[] {
  const problems: Problem[] = []
  const rendered: RenderedEnvironment[] = []
  for (const environment of selectEnvironments(platform, selection)) {
    try {
      rendered.push(renderEnvironment(loaded, platform, environment, imageInput, source))
    } catch (error) {
      if (!(error instanceof UserError)) throw error
      for (const p of error.problems) {
        if (!problems.some(q => q.message === p.message && q.position?.line === p.position?.line))
          problems.push(p)
      }
    }
  }
  if (problems.length > 0) throw new UserError(problems)
  return rendered
}

/**
 * Writes each environment to `<outputDir>/<environment>/`, replacing what was there so files no longer
 * rendered disappear. Each folder is written beside its target and renamed into place.
 */
export function writeRenderedEnvironments(
  outputDir: string,
  rendered: readonly RenderedEnvironment[]
): string[] {
  const root = resolve(outputDir)
  const folders: string[] = []
  for (const env of rendered) {
    const target = join(root, env.environment)
    const staging = join(root, `.${env.environment}.tmp-${process.pid}`)
    rmSync(staging, { recursive: true, force: true })
    for (const [name, content] of env.files) {
      const path = join(staging, name)
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, content)
    }
    if (existsSync(target)) rmSync(target, { recursive: true, force: true })
    renameSync(staging, target)
    folders.push(target)
  }
  return folders
}
