import type { LoadedDescriptor } from '../descriptor/service.js'
import type { EffectiveService } from '../descriptor/effective.js'
import type { EnvironmentConfig, PlatformConfig } from '../descriptor/types.js'

/** What every manifest builder of one environment needs. */
export interface RenderContext {
  readonly loaded: LoadedDescriptor
  readonly platform: PlatformConfig
  readonly environment: EnvironmentConfig
  readonly service: EffectiveService
  readonly namespace: string
  /** Labels every rendered object carries, sorted by key. */
  readonly labels: Readonly<Record<string, string>>
  readonly annotations: Readonly<Record<string, string>>
}

/** One rendered file: its name in the environment folder and its single object. */
export interface RenderedManifest {
  readonly file: string
  readonly object: Record<string, unknown>
}

export function sortedRecord(record: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/** The owner as a label value: the group name without kind or namespace. */
export function ownerLabelValue(owner: string): string {
  return owner.replace(/^(group|user):/, '').replace(/^.*\//, '')
}

export function commonLabels(
  ctx: Omit<RenderContext, 'labels' | 'annotations'>
): Record<string, string> {
  const { descriptor } = ctx.loaded
  return sortedRecord({
    ...(ctx.platform.spec.defaults?.labels ?? {}),
    ...(ctx.environment.labels ?? {}),
    'app.kubernetes.io/name': descriptor.metadata.name,
    'app.kubernetes.io/part-of': descriptor.metadata.system ?? descriptor.metadata.name,
    'app.kubernetes.io/managed-by': 'idp',
    'backstage.io/kubernetes-id': descriptor.metadata.name,
    'idp.dev/owner': ownerLabelValue(descriptor.metadata.owner),
    'idp.dev/environment': ctx.environment.name
  })
}

export function commonAnnotations(
  ctx: Omit<RenderContext, 'labels' | 'annotations'>
): Record<string, string> {
  return sortedRecord({
    ...(ctx.platform.spec.defaults?.annotations ?? {}),
    ...(ctx.environment.annotations ?? {}),
    'idp.dev/owner': ctx.loaded.descriptor.metadata.owner
  })
}
