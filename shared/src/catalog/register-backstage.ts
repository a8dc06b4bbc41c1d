import { shortReason } from '../boundary/remote-replies.js'
import { isDeepStrictEqual } from 'node:util'
import type { Problem } from '../runtime/errors.js'
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import type { CatalogApi, StoredEntity } from './client.js'
import type { CatalogEntity, DerivedEntity } from './entities.js'
import { entityRef } from './entities.js'
import type { PositionOf } from './validate.js'
import { positionOfField } from './validate.js'

export interface BackstageRegistration {
  /** The URL the catalog reads the generated `catalog-info.yaml` from (a `url` location). */
  readonly location: string
  /** Require the owner to exist as a Group in the catalog. */
  readonly checkOwner: boolean
  /** How long to wait for the new content to become visible. */
  readonly timeoutMs: number
  /**
   * How long processing errors may persist before they count (default 15 s, at most the timeout):
   * an error from an earlier run stays in `status.items` until our refresh is processed.
   */
  readonly settleMs?: number
  readonly pollMs?: number
  readonly sleep?: (ms: number) => Promise<void>
  readonly now?: () => number
  /**
   * Writes the file the location serves; called once every check passed (the catalog's validation,
   * owner and dependsOn targets, no entity held by another location), before the dry run reads it.
   */
  readonly publish?: () => void
}

export interface BackstageResult {
  readonly refs: readonly string[]
  /** False when the catalog already showed exactly this content before we registered. */
  readonly changed: boolean
  readonly locationId: string
}

/**
 * Whether the catalog's copy holds what we generated: same spec (placeholders excepted, the server
 * substitutes them), same description/tags/links, and every annotation we wrote with our value (the
 * catalog adds its own).
 */
export function showsGeneratedContent(
  stored: StoredEntity,
  generated: CatalogEntity,
  substituted?: Readonly<Record<string, unknown>>
): boolean {
  const spec = canonicalSpec(stored.spec ?? {})
  const wanted = canonicalSpec(generated.spec)
  if (typeof wanted.definition === 'object') {
    // The dry run shows what the server made of the placeholder; without it, skip the field.
    if (substituted && typeof substituted.definition === 'string')
      wanted.definition = substituted.definition
    else {
      delete spec.definition
      delete wanted.definition
    }
  }
  if (!isDeepStrictEqual(spec, wanted)) return false
  const meta = generated.metadata
  if ((stored.metadata.description ?? undefined) !== meta.description) return false
  if (!isDeepStrictEqual(stored.metadata.tags ?? [], meta.tags ?? [])) return false
  if (!isDeepStrictEqual(stored.metadata.links ?? [], meta.links ?? [])) return false
  const annotations = stored.metadata.annotations ?? {}
  return Object.entries(meta.annotations ?? {}).every(([key, value]) => annotations[key] === value)
}

// The catalog stores reference lists in its own order (dependsOn came back sorted), so lists of
// strings compare as sets.
function canonicalSpec(spec: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(spec).map(([key, value]) => [
      key,
      Array.isArray(value) && value.every(v => typeof v === 'string') ? [...value].sort() : value
    ])
  )
}

/** Problems from the live catalog: the owner Group and foreign dependsOn targets must exist. */
async function referenceProblems(
  api: CatalogApi,
  derived: readonly DerivedEntity[],
  positionOf: PositionOf,
  checkOwner: boolean
): Promise<Problem[]> {
  const component = derived.find(d => d.entity.kind === 'Component')
  if (!component) return []
  const own = new Set(derived.map(d => entityRef(d.entity)))
  const wanted: { ref: string; field: string; what: string }[] = []
  const owner = String(component.entity.spec.owner ?? '')
  if (checkOwner && owner) wanted.push({ ref: owner, field: 'spec.owner', what: 'owner' })
  const deps = (component.entity.spec.dependsOn as string[] | undefined) ?? []
  deps.forEach((ref, i) => {
    if (!own.has(ref)) wanted.push({ ref, field: `spec.dependsOn.${i}`, what: 'dependsOn target' })
  })
  const found = await api.getEntitiesByRefs(wanted.map(w => w.ref))
  const problems: Problem[] = []
  wanted.forEach((w, i) => {
    if (found[i]) return
    problems.push({
      message: `The ${w.what} ${w.ref} does not exist in the Backstage catalog.`,
      position: positionOfField(component, w.field, positionOf),
      hint:
        w.what === 'owner'
          ? 'Use the name of a Group the catalog knows (its org data), or fix the spelling.'
          : 'Register that entity first, or fix the reference.'
    })
  })
  return problems
}

/**
 * Registers the generated entities through the catalog API, the way the catalog needs it:
 * the catalog's own validation of every entity, a dry run of the location (`POST /locations` alone
 * answers 201 even when processing will fail), register-or-refresh, then polling until every entity
 * shows the new content, failing on processing errors in `status.items`.
 */
export async function registerWithBackstage(
  api: CatalogApi,
  derived: readonly DerivedEntity[],
  positionOf: PositionOf,
  options: BackstageRegistration,
  logger: Logger
): Promise<BackstageResult> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>(r => setTimeout(r, ms)))
  const now = options.now ?? Date.now
  const refs = derived.map(d => entityRef(d.entity))
  const locationRef = `url:${options.location}`

  const invalid: Problem[] = []
  for (const d of derived) {
    const error = await api.validateEntity(d.entity, locationRef)
    if (error)
      invalid.push({
        message: `The Backstage catalog rejects ${entityRef(d.entity)}: ${error}`,
        position: positionOfField(
          d,
          /placeholder|definition/i.test(error) ? 'spec.definition' : undefined,
          positionOf
        ),
        hint: "Fix what the catalog's reason names in the descriptor, then run again."
      })
  }
  invalid.push(...(await referenceProblems(api, derived, positionOf, options.checkOwner)))
  if (invalid.length > 0) throw new UserError(invalid)

  const before = await api.getEntitiesByRefs(refs)
  // The catalog keeps an entity with the location that registered it first and only logs the
  // conflict; waiting would end in a timeout, so say it now.
  const taken: Problem[] = []
  before.forEach((entity, i) => {
    const origin = entity?.metadata.annotations?.['backstage.io/managed-by-origin-location']
    if (origin && origin !== locationRef)
      taken.push({
        message: `${refs[i]} is already in the catalog from another location (${origin}); the catalog would ignore ${options.location}.`,
        position: positionOf(derived[i]!.origin),
        hint: 'Unregister the other location first, or register at that location.'
      })
  })
  if (taken.length > 0) throw new UserError(taken)
  options.publish?.()

  const dryRun = await api.dryRunLocation({ type: 'url', target: options.location })
  const offered = new Map(dryRun.entities.map(e => [storedRef(e), e]))
  const stale = derived.filter(d => {
    const entity = offered.get(entityRef(d.entity))
    return !entity || !showsGeneratedContent(entity, d.entity)
  })
  if (stale.length > 0) {
    for (const d of stale)
      logger.debug(
        `Generated ${entityRef(d.entity)}: ${JSON.stringify(d.entity)}\nThe location offers: ${JSON.stringify(offered.get(entityRef(d.entity)) ?? null)}`
      )
    throw new UserError({
      message: `The catalog would read different entities from ${options.location} than were generated (${stale
        .map(d => entityRef(d.entity))
        .join(', ')} missing or different).`,
      hint: 'Publish the generated catalog-info.yaml (the output file) at the location URL before registering.'
    })
  }
  const substituted = derived.map(d => offered.get(entityRef(d.entity))?.spec)
  const changed = derived.some(
    (d, i) => !before[i] || !showsGeneratedContent(before[i]!, d.entity, substituted[i])
  )
  logger.info(
    `Dry run of ${options.location}: ${dryRun.entities.length} entities, location ${dryRun.exists ? 'already registered' : 'new'}.`
  )

  const location = await api.addLocation({ type: 'url', target: options.location })
  // An existing location is only re-read on its schedule; ask for the entities now.
  if (dryRun.exists) for (const ref of refs) await api.refresh(ref)

  const start = now()
  // The client's budget (the same `timeout`) was partly spent on the steps above.
  const deadline = start + Math.min(options.timeoutMs, api.remainingMs())
  const settle = start + Math.min(options.timeoutMs, options.settleMs ?? 15_000)
  for (;;) {
    const current = await api.getEntitiesByRefs(refs)
    const errors = current.flatMap((entity, i) =>
      (entity?.status?.items ?? [])
        .filter(item => item.level === 'error')
        .map(item => ({ ref: refs[i]!, item, derived: derived[i]! }))
    )
    const pending = derived.filter(
      (d, i) => !current[i] || !showsGeneratedContent(current[i]!, d.entity, substituted[i])
    )
    // A poll that would start past the deadline is not made; errors then win over a bare timeout.
    const timingOut = now() + (options.pollMs ?? 500) >= deadline
    if (errors.length > 0 && (now() >= settle || timingOut)) {
      throw new UserError(
        errors.map(e => ({
          message: `The Backstage catalog failed to process ${e.ref}: ${shortReason(e.item.error?.message ?? e.item.message) ?? 'no details'}`,
          position: positionOf(e.derived.origin),
          hint: "Fix what the catalog's reason names; if it names nothing, check the Backstage backend's log for the processing error."
        }))
      )
    }
    if (pending.length === 0 && errors.length === 0) {
      logger.info(`The catalog shows the new content of ${refs.join(', ')}.`)
      return { refs, changed, locationId: location.id }
    }
    if (timingOut) {
      throw new UserError({
        message: `Timed out after ${Math.round(options.timeoutMs / 1000)} s waiting for the catalog to show the new content of ${pending
          .map(d => entityRef(d.entity))
          .join(', ')}.`,
        hint: 'The location was registered; check the backend log for processing errors, or raise timeout.'
      })
    }
    await sleep(options.pollMs ?? 500)
  }
}

function storedRef(entity: StoredEntity): string {
  return `${entity.kind.toLowerCase()}:${entity.metadata.namespace ?? 'default'}/${entity.metadata.name}`
}
