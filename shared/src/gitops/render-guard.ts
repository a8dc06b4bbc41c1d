import type { RenderRecord } from '../render/record.js'
import { parseRenderRecord as readRenderRecord } from '../render/read-record.js'
import { UserError } from '../runtime/errors.js'

/**
 * Parses a `.idp/render.json` with the fields promote relies on. `display` names the file in
 * messages. A record that is not JSON, lacks those fields or holds a field of the wrong type is a
 * user error pointing at the file.
 */
export function parseRenderRecord(text: string, display: string): RenderRecord {
  return readRenderRecord(text, display, ['service', 'environment', 'digest', 'images', 'source'])
}

/** How an incoming render relates in time to the one a target holds. */
export type RenderAge = 'newer' | 'same' | 'older' | 'unknown'

/**
 * Orders two renders of one service and environment by their source commit time, then by run number
 * (a re-run of the same commit is newer when its number is higher). `unknown` when neither tells.
 */
export function compareRenders(deployed: RenderRecord, incoming: RenderRecord): RenderAge {
  const a = timeOf(deployed)
  const b = timeOf(incoming)
  if (a !== undefined && b !== undefined && a !== b) return b > a ? 'newer' : 'older'
  const ra = deployed.source?.runNumber
  const rb = incoming.source?.runNumber
  if (ra !== undefined && rb !== undefined && ra !== rb) return rb > ra ? 'newer' : 'older'
  if (a === undefined && b === undefined && ra === undefined && rb === undefined) return 'unknown'
  return 'same'
}

function timeOf(record: RenderRecord): number | undefined {
  const t = record.source?.commitTime ? Date.parse(record.source.commitTime) : NaN
  return Number.isNaN(t) ? undefined : t
}

/** One line describing a render: commit, time, run and digest. */
export function describeRender(record: RenderRecord): string {
  const commit = record.source?.commit ? record.source.commit.slice(0, 12) : 'unknown commit'
  const time = record.source?.commitTime ?? 'unknown time'
  const run = record.source?.runNumber !== undefined ? `run #${record.source.runNumber}` : 'no run'
  return `${commit} (${time}, ${run}, ${record.digest})`
}

/**
 * Refuses to let an older render replace a newer one of the same service and environment, unless
 * rollback is allowed. The message says what is deployed and what was refused.
 */
export function assertNotOlder(
  deployed: RenderRecord | undefined,
  incoming: RenderRecord,
  where: string,
  allowRollback: boolean
): RenderAge | undefined {
  if (!deployed) return undefined
  if (deployed.service !== incoming.service || deployed.environment !== incoming.environment)
    return undefined
  const age = compareRenders(deployed, incoming)
  if (age === 'older' && !allowRollback) {
    throw new UserError({
      message: `Refused: ${where} holds a newer render of ${incoming.service} in ${incoming.environment}. Deployed: ${describeRender(deployed)}. Refused: ${describeRender(incoming)}.`,
      hint: "To roll back on purpose, run promote again with 'allow-rollback: true'."
    })
  }
  return age
}
