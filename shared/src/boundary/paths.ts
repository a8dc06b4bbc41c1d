/**
 * Boundary — where a service may write and which names it may use on the way there.
 *
 * Decides: the folder of a GitOps (or catalog) repository a promotion writes, and the git branch
 * names idp hands to git. The platform's pattern for an environment (`gitops.path`, default
 * `envs/{environment}/{service}`), filled with the service and environment, is the bound; an input
 * (`path`) may narrow it to a subfolder, never widen it, as `mode` may tighten but not loosen. The
 * values that fill a pattern come from a render record the service repository wrote, so they must be
 * DNS-1123 labels (no `/`, `..`, `.git`, encodings or empty values) and, with a platform config,
 * one of its environments. Branch names follow `git check-ref-format --branch`, checked before git
 * ever sees them. Everything here throws `UserError`; nothing is repaired silently.
 */
import { inputRefStart } from '../runtime/surface.js'
import type { Position } from '../runtime/errors.js'
import { UserError } from '../runtime/errors.js'

/** The bound when there is no platform config (and the platform's default). */
export const DEFAULT_PATH_PATTERN = 'envs/{environment}/{service}'

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/

/** A Kubernetes DNS-1123 label: lower-case letters, digits and `-`, at most 63 characters. */
export function isDnsLabel(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DNS_LABEL.test(value)
}

/**
 * Checks a render record's `service` or `environment`: a DNS-1123 label, and with `environments`
 * one of them. `display` names the record file in the message.
 */
export function checkRecordName(
  value: unknown,
  field: 'service' | 'environment',
  display: string,
  environments?: readonly string[]
): string {
  const position: Position = { file: display, line: 1, column: 1 }
  if (!isDnsLabel(value)) {
    throw new UserError({
      message: `The render record names ${field} ${JSON.stringify(value)}, which is not a DNS-1123 label (lower-case letters, digits and -, at most 63).`,
      position,
      hint: 'Render the folder again with idp render; do not edit .idp/render.json by hand.'
    })
  }
  if (environments && field === 'environment' && !environments.includes(value)) {
    throw new UserError({
      message: `The render record was rendered for environment '${value}', which the platform config does not define.`,
      position,
      hint: `Defined environments: ${environments.join(', ')}.`
    })
  }
  return value
}

/** One folder name idp writes: plain ASCII, not hidden (so never `.git`), no encodings. */
const SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/

/**
 * A folder path inside a repository, normalised (no leading or trailing `/`), or a reason why not:
 * relative, forward slashes, every segment a plain name, not the root, at most 1024 characters.
 */
export function repoFolderProblem(path: string): string | undefined {
  const trimmed = path.replace(/^\/+|\/+$/g, '')
  if (trimmed === '') return 'it is the repository root'
  if (path.length > 1024) return 'it is longer than 1024 characters'
  if (/^\//.test(path)) return 'it is absolute'
  const bad = trimmed.split('/').find(s => !SAFE_SEGMENT.test(s) || s.length > 255)
  if (bad === undefined) return undefined
  if (bad === '') return 'it has an empty segment (//)'
  if (bad === '.' || bad === '..') return `it has a '${bad}' segment`
  if (bad.toLowerCase().startsWith('.git')) return "it reaches into '.git'"
  return `the segment '${bad}' is not a plain folder name (letters, digits, ., _ and -, not starting with .)`
}

/** Fills `{environment}` and `{service}`; any other placeholder is refused. */
function fill(pattern: string, environment: string, service: string): string {
  return pattern.replace(/\{([^}]*)\}/g, (whole, name: string) => {
    if (name === 'environment') return environment
    if (name === 'service') return service
    throw new UserError({
      message: `The path pattern '${pattern}' uses ${whole}; only {environment} and {service} are known.`,
      hint: 'Use a folder such as envs/{environment}/{service}.'
    })
  })
}

export interface GitopsPathRequest {
  readonly environment: string
  readonly service: string
  /** The platform's pattern for this environment (its `gitops.path`, inherited); default when absent. */
  readonly platformPattern?: string
  /** The `path` input: a folder or a pattern; must stay inside the platform's folder. */
  readonly inputPath?: string
  /** Where the render record came from, for messages about its fields. */
  readonly recordDisplay: string
  /** The platform's environment names, when there is a platform config. */
  readonly environments?: readonly string[]
}

/**
 * The folder a promotion writes: the platform's folder for this environment and service, or a
 * subfolder of it that the `path` input names. Refuses record fields that are not DNS-1123 labels,
 * environments the platform does not define, and any path that leaves the platform's folder.
 */
export function confineGitopsPath(request: GitopsPathRequest): string {
  const service = checkRecordName(request.service, 'service', request.recordDisplay)
  const environment = checkRecordName(
    request.environment,
    'environment',
    request.recordDisplay,
    request.environments
  )
  const pattern = request.platformPattern ?? DEFAULT_PATH_PATTERN
  const bound = fill(pattern, environment, service).replace(/^\/+|\/+$/g, '')
  const boundProblem = repoFolderProblem(bound)
  if (boundProblem) {
    throw new UserError({
      message: `The platform's GitOps path '${pattern}' gives '${bound}' for ${service} in ${environment}, which is not a folder idp writes: ${boundProblem}.`,
      hint: 'Fix gitops.path in the platform config, e.g. envs/{environment}/{service}.'
    })
  }
  if (request.inputPath === undefined) return bound
  const wanted = fill(request.inputPath.trim(), environment, service)
  const problem = repoFolderProblem(wanted)
  if (problem) {
    throw new UserError({
      message: `${inputRefStart('path')} must be a folder inside the repository such as ${bound}; got '${request.inputPath}': ${problem}.`,
      hint: 'Use forward slashes, plain folder names, no . or .. segments, and not the repository root.'
    })
  }
  const normalised = wanted.replace(/^\/+|\/+$/g, '')
  if (normalised !== bound && !normalised.startsWith(`${bound}/`)) {
    throw new UserError({
      message: `${inputRefStart('path')} is '${request.inputPath}' (${normalised}), outside the folder ${request.platformPattern === undefined ? 'idp uses without a platform config' : 'the platform config gives'} for ${service} in ${environment}: ${bound}.`,
      hint: `An input may narrow that folder to a subfolder of it, never leave it: remove 'path' or give ${bound}/<subfolder>.`
    })
  }
  return normalised
}

/**
 * Why `name` is not a branch name git accepts (`git check-ref-format --branch`), or undefined: no
 * `..`, `@{`, control characters, space, `~ ^ : ? * [ \`; no segment starting with `.` or ending with
 * `.lock`; not starting with `-` or `/`, not ending with `/` or `.`; not `@` or `HEAD`.
 */
export function branchNameProblem(name: string): string | undefined {
  if (name === '') return 'it is empty'
  if (name.length > 255) return 'it is longer than 255 characters'
  if (name.startsWith('-')) return 'it starts with -'
  if (name === '@' || name === 'HEAD') return `'${name}' is not a branch`
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f]/.test(name)) return 'it contains a space or a control character'
  const special = /[~^:?*[\\]/.exec(name)
  if (special) return `it contains '${special[0]}'`
  if (name.includes('..')) return "it contains '..'"
  if (name.includes('@{')) return "it contains '@{'"
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//'))
    return 'it has an empty segment (a leading, trailing or double /)'
  if (name.endsWith('.')) return 'it ends with .'
  for (const segment of name.split('/')) {
    if (segment.startsWith('.')) return `the segment '${segment}' starts with .`
    if (segment.endsWith('.lock')) return `the segment '${segment}' ends with .lock`
  }
  return undefined
}

/** Returns `name` when git accepts it as a branch name; else a user error naming `what`. */
export function checkBranchName(name: string, what: string, position?: Position): string {
  const problem = branchNameProblem(name)
  if (problem) {
    throw new UserError({
      message: `${what} is not a valid git branch name (${JSON.stringify(name)}): ${problem}.`,
      position,
      hint: 'Use a branch name such as main or release/prod (see git check-ref-format).'
    })
  }
  return name
}

/** A problem with one field of a platform config's GitOps target (`branch`, `path`). */
export interface TargetProblem {
  readonly field: 'branch' | 'path'
  readonly message: string
  readonly hint: string
}

/**
 * Checks a platform config's GitOps target: its branch is a valid git branch name, and its path is a
 * pattern that names one folder per service (it uses `{service}`, only `{environment}` and
 * `{service}`, and fills to a plain folder, never the root or `.git`).
 */
export function gitopsTargetProblems(target: {
  readonly branch?: string
  readonly path?: string
}): TargetProblem[] {
  const problems: TargetProblem[] = []
  if (target.branch !== undefined) {
    const problem = branchNameProblem(target.branch)
    if (problem)
      problems.push({
        field: 'branch',
        message: `The branch ${JSON.stringify(target.branch)} is not a valid git branch name: ${problem}.`,
        hint: 'Use a branch name such as main or release/prod (see git check-ref-format).'
      })
  }
  if (target.path !== undefined) {
    const unknown = [...target.path.matchAll(/\{([^}]*)\}/g)]
      .map(m => m[1])
      .filter(n => n !== 'environment' && n !== 'service')
    const filled = target.path.replace(/\{environment\}/g, 'env').replace(/\{service\}/g, 'svc')
    const problem =
      unknown.length > 0
        ? `it uses {${unknown[0]}}; only {environment} and {service} are known`
        : !target.path.includes('{service}')
          ? 'it does not use {service}, so every service would write the same folder'
          : /^\//.test(target.path)
            ? 'it is absolute'
            : repoFolderProblem(filled)
    if (problem)
      problems.push({
        field: 'path',
        message: `The GitOps path '${target.path}' is not a folder pattern idp writes: ${problem}.`,
        hint: 'Use a relative folder with {service} (and usually {environment}), e.g. envs/{environment}/{service}.'
      })
  }
  return problems
}
