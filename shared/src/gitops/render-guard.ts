import type { RenderRecord } from '../render/record.js'
import { UserError } from '../runtime/errors.js'

/**
 * Parses a `.idp/render.json`. `display` names the file in messages. A record that is not JSON or lacks
 * the fields promote relies on is a user error pointing at the file.
 */
export function parseRenderRecord(text: string, display: string): RenderRecord {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    const line = lineOfJsonError(text, error)
    throw new UserError({
      message: `${display} is not valid JSON: ${(error as Error).message}.`,
      position: { file: display, line, column: 1 },
      hint: 'Render the environment again with idp render; do not edit .idp/render.json by hand.'
    })
  }
  const record = value as Partial<RenderRecord> | null
  const missing = ['service', 'environment', 'digest', 'images', 'source'].filter(
    key => !record || typeof record !== 'object' || !(key in record)
  )
  if (missing.length > 0) {
    throw new UserError({
      message: `${display} is missing ${missing.join(', ')}; it is not a render record.`,
      position: { file: display, line: 1, column: 1 },
      hint: 'Point manifests at a folder rendered by idp render (it holds .idp/render.json).'
    })
  }
  return record as RenderRecord
}

function lineOfJsonError(text: string, error: unknown): number {
  const match = /position (\d+)/.exec(String((error as Error)?.message))
  if (!match) return 1
  return text.slice(0, Number(match[1])).split('\n').length
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
