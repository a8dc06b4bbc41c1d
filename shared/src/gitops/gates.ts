import { isDeepStrictEqual } from 'node:util'
import type { RenderRecord } from '../render/record.js'
import type { Problem } from '../runtime/errors.js'
import { UserError } from '../runtime/errors.js'
import type { DeployedRender } from './deployed-renders.js'
import { describeRender } from './render-guard.js'

/**
 * Whether an environment already runs the release being promoted: the same images, and either the same
 * content digest or the same source commit. The digest covers the rendered files, which differ between
 * environments wherever an environment's namespace or overrides appear, so the source commit is what
 * identifies "the same release" once the images agree.
 */
export function holdsSameRelease(deployed: RenderRecord, incoming: RenderRecord): boolean {
  if (!isDeepStrictEqual({ ...deployed.images }, { ...incoming.images })) return false
  if (deployed.digest === incoming.digest) return true
  const a = deployed.source?.commit
  const b = incoming.source?.commit
  return a !== undefined && a === b
}

/**
 * The promotion gate (`requires` in the platform config): every required environment must already hold
 * this release. Throws one user error naming, for each environment that does not, what it holds.
 */
export function checkRequiredEnvironments(
  environment: string,
  incoming: RenderRecord,
  required: readonly DeployedRender[]
): void {
  const problems: Problem[] = []
  for (const { location, record } of required) {
    const where = `${location.remote.display}${location.branch ? `@${location.branch}` : ''}:${location.path}`
    if (!record) {
      problems.push({
        message: `${environment} requires ${location.environment} first, but ${location.environment} (${where}) holds no render of ${incoming.service} yet.`
      })
    } else if (!holdsSameRelease(record, incoming)) {
      problems.push({
        message: `${environment} requires ${location.environment} to run this release first. ${location.environment} (${where}) holds ${describeImages(record)} at ${describeRender(record)}; this promotion is ${describeImages(incoming)} at ${describeRender(incoming)}.`
      })
    }
  }
  if (problems.length > 0) {
    throw new UserError([
      ...problems.slice(0, -1),
      {
        ...problems[problems.length - 1],
        hint: `Promote the same build to ${required.map(r => r.location.environment).join(', ')} first.`
      }
    ])
  }
}

export function describeImages(record: RenderRecord): string {
  const entries = Object.entries(record.images ?? {})
  return entries.length === 0 ? 'no images' : entries.map(([k, v]) => `${k}=${v}`).join(', ')
}
