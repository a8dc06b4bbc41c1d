// Boundary: which namespace a service's folder may target. A rendered folder's record names the
// service, environment and namespace; they must be what the platform's namespace pattern gives for
// that service in that environment. A folder without a record is held to the pattern itself: its
// objects share one namespace, and that namespace is one the pattern can produce.
import { namespaceFor } from '../descriptor/platform.js'
import type { EnvironmentConfig, PlatformConfig } from '../descriptor/types.js'
import type { RenderRecord } from '../render/record.js'
import { UserError } from '../runtime/errors.js'
import { checkRecordName } from './paths.js'

const DNS_LABEL_SOURCE = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'

/**
 * Refuses a render record whose service or environment is not a name the platform can have, or whose
 * namespace is not the platform's pattern filled with them. `display` names the record file.
 */
export function checkRecordTarget(
  record: RenderRecord,
  platform: PlatformConfig,
  display: string
): void {
  const environments = platform.spec.environments.map(e => e.name)
  const service = checkRecordName(record.service, 'service', display)
  const environment = checkRecordName(record.environment, 'environment', display, environments)
  const env = platform.spec.environments.find(e => e.name === environment)!
  const expected = namespaceFor(env, service)
  if (record.namespace !== expected)
    throw new UserError({
      message: `The render record targets namespace ${JSON.stringify(record.namespace)}, but the platform's pattern '${env.namespace}' gives '${expected}' for service '${service}' in environment '${environment}'.`,
      position: { file: display, line: 1, column: 1 },
      hint: 'Render the folder again with idp render; do not edit .idp/render.json by hand.'
    })
}

/** The environment's namespace pattern with its name filled in; `{service}` stays a placeholder. */
export function namespacePatternOf(env: EnvironmentConfig): string {
  return env.namespace.replace(/\{environment\}/g, env.name)
}

/** Whether a namespace is one a pattern (from `namespacePatternOf`) gives for some service name. */
export function matchesNamespacePattern(pattern: string, namespace: string): boolean {
  // Escaped literal text and one fixed sub-pattern per placeholder: linear, whatever the platform wrote.
  // A second `{service}` must repeat the first.
  const source = pattern
    .split('{service}')
    .map(part => part.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))
    .map((part, i) => (i === 0 ? part : (i === 1 ? `(${DNS_LABEL_SOURCE})` : '\\1') + part))
    .join('')
  return namespace.length <= 63 && new RegExp(`^(?:${source})$`).test(namespace)
}
