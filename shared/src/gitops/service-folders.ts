// Which service folder of a GitOps repository a changed path belongs to, read from the platform's
// folder pattern per environment (`gitops.path`, default `envs/{environment}/{service}`). The GitOps
// side (verify, the broker's merge) uses it to group a change by service; what a folder may hold and
// who may write it is then decided by the boundary module (boundary/paths.ts, boundary/identity.ts).
import { DEFAULT_PATH_PATTERN, isDnsLabel } from '../boundary/paths.js'
import { environmentConfig } from '../descriptor/platform.js'
import type { PlatformConfig } from '../descriptor/types.js'

/** A folder the platform's pattern gives to one service in one environment. */
export interface ServiceFolder {
  readonly environment: string
  readonly service: string
  /** Repository path of the folder, e.g. `envs/dev/checkout`. */
  readonly path: string
}

/** The environment's folder pattern as the platform config writes it (inherited), or the default. */
export function folderPatternOf(platform: PlatformConfig, environment: string): string {
  const env = environmentConfig(platform, environment)
  return env.gitops?.path ?? platform.spec.gitops?.path ?? DEFAULT_PATH_PATTERN
}

/**
 * Every service folder a repository path lies in, one per environment whose pattern matches it (more
 * than one only when the platform gives several environments the same pattern). A pattern segment may
 * mix text and placeholders (`{service}-app`); `{service}` matches a DNS-1123 label, the same in
 * every segment that uses it.
 */
export function serviceFoldersOf(path: string, platform: PlatformConfig): ServiceFolder[] {
  const segments = path.split('/')
  const out: ServiceFolder[] = []
  for (const env of platform.spec.environments) {
    const pattern = folderPatternOf(platform, env.name)
      .replace(/^\/+|\/+$/g, '')
      .split('/')
    if (segments.length <= pattern.length) continue
    let service: string | undefined
    let matched = true
    for (let i = 0; i < pattern.length && matched; i++) {
      const found = matchSegment(pattern[i], segments[i], env.name)
      if (found === undefined) matched = false
      else if (found !== '') {
        if (service !== undefined && service !== found) matched = false
        service = found
      }
    }
    if (matched && service !== undefined)
      out.push({
        environment: env.name,
        service,
        path: segments.slice(0, pattern.length).join('/')
      })
  }
  return out
}

/**
 * Matches one path segment against one pattern segment: undefined when it does not match, else the
 * service name the segment holds ('' when it holds none). Placeholders other than `{environment}` and
 * `{service}` never match (the platform config's checks refuse them).
 */
function matchSegment(pattern: string, segment: string, environment: string): string | undefined {
  const parts = pattern.split(/(\{[^}]*\})/).filter(p => p !== '')
  const services = parts.filter(p => p === '{service}').length
  if (parts.some(p => p.startsWith('{') && p !== '{service}' && p !== '{environment}'))
    return undefined
  const literal = parts.map(p => (p === '{environment}' ? environment : p))
  if (services === 0) return literal.join('') === segment ? '' : undefined
  if (services > 1) return undefined
  // Text before and after the one {service}: the rest of the segment is the name.
  const at = literal.indexOf('{service}')
  const before = literal.slice(0, at).join('')
  const after = literal.slice(at + 1).join('')
  if (segment.length <= before.length + after.length) return undefined
  if (!segment.startsWith(before) || !segment.endsWith(after)) return undefined
  const name = segment.slice(before.length, segment.length - after.length)
  return isDnsLabel(name) ? name : undefined
}
