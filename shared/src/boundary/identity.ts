/**
 * Boundary — which service a repository may act as.
 *
 * Decides: whether the repository a run comes from may render, validate, promote and register the
 * service it names (`metadata.name`, or a render record's `service`), and whether promote may
 * replace a GitOps folder another repository wrote.
 *
 * What is trusted, in this order ("the run's repository"):
 * 1. `GITHUB_REPOSITORY` when set. In an action the runner sets it for the repository whose workflow
 *    runs and ignores a workflow's `env:` that tries to change it; it is the identity of every action.
 * 2. Else (the CLI on a developer's machine) the git remote `origin` of the checkout that holds the
 *    descriptor (render, catalog) or the rendered folder (promote).
 * 3. Else, for promote and validate only, the render record's `source.repository`.
 * A render record is a file the service repository wrote, so it can be forged: its `repository` is
 * never trusted over 1 or 2 — promote refuses a record that names another repository than the run.
 * Validate checks records against the registry (it also runs on the GitOps side, where the run's
 * repository is not the service's). Repositories are compared as `owner/name`, case-insensitively
 * like GitHub; for URLs and remotes only the last two path segments count (the CLI is no trust
 * boundary: a developer controls their own machine, so there the check catches mistakes).
 * None of this binds a pipeline that skips idp or runs a modified one: the service pipeline is not a
 * trust boundary (DESIGN.md, "Trust model"); the GitOps repository's rulesets and verify step are.
 *
 * The registry (`spec.services` in the platform config): an entry whose `name` equals the service
 * wins; else the first entry whose glob (`*` matches any run of characters) matches it. Its
 * `repository` (`{service}` filled in) must be the run's repository, and its `owner`, when given, the
 * descriptor's (or record's) owner. With a registry a service without an entry is refused. Without
 * one, promote's first-writer rule holds: a folder whose current render record names another
 * source repository is not replaced; a registry entry transfers ownership.
 */
import { readOriginUrl } from '../gitops/source-info.js'
import type { PlatformConfig, ServiceRegistration } from '../descriptor/types.js'
import type { RenderRecord } from '../render/record.js'
import type { Position, Problem } from '../runtime/errors.js'
import { UserError } from '../runtime/errors.js'

/** The repository a run comes from, as far as idp can tell. */
export interface RunIdentity {
  /** `owner/name` in lower case; undefined when it cannot be told. */
  readonly repository?: string
  /** Where it was read from, for messages: `GITHUB_REPOSITORY`, the origin remote, the record. */
  readonly source: string
  /** True when it came from the render record (so comparing the record with it proves nothing). */
  readonly fromRecord?: boolean
}

/**
 * `owner/name` (lower case) of a repository given as `owner/name`, an URL (`https://host/o/n.git`,
 * `ssh://…`, `file://…`), an scp-like remote (`git@host:o/n.git`) or a path; undefined when it has
 * fewer than two path segments.
 */
export function repositoryId(value: string | undefined): string | undefined {
  if (!value) return undefined
  let path = value.trim()
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(.*)$/i.exec(path)
  if (scheme) path = scheme[1]
  else {
    const scp = /^[^/:@]+@[^/:]+:(.*)$/.exec(path) ?? /^[^/:]+:(?!\/)(.*)$/.exec(path)
    if (scp) path = scp[1]
  }
  const segments = path
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '')
    .split(/[\\/]/)
    .filter(Boolean)
  if (segments.length < 2) return undefined
  const [owner, name] = segments.slice(-2)
  if (!/^[A-Za-z0-9_.-]+$/.test(owner) || !/^[A-Za-z0-9_.-]+$/.test(name)) return undefined
  return `${owner}/${name}`.toLowerCase()
}

/**
 * The run's repository: `GITHUB_REPOSITORY` when set, else the `origin` remote of the checkout that
 * holds `checkoutDir` (when given). See the header for why.
 */
export function runIdentity(env: NodeJS.ProcessEnv, checkoutDir?: string): RunIdentity {
  if (env.GITHUB_REPOSITORY) {
    return { repository: repositoryId(env.GITHUB_REPOSITORY), source: 'GITHUB_REPOSITORY' }
  }
  const origin = checkoutDir ? readOriginUrl(checkoutDir) : undefined
  return {
    repository: repositoryId(origin),
    source: origin ? `the git remote origin (${origin})` : 'no GITHUB_REPOSITORY and no git origin'
  }
}

/** The run's identity, falling back to a render record's `source.repository` when it is unknown. */
export function withRecordFallback(identity: RunIdentity, record: RenderRecord): RunIdentity {
  if (identity.repository) return identity
  const fromRecord = repositoryId(record.source?.repository)
  return fromRecord
    ? { repository: fromRecord, source: 'the render record', fromRecord: true }
    : identity
}

/** `*` matches any run of characters; everything else itself. Linear in the name's length. */
export function globMatches(glob: string, name: string): boolean {
  let g = 0
  let n = 0
  let star = -1
  let resume = 0
  while (n < name.length) {
    if (g < glob.length && glob[g] !== '*' && glob[g] === name[n]) {
      g++
      n++
    } else if (g < glob.length && glob[g] === '*') {
      star = g++
      resume = n
    } else if (star >= 0) {
      g = star + 1
      n = ++resume
    } else return false
  }
  while (g < glob.length && glob[g] === '*') g++
  return g === glob.length
}

/** The registry entry for `service`: an exact name first, else the first glob that matches. */
export function registrationFor(
  services: readonly ServiceRegistration[],
  service: string
): { readonly entry: ServiceRegistration; readonly index: number } | undefined {
  const exact = services.findIndex(s => s.name === service)
  if (exact >= 0) return { entry: services[exact], index: exact }
  const glob = services.findIndex(s => s.name.includes('*') && globMatches(s.name, service))
  return glob >= 0 ? { entry: services[glob], index: glob } : undefined
}

/** `group:default/team-a`, `default/team-a`, `group:team-a` and `team-a` name the same group. */
export function ownerRef(owner: string): string {
  const trimmed = owner.trim().toLowerCase()
  const kinded = /^([a-z0-9_-]+):(.*)$/.exec(trimmed)
  const kind = kinded ? kinded[1] : 'group'
  const rest = kinded ? kinded[2] : trimmed
  const slash = rest.indexOf('/')
  const namespace = slash >= 0 ? rest.slice(0, slash) : 'default'
  return `${kind}:${namespace}/${slash >= 0 ? rest.slice(slash + 1) : rest}`
}

export interface BindingRequest {
  readonly platform?: PlatformConfig
  readonly service: string
  /** The descriptor's or the record's owner. */
  readonly owner?: string
  readonly identity: RunIdentity
  /** A render record's `source.repository`, checked against the identity (promote). */
  readonly recordRepository?: string
  /** Where the service name and owner were written (descriptor lines, or the record file). */
  readonly servicePosition?: Position
  readonly ownerPosition?: Position
  /** What names the service in messages: "idp.yaml", "the render record". */
  readonly subject: string
}

/**
 * Refuses a run whose repository may not act as the service: a render record from another
 * repository than the run's, and, when the platform has a registry, a service it does not register,
 * a repository it does not name for the service, or another owner than the registered one.
 */
export function assertServiceBinding(request: BindingRequest): void {
  const { service } = request
  const identity = { ...request.identity, repository: repositoryId(request.identity.repository) }
  const problems: Problem[] = []
  const claimed = repositoryId(request.recordRepository)
  if (claimed && identity.repository && !identity.fromRecord && claimed !== identity.repository) {
    problems.push({
      message: `The render record says ${service} was rendered from ${claimed}, but this run comes from ${identity.repository} (${identity.source}).`,
      position: request.servicePosition,
      hint: 'Promote a folder rendered by this repository; a render record cannot be carried to another repository.'
    })
  }
  const services = request.platform?.spec.services
  if (services) {
    const found = registrationFor(services, service)
    if (!found) {
      problems.push({
        message: `Service '${service}' (${request.subject}) is not registered in the platform config (spec.services), so no repository may render, validate, promote or register it.`,
        position: request.servicePosition,
        hint: `Ask the platform team to add { name: ${service}, repository: <owner>/<name> } to spec.services, or fix metadata.name.`
      })
    } else {
      const expected = found.entry.repository.replace(/\{service\}/g, service).toLowerCase()
      const wanted = repositoryId(expected) ?? expected
      if (!identity.repository) {
        problems.push({
          message: `Service '${service}' belongs to ${wanted} (spec.services[${found.index}]), but idp cannot tell which repository this run comes from (${identity.source}).`,
          position: request.servicePosition,
          hint: 'Run in GitHub Actions (GITHUB_REPOSITORY), or from a clone whose origin remote is the service repository.'
        })
      } else if (identity.repository !== wanted) {
        problems.push({
          message: `Service '${service}' belongs to ${wanted} (spec.services[${found.index}] of the platform config), but this run comes from ${identity.repository} (${identity.source}).`,
          position: request.servicePosition,
          hint: `Use your own service's name in metadata.name, or ask the platform team to register ${service} for ${identity.repository}.`
        })
      }
      if (
        found.entry.owner !== undefined &&
        (request.owner === undefined || ownerRef(found.entry.owner) !== ownerRef(request.owner))
      ) {
        problems.push({
          message: `Service '${service}' is registered to owner ${found.entry.owner} (spec.services[${found.index}]), but ${request.subject} names owner ${request.owner ?? '(none)'}.`,
          position: request.ownerPosition ?? request.servicePosition,
          hint: `Set metadata.owner to ${found.entry.owner}, or ask the platform team to change the registry.`
        })
      }
    }
  }
  if (problems.length > 0) throw new UserError(problems)
}

/**
 * Promote without a registry: the folder belongs to the repository its current render record names
 * (the first writer). Refuses to replace it from another repository, or when the run's repository is
 * unknown. A registry entry (checked by `assertServiceBinding`) transfers ownership, so with a
 * registry this check does not apply.
 */
export function assertMayReplace(
  platform: PlatformConfig | undefined,
  held: RenderRecord | undefined,
  identity: RunIdentity,
  where: string
): void {
  if (platform?.spec.services) return
  const owner = repositoryId(held?.source?.repository)
  if (!held || !owner || owner === repositoryId(identity.repository)) return
  throw new UserError({
    message: `Refused: ${where} belongs to ${owner} (its render record names that source repository), but this run comes from ${identity.repository ?? 'an unknown repository'} (${identity.source}).`,
    hint: `The first repository to promote a service owns its folder. To move ${held.service} to another repository, the platform team registers it in the platform config: spec.services: [{ name: ${held.service}, repository: <owner>/<name> }].`
  })
}

/** Problems of a registry: duplicate names, globs or repositories that cannot match, per entry. */
export function registryProblems(
  services: readonly ServiceRegistration[]
): { readonly index: number; readonly field: 'name' | 'repository'; readonly message: string }[] {
  const out: { index: number; field: 'name' | 'repository'; message: string }[] = []
  const seen = new Set<string>()
  services.forEach((entry, index) => {
    if (seen.has(entry.name))
      out.push({ index, field: 'name', message: `Service '${entry.name}' is registered twice.` })
    seen.add(entry.name)
    const filled = entry.repository.replace(/\{service\}/g, 'svc')
    const [owner, name] = filled.split('/')
    if (
      !owner ||
      !name ||
      name === '.' ||
      name === '..' ||
      /^\.+$/.test(name.replace(/\.git$/i, ''))
    )
      out.push({
        index,
        field: 'repository',
        message: `The repository '${entry.repository}' is not owner/name (e.g. acme/{service}).`
      })
  })
  return out
}

/**
 * In an action, an input that names the service's repository (catalog's `source-repository`) may
 * only repeat `GITHUB_REPOSITORY`: it cannot lend the service another repository's identity. In the
 * CLI (identity from a git remote, no trust boundary) the input stands as given.
 */
export function assertClaimedRepository(
  claimed: string | undefined,
  identity: RunIdentity,
  input: string
): void {
  const run = repositoryId(identity.repository)
  if (claimed === undefined || !run || identity.source !== 'GITHUB_REPOSITORY') return
  const named = repositoryId(claimed)
  if (named === run) return
  throw new UserError({
    message: `${input} names ${named ?? claimed}, but this run comes from ${run} (${identity.source}).`,
    hint: `Remove ${input} (it defaults to the run's repository) or give ${run}.`
  })
}
