import { inputRefStart } from '../runtime/surface.js'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { gitToplevel } from '../boundary/files.js'
import { assertServiceBinding, withRecordFallback } from '../boundary/identity.js'
import type { LoadedPlatform } from '../descriptor/platform.js'
import { environmentConfig, loadPlatform, namespaceFor } from '../descriptor/platform.js'
import type { PlatformConfig } from '../descriptor/types.js'
import type { RenderRecord } from '../render/record.js'
import { RENDER_RECORD_PATH } from '../render/record.js'
import { UserError, isUserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import type { EvaluationContext, Manifest, PolicyEngine } from './engine.js'
import { platformKindDeclarations } from '../boundary/kinds.js'
import { checkRecordTarget } from '../boundary/namespaces.js'
import { CrdSchemaEngine, loadSchemaCatalog } from './engines/crd-schema.js'
import { ExternalSecretsEngine } from './engines/external-secrets.js'
import { activeGuardrails, GuardrailsEngine } from './engines/guardrails/index.js'
import { loadKyvernoEngine } from './kyverno/index.js'
import type { Finding } from './finding.js'
import { plainFinding } from './finding.js'
import { displayPath, expandEntries, isBuildFile, loadManifests } from './manifests.js'
import { annotationsReporter } from './reporters/annotations.js'
import { policyReportReporter } from './reporters/policy-report.js'
import { sarifReporter } from './reporters/sarif.js'
import { placeFindings } from './source-map.js'
import { summaryReporter } from './reporters/summary.js'
import type { ReportContext, ReportSink } from './reporters/reporter.js'
import type { FailOn } from './result-set.js'
import { ResultSet } from './result-set.js'

export interface ValidateSettings {
  readonly workspace: string
  readonly manifests: readonly string[]
  readonly platformConfig?: string
  /** Overrides the environment of `.idp/render.json`; needed for manifests without one. */
  readonly environment?: string
  /** Policy files (Kyverno), folders or globs, besides the platform config's `spec.policies`. */
  readonly policies: readonly string[]
  readonly crds: readonly string[]
  readonly builtinPolicies: boolean
  readonly failOn: FailOn
  readonly reportFile?: string
  readonly sarifFile?: string
  readonly annotate: boolean
}

export interface ValidateOutcome {
  readonly results: ResultSet
  readonly summary: string
  readonly reportFile?: string
  readonly sarifFile?: string
  readonly environments: readonly string[]
}

/** Loads policy files into an engine (the Kyverno engine unless a caller passes another). */
export type PolicyLoader = (files: readonly string[], logger: Logger) => Promise<PolicyEngine>

/**
 * Validates rendered manifests: CRD/XRD/core schemas, ESO webhook rules, the platform guardrails and
 * policy files, per environment; then annotations, the summary, SARIF and the PolicyReport.
 */
export async function validateManifests(
  settings: ValidateSettings,
  logger: Logger,
  loadPolicies: PolicyLoader = loadKyvernoEngine
): Promise<ValidateOutcome> {
  const loadedPlatform = settings.platformConfig
    ? loadPlatform(
        resolve(settings.workspace, settings.platformConfig),
        displayPath(resolve(settings.workspace, settings.platformConfig), settings.workspace)
      )
    : undefined
  const platform = loadedPlatform?.config
  // A name the platform does not define is a typo, not an environment without rules.
  if (platform && settings.environment) environmentConfig(platform, settings.environment)
  const loaded = loadManifests(settings.manifests, settings.workspace, logger)
  const { catalog, findings: crdFindings } = loadSchemaCatalog(
    filesOf(settings.crds, 'crds', settings, loadedPlatform),
    settings.workspace,
    logger
  )

  const engines: PolicyEngine[] = [new CrdSchemaEngine(catalog), new ExternalSecretsEngine()]
  const declarations = platformKindDeclarations(platform)
  if (settings.builtinPolicies || platform) {
    if (!settings.builtinPolicies)
      logger.warning(
        'builtin-policies: false is ignored: the platform config decides which guardrails apply (its spec.guardrails can switch each off).'
      )
    engines.push(
      new GuardrailsEngine(activeGuardrails(platform, logger), (a, k) =>
        catalog.scopeOf(a, k, declarations)
      )
    )
  }
  const policyFiles = filesOf(settings.policies, 'policies', settings, loadedPlatform)
  const findings: Finding[] = [...loaded.findings, ...crdFindings]
  if (policyFiles.length > 0) engines.push(await loadPolicies(policyFiles, logger))

  const groups = groupByTarget(loaded.manifests, settings.environment, platform, logger)
  if (platform?.spec.services) checkRecordOwners(loaded.manifests, platform)
  for (const { environment, namespace, manifests } of groups) {
    const context: EvaluationContext = { environment, namespace, platform, logger }
    // Kustomize build files are no objects: only the guardrails read them.
    const objects = manifests.filter(m => !isBuildFile(m))
    for (const engine of engines) {
      const produced = await runEngine(
        engine,
        engine instanceof GuardrailsEngine ? manifests : objects,
        context
      )
      // Engines that only know the rendered file and pointer get the environment and idp.yaml line here.
      findings.push(
        ...produced.map(f =>
          f.environment || !environment ? f : { ...plainFinding(f), environment }
        )
      )
    }
  }
  const results = new ResultSet(placeFindings(findings, loaded.manifests))
  logger.info(results.describe(settings.failOn))

  const shown = (path: string | undefined) =>
    path && displayPath(resolve(settings.workspace, path), settings.workspace)
  const environments = [
    ...new Set(groups.map(g => g.environment).filter((e): e is string => e !== undefined))
  ].sort()
  const namespaces = [...new Set(groups.map(g => g.namespace))]
  const context: ReportContext = {
    failOn: settings.failOn,
    reportFile: shown(settings.reportFile),
    sarifFile: shown(settings.sarifFile),
    environment: environments.length === 1 ? environments[0] : undefined,
    namespace: namespaces.length === 1 ? namespaces[0] : undefined
  }
  const summary: string[] = []
  const sink: ReportSink = {
    annotate: annotation => logger.annotate(annotation),
    appendSummary: markdown => void summary.push(markdown),
    writeFile: (path, text) => {
      const absolute = resolve(settings.workspace, path)
      mkdirSync(dirname(absolute), { recursive: true })
      writeFileSync(absolute, text)
    }
  }
  const reporters = [
    ...(settings.annotate ? [annotationsReporter] : []),
    summaryReporter,
    sarifReporter,
    policyReportReporter
  ]
  for (const reporter of reporters) reporter.write(results, context, sink)
  return {
    results,
    summary: summary.join('\n'),
    environments,
    reportFile: context.reportFile,
    sarifFile: context.sarifFile
  }
}

async function runEngine(
  engine: PolicyEngine,
  manifests: readonly Manifest[],
  context: EvaluationContext
): Promise<Finding[]> {
  try {
    return await engine.evaluate(manifests, context)
  } catch (error) {
    if (isUserError(error)) throw error
    throw new Error(`the ${engine.name} engine failed: ${(error as Error).message}`, {
      cause: error
    })
  }
}

/**
 * Each rendered folder's service must be registered for the repository its render record names
 * (boundary/identity.ts). Validate also runs on the GitOps side, where the run's repository is not
 * the service's, so the record is what it checks against the registry; promote binds the run itself.
 */
function checkRecordOwners(manifests: readonly Manifest[], platform: PlatformConfig): void {
  const seen = new Set<RenderRecord>()
  for (const m of manifests) {
    const render = m.render
    if (!render || seen.has(render.record)) continue
    seen.add(render.record)
    const folder = m.file.endsWith(render.fileInRender)
      ? m.file.slice(0, m.file.length - render.fileInRender.length)
      : ''
    assertServiceBinding({
      platform,
      service: render.record.service,
      owner: render.record.owner,
      identity: withRecordFallback({ source: 'the render record' }, render.record),
      servicePosition: { file: `${folder}.idp/render.json`, line: 1, column: 1 },
      subject: 'the render record'
    })
  }
}

interface Target {
  readonly environment?: string
  readonly namespace?: string
  readonly manifests: Manifest[]
}

/**
 * Manifests grouped by where they go: each rendered folder (its render record) is one service in one
 * environment and namespace; loose manifests share the `environment` input.
 */
function groupByTarget(
  manifests: readonly Manifest[],
  override: string | undefined,
  platform: PlatformConfig | undefined,
  logger: Logger
): Target[] {
  const groups = new Map<RenderRecord | undefined, Target>()
  for (const m of manifests) {
    const record = m.render?.record
    let group = groups.get(record)
    if (!group) {
      const environment = override ?? record?.environment
      // A record is the service's own file: what it claims must be what the platform gives.
      if (record && platform) checkRecordTarget(record, platform, recordFileOf(m))
      if (override && record && record.environment !== override)
        logger.warning(
          `${inputRefStart('environment')} is '${override}', but ${m.file} was rendered for '${record.environment}'; checking it as '${override}'.`
        )
      group = { environment, namespace: namespaceOf(record, environment, platform), manifests: [] }
      groups.set(record, group)
    }
    group.manifests.push(m)
  }
  return [...groups.values()]
}

/** The render record file of a rendered manifest, as shown to users. */
function recordFileOf(m: Manifest): string {
  const fileInRender = m.render?.fileInRender ?? ''
  return m.file.slice(0, m.file.length - fileInRender.length) + RENDER_RECORD_PATH
}

/** The record's namespace, else the platform's pattern (with the record's service when it needs one). */
function namespaceOf(
  record: RenderRecord | undefined,
  environment: string | undefined,
  platform: PlatformConfig | undefined
): string | undefined {
  if (record && record.environment === environment) return record.namespace
  const env = platform?.spec.environments.find(e => e.name === environment)
  if (!env) return undefined
  if (env.namespace.includes('{service}'))
    return record ? namespaceFor(env, record.service) : undefined
  return namespaceFor(env, '')
}

/**
 * An input's files plus the platform config's list of the same name (`spec.policies`, `spec.crds`),
 * whose paths are relative to the config file: what the platform lists applies to every service.
 */
function filesOf(
  input: readonly string[],
  field: 'policies' | 'crds',
  settings: ValidateSettings,
  platform: LoadedPlatform | undefined
): string[] {
  const files = new Set<string>()
  if (input.length > 0)
    for (const f of expandEntries(input, settings.workspace, field)) files.add(f)
  const entries = platform?.config.spec[field] ?? []
  const base = platform ? dirname(resolve(settings.workspace, platform.source.file)) : ''
  // The platform's files stay inside the platform's repository (the folder holding its config).
  const platformRoot = gitToplevel(base) ?? base
  entries.forEach((entry, i) => {
    try {
      for (const f of expandEntries(
        [resolve(base, entry)],
        settings.workspace,
        field,
        platformRoot
      ))
        files.add(f)
    } catch (error) {
      if (isUserError(error) && !error.message.includes('matches no file')) throw error
      throw new UserError({
        message: `The platform config's spec.${field} names '${entry}', which matches no file.`,
        position: platform!.source.positionOf(['spec', field, i]),
        hint: `Paths are relative to the platform config; fix the path or add the ${field === 'crds' ? 'CRD' : 'policy'} files.`
      })
    }
  })
  return [...files].sort()
}
