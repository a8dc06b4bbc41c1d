import { IDP_ANNOTATION_PREFIX } from './entities.js'

/** What one environment runs, recorded on the Component so the catalog shows what runs where. */
export interface Deployment {
  readonly environment: string
  readonly version: string
  /** `sha256:…` content digest of the rendered manifests (from `.idp/render.json`). */
  readonly digest?: string
  /** The GitOps commit that carried this version to the environment. */
  readonly commit?: string
  /** ISO 8601 time of the change (the promotion's or the source commit's); absent when unknown. */
  readonly time?: string
  /** `component=reference, …` as rendered (recorded by the GitOps gate from the render record). */
  readonly images?: string
  /** The source commit the manifests were rendered from. */
  readonly 'source-commit'?: string
  /** The run that rendered them. */
  readonly run?: string
}

const ENV_PREFIX = `${IDP_ANNOTATION_PREFIX}env.`
const FIELDS = ['version', 'digest', 'commit', 'time', 'images', 'source-commit', 'run'] as const

/** Environment names are DNS-1123 labels; anything else in a carried-over annotation is not ours. */
const ENVIRONMENT_NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/

/** `<environment>.<field>` of a per-environment annotation key, when it is one. */
function parseDeploymentKey(key: string): { environment: string; field: string } | undefined {
  if (!key.startsWith(ENV_PREFIX)) return undefined
  const rest = key.slice(ENV_PREFIX.length)
  const dot = rest.lastIndexOf('.')
  const environment = rest.slice(0, dot)
  const field = rest.slice(dot + 1)
  if (dot < 0 || !ENVIRONMENT_NAME.test(environment)) return undefined
  if (!(FIELDS as readonly string[]).includes(field)) return undefined
  return { environment, field }
}

/** `idp.dev/env.<environment>.<field>` */
export function deploymentKey(environment: string, field: (typeof FIELDS)[number]): string {
  return `${ENV_PREFIX}${environment}.${field}`
}

/** The annotations of one deployment; absent fields are left out. */
export function deploymentAnnotations(deployment: Deployment): Record<string, string> {
  const out: Record<string, string> = {}
  for (const field of FIELDS) {
    const value = deployment[field]
    if (value) out[deploymentKey(deployment.environment, field)] = value
  }
  return out
}

/**
 * The per-environment annotations to publish: what was recorded before (from the current catalog file
 * or entity) with the given deployment replacing its environment's entries, so registering dev never
 * forgets what prod runs.
 */
export function mergeDeployments(
  previous: Readonly<Record<string, string>> | undefined,
  deployment: Deployment | undefined
): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, value] of Object.entries(previous ?? {})) {
    // The previous file is the repository's: only well-formed per-environment keys carry over.
    if (!parseDeploymentKey(key)) continue
    if (deployment && key.startsWith(`${ENV_PREFIX}${deployment.environment}.`)) continue
    out[key] = value
  }
  if (deployment) {
    // Re-recording what already runs is not a change: the environment keeps the time it last changed.
    const before = (field: (typeof FIELDS)[number]) =>
      previous?.[deploymentKey(deployment.environment, field)]
    const same = (['version', 'digest', 'commit'] as const).every(
      f => (before(f) ?? '') === (deployment[f] ?? '')
    )
    const time = same && before('time') ? before('time') : deployment.time
    Object.assign(out, deploymentAnnotations({ ...deployment, time }))
  }
  return out
}

/** Environment → its recorded deployment fields, for the job summary. */
export function recordedDeployments(
  annotations: Readonly<Record<string, string>>
): Record<string, Record<string, string>> {
  // A Map, so no name (such as __proto__) can reach an object's prototype while collecting.
  const byEnvironment = new Map<string, Record<string, string>>()
  for (const [key, value] of Object.entries(annotations)) {
    const parsed = parseDeploymentKey(key)
    if (!parsed) continue
    const fields = byEnvironment.get(parsed.environment) ?? {}
    fields[parsed.field] = value
    byEnvironment.set(parsed.environment, fields)
  }
  return Object.fromEntries(byEnvironment)
}
