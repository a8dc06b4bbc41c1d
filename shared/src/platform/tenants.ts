// Who the tenants of one environment are, as `idp platform bootstrap` renders them: the platform's
// service registry (`spec.services`) read per environment into owner teams, their services (exact
// names and globs), namespaces and GitOps folders. Everything the cluster side confines comes from
// here, never from the GitOps repository's content.
import { globMatches, ownerRef } from '../boundary/identity.js'
import { DEFAULT_GITOPS_PATH } from '../descriptor/platform.js'
import { fillPattern } from '../descriptor/patterns.js'
import type {
  EnvironmentConfig,
  GitopsEngine,
  PlatformConfig,
  PodSecurityLevel,
  ServiceRegistration
} from '../descriptor/types.js'
import type { Problem } from '../runtime/errors.js'

/** One registry entry as seen in one environment. */
export interface TenantService {
  /** A service name, or a glob with `*`. */
  readonly name: string
  readonly glob: boolean
  /** The entry's position in `spec.services` (globs: the first match wins). */
  readonly index: number
  /** The service's namespace (a glob for a glob entry). */
  readonly namespace: string
  /** The service's GitOps folder (a glob for a glob entry). */
  readonly folder: string
}

/** The services of one owner: one AppProject (Argo CD). */
export interface Team {
  /** The AppProject name: `<group>-<environment>`, or `<service>-<environment>` for an entry without owner. */
  readonly project: string
  /** `group:default/team-a`, or undefined for an entry without owner. */
  readonly owner?: string
  readonly services: readonly TenantService[]
  /** Other owners' entries whose namespaces this project denies (they win over one of its globs). */
  readonly denied: readonly TenantService[]
}

export interface EnvironmentTenants {
  readonly environment: EnvironmentConfig
  readonly engine: GitopsEngine
  readonly podSecurity: PodSecurityLevel
  /** The GitOps repository and branch the cluster reads. */
  readonly repository: string
  readonly branch: string
  /** The folder pattern with the environment filled in: `envs/dev/{service}`. */
  readonly folderPattern: string
  /** Index of the `{service}` segment in the folder pattern. */
  readonly serviceSegment: number
  readonly teams: readonly Team[]
  /** Every registry entry in registry order. */
  readonly services: readonly TenantService[]
}

const DEFAULT_BRANCH = 'main'

/** Turns `owner/name` into the URL the cluster clones; URLs stay as they are. */
export function repositoryUrl(repository: string, serverUrl: string): string {
  if (/^[A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9_.-]+$/.test(repository))
    return `${serverUrl.replace(/\/+$/, '')}/${repository.replace(/\.git$/, '')}.git`
  return repository
}

/** `group:default/team-payments` → `team-payments` (a DNS label for object names). */
function ownerName(owner: string): string {
  const ref = ownerRef(owner)
  return ref.slice(ref.indexOf('/') + 1)
}

/** The tenants of one environment, or the problems that stop bootstrap from confining them. */
export function environmentTenants(
  platform: PlatformConfig,
  environment: EnvironmentConfig,
  serverUrl: string
): { tenants?: EnvironmentTenants; problems: Problem[] } {
  const problems: Problem[] = []
  const where = `environment '${environment.name}'`
  const engine = environment.gitops?.engine ?? platform.spec.gitops?.engine
  const repository = environment.gitops?.repository ?? platform.spec.gitops?.repository
  const branch = environment.gitops?.branch ?? platform.spec.gitops?.branch ?? DEFAULT_BRANCH
  const pathPattern = environment.gitops?.path ?? platform.spec.gitops?.path ?? DEFAULT_GITOPS_PATH
  if (!engine)
    problems.push({
      message: `No GitOps engine is set for ${where}.`,
      hint: 'Set spec.gitops.engine (argocd or flux) in the platform config.'
    })
  if (!repository)
    problems.push({
      message: `No GitOps repository is set for ${where}; the cluster would not know what to read.`,
      hint: 'Set spec.gitops.repository (owner/name or a git URL) in the platform config.'
    })
  const registry = platform.spec.services ?? []
  if (registry.length === 0)
    problems.push({
      message:
        'The platform config has no service registry (spec.services); bootstrap confines each registered service to its namespace and has nothing to confine.',
      hint: 'Register the services with their owner under spec.services.'
    })
  if (!environment.namespace.includes('{service}'))
    problems.push({
      message: `The namespace pattern '${environment.namespace}' of ${where} has no {service}: every service would share one namespace, which the cluster cannot confine per team.`,
      hint: "Use a pattern with {service}, e.g. '{service}-{environment}'."
    })
  const folderPattern = pathPattern.replace(/\{environment\}/g, environment.name)
  const segments = folderPattern.split('/')
  const serviceSegment = segments.indexOf('{service}')
  if (serviceSegment < 0 || segments.filter(s => s.includes('{service}')).length !== 1)
    problems.push({
      message: `The GitOps path pattern '${pathPattern}' of ${where} must hold {service} exactly once, as a whole folder name, for the ApplicationSet to tell services apart.`,
      hint: "Use a pattern such as 'envs/{environment}/{service}'."
    })
  if (problems.length > 0) return { problems }

  const services = registry.map((entry, index) =>
    tenantService(entry, index, environment, folderPattern)
  )
  for (const service of services)
    if (service.glob && !registry[service.index].owner)
      problems.push({
        message: `Service entry '${service.name}' in spec.services is a glob without an owner; bootstrap cannot name a project for services it cannot list.`,
        hint: 'Give the entry an owner (the team that owns these services).'
      })
  if (problems.length > 0) return { problems }

  const byProject = new Map<string, { owner?: string; services: TenantService[] }>()
  for (const service of services) {
    const owner = registry[service.index].owner
    const project = `${owner ? ownerName(owner) : service.name}-${environment.name}`
    const team = byProject.get(project) ?? {
      owner: owner ? ownerRef(owner) : undefined,
      services: []
    }
    team.services.push(service)
    byProject.set(project, team)
  }
  const teams = [...byProject.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([project, team]) => {
      const { denied, problems: overlaps } = denialsFor(team, services)
      problems.push(...overlaps)
      return { project, ...team, denied }
    })
  if (problems.length > 0) return { problems }
  return {
    problems,
    tenants: {
      environment,
      engine: engine as GitopsEngine,
      podSecurity: environment.podSecurity ?? 'baseline',
      repository: repositoryUrl(repository as string, serverUrl),
      branch,
      folderPattern,
      serviceSegment,
      teams,
      services
    }
  }
}

function tenantService(
  entry: ServiceRegistration,
  index: number,
  environment: EnvironmentConfig,
  folderPattern: string
): TenantService {
  return {
    name: entry.name,
    glob: entry.name.includes('*'),
    index,
    namespace: fillPattern(environment.namespace, {
      service: entry.name,
      environment: environment.name
    }),
    folder: folderPattern.replace(/\{service\}/g, entry.name)
  }
}

/** Whether some name matches both `*`-globs (linear memo over positions, no backtracking blow-up). */
export function globsOverlap(a: string, b: string): boolean {
  const memo = new Map<number, boolean>()
  const go = (i: number, j: number): boolean => {
    const key = i * (b.length + 1) + j
    const known = memo.get(key)
    if (known !== undefined) return known
    memo.set(key, false)
    let result = false
    if (i === a.length && j === b.length) result = true
    else if (i < a.length && a[i] === '*') result = go(i + 1, j) || (j < b.length && go(i, j + 1))
    else if (j < b.length && b[j] === '*') result = go(i, j + 1) || (i < a.length && go(i + 1, j))
    else if (i < a.length && j < b.length && a[i] === b[j]) result = go(i + 1, j + 1)
    memo.set(key, result)
    return result
  }
  return go(0, 0)
}

/**
 * What a team's AppProject must deny: the namespaces of other owners' entries that win over one of
 * the team's globs (exact names always, earlier globs when they overlap). A denial the team itself
 * needs (its own exact name, or its own still earlier glob) cannot be expressed and is refused.
 */
function denialsFor(
  team: { services: readonly TenantService[] },
  all: readonly TenantService[]
): { denied: TenantService[]; problems: Problem[] } {
  const own = new Set(team.services)
  const denied = new Set<TenantService>()
  for (const glob of team.services.filter(s => s.glob))
    for (const other of all)
      if (
        !own.has(other) &&
        (!other.glob || other.index < glob.index) &&
        globsOverlap(glob.name, other.name)
      )
        denied.add(other)
  const problems: Problem[] = []
  for (const deny of denied)
    for (const mine of team.services)
      if (
        deny.glob &&
        (mine.glob
          ? mine.index < deny.index && globsOverlap(mine.name, deny.name)
          : globMatches(deny.name, mine.name))
      )
        problems.push({
          message: `Service entry '${mine.name}' and the glob '${deny.name}' of another owner overlap in spec.services in a way AppProject destinations cannot express (one project would have to allow and deny the same namespaces).`,
          hint: `Narrow the glob '${deny.name}', or give the overlapping entries the same owner.`
        })
  return { denied: [...denied].sort((a, b) => a.index - b.index), problems }
}

/**
 * Which registry entries decide over a folder `entry` would match: exact names always win, and among
 * globs the first match. Returned as the patterns to exclude when listing `entry`'s folders.
 */
export function shadowingEntries(
  services: readonly TenantService[],
  entry: TenantService
): TenantService[] {
  if (!entry.glob) return []
  return services.filter(
    s => s !== entry && (!s.glob || s.index < entry.index) && globsOverlap(entry.name, s.name)
  )
}

/** The exact (listable) services of an environment, sorted by name. */
export function exactServices(tenants: EnvironmentTenants): TenantService[] {
  return tenants.services.filter(s => !s.glob).sort((a, b) => (a.name < b.name ? -1 : 1))
}

/** The team owning a registry entry. */
export function teamOf(tenants: EnvironmentTenants, service: TenantService): Team {
  return tenants.teams.find(t => t.services.includes(service)) as Team
}
