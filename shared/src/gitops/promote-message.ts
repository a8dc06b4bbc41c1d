import { inputRefStart } from '../runtime/surface.js'
import type { RenderRecord } from '../render/record.js'
import { UserError } from '../runtime/errors.js'
import { withTrailers } from './trailers.js'

export const DEFAULT_COMMIT_MESSAGE = 'promote {service} to {environment}: {images}'

/** Placeholders a `commit-message` template may use. */
export const MESSAGE_PLACEHOLDERS = [
  'service',
  'environment',
  'images',
  'digest',
  'commit',
  'short-commit',
  'repository',
  'run-number'
] as const

/** Trailer keys, one per provenance fact; `git interpret-trailers --parse` reads them back. */
export const TRAILER_KEYS = {
  repository: 'Idp-Source-Repository',
  commit: 'Idp-Source-Commit',
  runUrl: 'Idp-Run-Url',
  environment: 'Idp-Environment',
  service: 'Idp-Service',
  digest: 'Idp-Content-Digest',
  /** An OIDC token of the promoting run, when the platform requires one (spec.gitops.identity). */
  identity: 'Idp-Identity'
} as const

/**
 * The audience promote asks the OIDC token for, and the gate requires: it names the exact content, so
 * a token is good for one render of one service in one environment and nothing else.
 */
export function identityAudience(environment: string, service: string, digest: string): string {
  return `idp:${environment}:${service}:${digest}`
}

/** Fills the template and appends the provenance trailers. Unknown placeholders are a user error. */
export function renderCommitMessage(
  template: string,
  record: RenderRecord,
  runUrl: string | undefined,
  identityToken?: string
): string {
  const values: Record<(typeof MESSAGE_PLACEHOLDERS)[number], string> = {
    service: record.service,
    environment: record.environment,
    images: Object.values(record.images ?? {}).join(', ') || 'no images',
    digest: record.digest,
    commit: record.source?.commit ?? 'unknown',
    'short-commit': (record.source?.commit ?? 'unknown').slice(0, 7),
    repository: record.source?.repository ?? 'unknown',
    'run-number': record.source?.runNumber !== undefined ? String(record.source.runNumber) : ''
  }
  const subject = template.replace(/\{([a-z-]+)\}/g, (whole, name: string) => {
    // Own keys only: `{constructor}` is not a placeholder, whatever Object.prototype holds.
    if (!Object.hasOwn(values, name)) {
      throw new UserError({
        message: `${inputRefStart('commit-message')} uses {${name}}, which is not a known placeholder.`,
        hint: `Use ${MESSAGE_PLACEHOLDERS.map(p => `{${p}}`).join(', ')}.`
      })
    }
    return values[name as keyof typeof values]
  })
  return withTrailers(subject, [
    { key: TRAILER_KEYS.repository, value: record.source?.repository ?? '' },
    { key: TRAILER_KEYS.commit, value: record.source?.commit ?? '' },
    { key: TRAILER_KEYS.runUrl, value: record.source?.runUrl ?? runUrl ?? '' },
    { key: TRAILER_KEYS.environment, value: record.environment },
    { key: TRAILER_KEYS.service, value: record.service },
    { key: TRAILER_KEYS.digest, value: record.digest },
    { key: TRAILER_KEYS.identity, value: identityToken ?? '' }
  ])
}
