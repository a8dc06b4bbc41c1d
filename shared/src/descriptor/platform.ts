import { inputRefStart } from '../runtime/surface.js'
import { relative } from 'node:path'
import { registryProblems } from '../boundary/identity.js'
import { gitopsTargetProblems } from '../boundary/paths.js'
import type { Problem } from '../runtime/errors.js'
import { UserError } from '../runtime/errors.js'
import {
  fillPattern,
  placeholderList,
  unknownPlaceholders,
  unknownPlaceholdersIn
} from './patterns.js'
import { keyPatternProblems } from '../boundary/secret-keys.js'
import { isSealedSecretsStore, sealedSecretsStoreProblems } from '../sealed-secrets/store.js'
import { unknownAllowedTypes } from './type-registry.js'
import {
  dnsLabelProblem,
  goDurationProblem,
  labelValueProblem,
  qualifiedNameProblem
} from '../render/value-grammar.js'
import { checkSchema, schemaCompileError } from './schema-check.js'
import { platformSchema } from './schemas/platform.schema.js'
import type { EnvironmentConfig, GitopsTarget, PlatformConfig, PromotionMode } from './types.js'
import { readYamlFile, type YamlSource } from './yaml-file.js'

export interface LoadedPlatform {
  readonly config: PlatformConfig
  readonly source: YamlSource
}

/** Reads and validates `platform.yaml`; every problem is reported at once with file:line:column. */
export function loadPlatformConfig(file: string): PlatformConfig {
  return loadPlatform(file).config
}

export function loadPlatform(file: string, displayName = displayPath(file)): LoadedPlatform {
  const source = readYamlFile(file, displayName, 'The platform config')
  const problems = checkSchema(platformSchema, source.value, source, {
    basePath: [],
    subject: 'the platform config'
  })
  if (problems.length > 0) throw new UserError(problems)
  const config = source.value as PlatformConfig
  const semantic = checkPlatform(config, source)
  if (semantic.length > 0) throw new UserError(semantic)
  return { config, source }
}

function checkPlatform(config: PlatformConfig, source: YamlSource): Problem[] {
  const problems: Problem[] = []
  const at = (path: (string | number)[]) => source.positionOf(path)
  const names = new Set<string>()
  config.spec.environments.forEach((env, i) => {
    if (names.has(env.name)) {
      problems.push({
        message: `Environment '${env.name}' is defined twice.`,
        position: at(['spec', 'environments', i, 'name']),
        hint: 'Give each environment its own name, or merge the two entries into one.'
      })
    }
    names.add(env.name)
    const unknownInNamespace = unknownPlaceholders(env.namespace, ['service', 'environment'])
    for (const bad of unknownInNamespace) {
      problems.push({
        message: `The namespace pattern uses {${bad}}; only {service} and {environment} are known.`,
        position: at(['spec', 'environments', i, 'namespace']),
        hint: 'Use {service} or {environment}, or remove the braces.'
      })
    }
    const namespaceProblem =
      unknownInNamespace.length === 0 ? namespacePatternProblem(env.namespace) : undefined
    if (namespaceProblem)
      problems.push({
        message: `The namespace pattern '${env.namespace}' of environment '${env.name}' ${namespaceProblem}; every namespace made from it would be refused by the API server.`,
        position: at(['spec', 'environments', i, 'namespace']),
        hint: "Write it from {service}, {environment}, lower-case letters, digits and '-' (e.g. '{service}-{environment}')."
      })
    for (const [alias, store] of Object.entries(env.secretStores ?? {})) {
      // The spec `idp platform bootstrap` creates for a SecretStore (platform/namespaces.ts fills it).
      const storePath = ['spec', 'environments', i, 'secretStores', alias, 'spec']
      problems.push(
        ...placeholderProblems('spec' in store ? store.spec : undefined, STORE_SPEC, storePath, at)
      )
      if (isSealedSecretsStore(store)) {
        problems.push(
          ...sealedSecretsStoreProblems(
            store,
            at(['spec', 'environments', i, 'secretStores', alias, 'certificate'])
          )
        )
        continue
      }
      for (const { message, hint } of keyPatternProblems(store.keyPattern ?? ''))
        problems.push({
          message,
          position: at(['spec', 'environments', i, 'secretStores', alias, 'keyPattern']),
          hint
        })
    }
  })
  config.spec.environments.forEach((env, i) => {
    ;(env.requires ?? []).forEach((required, j) => {
      if (required === env.name || !names.has(required)) {
        problems.push({
          message:
            required === env.name
              ? `Environment '${env.name}' cannot require itself.`
              : `Environment '${env.name}' requires '${required}', which is not defined.`,
          position: at(['spec', 'environments', i, 'requires', j]),
          hint: `Defined environments: ${[...names].join(', ')}.`
        })
      }
    })
  })
  // Where promotions write and onto which branch (boundary/paths.ts decides what is allowed).
  const targets: [GitopsTarget | undefined, (string | number)[]][] = [
    [config.spec.gitops, ['spec', 'gitops']],
    ...config.spec.environments.map((env, i): [GitopsTarget | undefined, (string | number)[]] => [
      env.gitops,
      ['spec', 'environments', i, 'gitops']
    ])
  ]
  for (const [target, path] of targets) {
    for (const problem of target ? gitopsTargetProblems(target) : [])
      problems.push({
        message: problem.message,
        position: at([...path, problem.field]),
        hint: problem.hint
      })
  }
  // Which repository owns which service (boundary/identity.ts).
  for (const problem of registryProblems(config.spec.services ?? []))
    problems.push({
      message: problem.message,
      position: at(['spec', 'services', problem.index, problem.field]),
      hint:
        problem.field === 'name'
          ? 'Register each service once; remove or rename the duplicate entry.'
          : "Write the repository as owner/name, e.g. 'acme/{service}'."
    })
  for (const kind of ['componentTypes', 'traitTypes'] as const) {
    for (const { name, index } of unknownAllowedTypes(
      config,
      kind === 'componentTypes' ? 'component' : 'trait'
    )) {
      problems.push({
        message: `'${name}' in ${kind}.allowed is neither a KubeVela built-in type nor a custom type defined here.`,
        position: at(['spec', kind, 'allowed', index]),
        hint: 'Fix the spelling, or add it under custom with its schema.'
      })
    }
    ;(config.spec[kind]?.custom ?? []).forEach((custom, i) => {
      const error = schemaCompileError(custom.schema)
      if (error) {
        problems.push({
          message: `The schema of custom type '${custom.name}' is not a valid JSON Schema: ${error}`,
          position: at(['spec', kind, 'custom', i, 'schema']),
          hint: 'Fix the schema so that it compiles as JSON Schema (draft 2020-12).'
        })
      }
    })
  }
  const resourceNames = new Set<string>()
  ;(config.spec.resourceTypes ?? []).forEach((type, i) => {
    if (resourceNames.has(type.name)) {
      problems.push({
        message: `Resource type '${type.name}' is defined twice.`,
        position: at(['spec', 'resourceTypes', i, 'name']),
        hint: 'Give each resource type its own name, or merge the two entries into one.'
      })
    }
    resourceNames.add(type.name)
    const error = schemaCompileError(type.schema)
    if (error) {
      problems.push({
        message: `The schema of resource type '${type.name}' is not a valid JSON Schema: ${error}`,
        position: at(['spec', 'resourceTypes', i, 'schema']),
        hint: 'Fix the schema so that it compiles as JSON Schema (draft 2020-12).'
      })
    }
    for (const bad of unknownPlaceholders(type.connectionSecret, [
      'service',
      'resource',
      'environment'
    ])) {
      problems.push({
        message: `The connectionSecret pattern uses {${bad}}; only {service}, {resource} and {environment} are known.`,
        position: at(['spec', 'resourceTypes', i, 'connectionSecret']),
        hint: 'Use {service}, {resource} or {environment}, or remove the braces.'
      })
    }
    problems.push(
      ...placeholderProblems(
        type.defaults,
        RESOURCE_DEFAULTS,
        ['spec', 'resourceTypes', i, 'defaults'],
        at
      )
    )
    if (type.compositionRef && type.compositionSelector) {
      problems.push({
        message: `Resource type '${type.name}' sets both compositionRef and compositionSelector; choose one.`,
        position: at(['spec', 'resourceTypes', i, 'compositionRef']),
        hint: 'Keep compositionRef to pin one Composition, or compositionSelector to pick one by labels.'
      })
    }
  })
  // Labels and annotations idp writes onto every object: what the API server would refuse, refused here.
  const metadata: [PlatformMetadata | undefined, (string | number)[]][] = [
    [config.spec.defaults, ['spec', 'defaults']],
    ...config.spec.environments.map((env, i): [PlatformMetadata, (string | number)[]] => [
      env,
      ['spec', 'environments', i]
    ])
  ]
  for (const [owner, path] of metadata) problems.push(...metadataProblems(owner, path, at))
  // The schema checks the form; Go also refuses a duration longer than its int64 of nanoseconds.
  const refresh = config.spec.defaults?.refreshInterval
  const refreshProblem = refresh === undefined ? undefined : goDurationProblem(refresh)
  if (refreshProblem)
    problems.push({
      message: `spec.defaults.refreshInterval '${refresh}' ${refreshProblem}; External Secrets would refuse every ExternalSecret using it.`,
      position: at(['spec', 'defaults', 'refreshInterval']),
      hint: "Use a shorter Go duration, e.g. '1h' or '15m'."
    })
  const catalog = config.spec.catalog
  problems.push(
    ...placeholderProblems(
      catalog?.argocdAppPattern,
      ARGOCD_APP,
      ['spec', 'catalog', 'argocdAppPattern'],
      at
    ),
    ...placeholderProblems(catalog?.path, CATALOG_PATH, ['spec', 'catalog', 'path'], at)
  )
  return problems
}

// The placeholders each platform pattern is filled with (the code that fills it is named).
/** resourceTypes[].defaults: render/crossplane.ts. */
const RESOURCE_DEFAULTS = ['service', 'resource', 'namespace', 'environment']
/** environments[].secretStores.<alias>.spec: platform/namespaces.ts. */
const STORE_SPEC = ['service', 'namespace', 'environment']
/** catalog.argocdAppPattern: catalog/entities.ts, platform/argocd.ts. */
const ARGOCD_APP = ['service', 'environment']
/** catalog.path: catalog/register-repository.ts. */
const CATALOG_PATH = ['service']

interface PlatformMetadata {
  readonly labels?: Readonly<Record<string, string>>
  readonly annotations?: Readonly<Record<string, string>>
}

function metadataProblems(
  owner: PlatformMetadata | undefined,
  path: (string | number)[],
  at: (path: (string | number)[]) => Problem['position']
): Problem[] {
  const problems: Problem[] = []
  for (const kind of ['labels', 'annotations'] as const) {
    for (const [key, value] of Object.entries(owner?.[kind] ?? {})) {
      const where = [...path, kind, key]
      const keyProblem = qualifiedNameProblem(key)
      if (keyProblem)
        problems.push({
          message: `The ${kind === 'labels' ? 'label' : 'annotation'} key '${key}' in ${[...path, kind].join('.')} ${keyProblem}.`,
          position: at(where),
          hint: "Use a Kubernetes qualified name: an optional DNS prefix and '/', then up to 63 letters, digits, '-', '_' or '.' (e.g. acme.io/team)."
        })
      const valueProblem = kind === 'labels' ? labelValueProblem(value) : undefined
      if (valueProblem)
        problems.push({
          message: `The label ${key}: '${value}' in ${[...path, kind].join('.')} ${valueProblem}; the API server would refuse every object idp labels with it.`,
          position: at(where),
          hint: "Use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit, or move the value to annotations."
        })
    }
  }
  return problems
}

/**
 * Why a namespace pattern cannot make a namespace, or undefined. Filled with sample DNS labels for
 * {service} and {environment}, it must be a DNS-1123 label; checked here so the mistake is shown at
 * platform.yaml's line, not at a service's name when the first service renders.
 */
export function namespacePatternProblem(pattern: string): string | undefined {
  const filled = pattern.replace(/\{(service|environment)\}/g, 'a0')
  if (filled.includes('{') || filled.includes('}'))
    return "has a '{' or '}' that is not part of {service} or {environment}"
  const literal = filled.match(/[^a-z0-9-]/)
  if (literal) return `holds '${literal[0]}', which no namespace may contain`
  if (!dnsLabelProblem(filled)) return undefined
  return filled.length > 63
    ? 'is longer than 63 characters even for short service and environment names'
    : "starts or ends with '-'"
}

/** A pattern's (or every string's under a mapping) unknown placeholders, each at its own line. */
function placeholderProblems(
  value: unknown,
  allowed: readonly string[],
  path: (string | number)[],
  at: (path: (string | number)[]) => Problem['position']
): Problem[] {
  return unknownPlaceholdersIn(value, allowed).map(found => ({
    message: `The pattern at ${[...path, ...found.path].join('.')} uses {${found.name}}; only ${placeholderList(allowed)} ${allowed.length > 1 ? 'are' : 'is'} known.`,
    position: at([...path, ...found.path]),
    hint: `Use ${placeholderList(allowed).replace(/ and /, ' or ')}, or remove the braces.`
  }))
}

/** The environment named `name`, or a user error listing the defined ones. */
export function environmentConfig(platform: PlatformConfig, name: string): EnvironmentConfig {
  const env = platform.spec.environments.find(e => e.name === name)
  if (!env) {
    throw new UserError({
      message: `Environment '${name}' is not defined in the platform config.`,
      hint: `Defined environments: ${platform.spec.environments.map(e => e.name).join(', ')}.`
    })
  }
  return env
}

/** Environment names from `all`, one name, or a comma list, in the platform's order. */
export function selectEnvironments(
  platform: PlatformConfig,
  selection: string
): EnvironmentConfig[] {
  const trimmed = selection.trim()
  if (trimmed === 'all') return [...platform.spec.environments]
  const wanted = trimmed
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
  if (wanted.length === 0)
    throw new UserError({
      message: `${inputRefStart('environment')} is empty; give a name, a comma list, or 'all'.`,
      hint: `Defined environments: ${platform.spec.environments.map(e => e.name).join(', ')}, or 'all'.`
    })
  const unknown = wanted.filter(w => !platform.spec.environments.some(e => e.name === w))
  if (unknown.length > 0) {
    throw new UserError({
      message: `Environment${unknown.length > 1 ? 's' : ''} ${unknown.map(u => `'${u}'`).join(', ')} not defined in the platform config.`,
      hint: `Defined environments: ${platform.spec.environments.map(e => e.name).join(', ')}, or 'all'.`
    })
  }
  return platform.spec.environments.filter(e => wanted.includes(e.name))
}

export function namespaceFor(env: EnvironmentConfig, service: string): string {
  return fillPattern(env.namespace, { service, environment: env.name })
}

export interface ResolvedGitopsTarget {
  readonly repository?: string
  readonly branch?: string
  /** The folder for this service in this environment, e.g. `envs/dev/checkout`. */
  readonly path: string
  readonly mode: PromotionMode
  readonly author?: { readonly name: string; readonly email: string }
}

export const DEFAULT_GITOPS_PATH = 'envs/{environment}/{service}'

/** The environment's GitOps target, inheriting the platform-wide defaults. */
export function resolveGitopsTarget(
  platform: PlatformConfig,
  environment: string,
  service: string
): ResolvedGitopsTarget {
  const env = environmentConfig(platform, environment)
  const base = platform.spec.gitops ?? {}
  const own = env.gitops ?? {}
  return {
    repository: own.repository ?? base.repository,
    branch: own.branch ?? base.branch,
    path: fillPattern(own.path ?? base.path ?? DEFAULT_GITOPS_PATH, { environment, service }),
    mode: own.mode ?? base.mode ?? 'push',
    author: base.author
  }
}

export const DEFAULT_IDENTITY_ISSUER = 'https://token.actions.githubusercontent.com'

/** `spec.gitops.identity` with its defaults when the platform requires it; undefined when it does not. */
export function requiredIdentity(
  platform: PlatformConfig | undefined
): { readonly issuer: string; readonly jwksUrl: string } | undefined {
  const identity = platform?.spec.gitops?.identity
  if (identity?.required !== true) return undefined
  const issuer = identity.issuer ?? DEFAULT_IDENTITY_ISSUER
  return { issuer, jwksUrl: identity.jwksUrl ?? `${issuer.replace(/\/+$/, '')}/.well-known/jwks` }
}

export function displayPath(file: string): string {
  const rel = relative(process.env.GITHUB_WORKSPACE || process.cwd(), file)
  return rel && !rel.startsWith('..') ? rel : file
}
