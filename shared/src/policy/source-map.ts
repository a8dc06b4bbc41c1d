import type { RenderRecord } from '../render/record.js'
import type { Position } from '../runtime/errors.js'
import type { Manifest } from './engine.js'
import type { Finding, FindingResult, PolicySeverity, ResourceRef, Severity } from './finding.js'
import { plainFinding } from './finding.js'
import { splitPointer } from './manifest-positions.js'

/** rendered file → pointer → descriptor position, built once per record. */
const indexes = new WeakMap<RenderRecord, Map<string, Map<string, Position>>>()

function indexOf(record: RenderRecord): Map<string, Map<string, Position>> {
  let index = indexes.get(record)
  if (!index) {
    index = new Map()
    for (const entry of record.sourceMap) {
      let byPointer = index.get(entry.file)
      if (!byPointer) index.set(entry.file, (byPointer = new Map()))
      byPointer.set(normalise(entry.pointer), entry.source)
    }
    indexes.set(record, index)
  }
  return index
}

/**
 * The descriptor position that produced the field at `pointer` of a rendered file: the entry for the
 * pointer itself, else for its nearest parent that has one (a finding on `/spec/x/y` maps to the line
 * that wrote `/spec/x` when only that was recorded).
 */
export function sourcePosition(
  record: RenderRecord,
  fileInRender: string,
  pointer: string
): Position | undefined {
  const byPointer = indexOf(record).get(fileInRender)
  if (!byPointer) return undefined
  const segments = splitPointer(pointer)
  for (let n = segments.length; n >= 0; n--) {
    const key = n === 0 ? '' : '/' + segments.slice(0, n).join('/')
    const hit = byPointer.get(key)
    if (hit) return hit
  }
  return undefined
}

/** Segments compared unescaped, so `~1` and `/` inside keys agree. */
function normalise(pointer: string): string {
  const segments = splitPointer(pointer)
  return segments.length === 0 ? '' : '/' + segments.join('/')
}

export function resourceOf(manifest: Manifest): ResourceRef {
  const metadata = (manifest.object.metadata ?? {}) as Record<string, unknown>
  return {
    apiVersion: String(manifest.object.apiVersion),
    kind: String(manifest.object.kind),
    name: typeof metadata.name === 'string' ? metadata.name : '',
    ...(typeof metadata.namespace === 'string' ? { namespace: metadata.namespace } : {})
  }
}

/** What an engine says of a finding; where it stands comes from the manifest (`findingOn`). */
export interface FindingFields extends Pick<
  Finding,
  | 'source'
  | 'policy'
  | 'rule'
  | 'result'
  | 'severity'
  | 'message'
  | 'category'
  | 'title'
  | 'help'
  | 'policySeverity'
> {
  /** Where in the manifest; the document itself when absent. */
  readonly pointer?: string
}

/** Where a finding on one field of a manifest lands: the rendered file's line and the idp.yaml line. */
interface Located {
  readonly manifest: NonNullable<Finding['manifest']>
  readonly position: Position
  /** The manifest's shared part (resource, environment). */
  readonly place: Place
}

/**
 * What every finding on one manifest shares, built once: a validation run yields a finding per rule and
 * resource (passes too), hundreds of thousands of them, and they share these objects instead of each
 * carrying copies (findings are read-only data).
 */
interface Place {
  readonly resource: ResourceRef
  readonly environment: string | undefined
  readonly byPointer: Map<string, Located>
}

const places = new WeakMap<Manifest, Place>()

function placeOf(manifest: Manifest): Place {
  let place = places.get(manifest)
  if (!place) {
    place = {
      resource: resourceOf(manifest),
      environment: manifest.render?.record.environment,
      byPointer: new Map()
    }
    places.set(manifest, place)
  }
  return place
}

function locate(manifest: Manifest, place: Place, pointer: string): Located {
  let located = place.byPointer.get(pointer)
  if (!located) {
    const at = manifest.positionOf(pointer)
    const mapped = manifest.render
      ? sourcePosition(
          manifest.render.record,
          manifest.render.fileInRender,
          (manifest.embedded?.at ?? '') + pointer
        )
      : undefined
    located = {
      manifest: { file: manifest.file, line: at.line, column: at.column, pointer },
      position: mapped ?? { file: manifest.file, line: at.line, column: at.column },
      place
    }
    place.byPointer.set(pointer, located)
  }
  return located
}

/**
 * A finding about one manifest, placed twice: on the rendered file's line, and on the developer's
 * `idp.yaml` line when the render record maps the field (else on the rendered line). One object of one
 * shape (absent fields are `undefined`), its locations shared with the manifest's other findings.
 */
export function findingOn(manifest: Manifest, fields: FindingFields): Finding {
  const place = placeOf(manifest)
  const located = locate(manifest, place, fields.pointer ?? '')
  return {
    source: fields.source,
    policy: fields.policy,
    rule: fields.rule,
    result: fields.result,
    severity: fields.severity,
    message: fields.message,
    category: fields.category,
    title: fields.title,
    help: fields.help,
    policySeverity: fields.policySeverity,
    resource: place.resource,
    manifest: located.manifest,
    position: located.position,
    environment: place.environment
  }
}

/** What every finding of one policy says about it (engine, name, title, ...), built once per policy. */
export type PolicyFacts = Pick<
  FindingFields,
  'source' | 'policy' | 'category' | 'title' | 'help' | 'policySeverity'
>

/** What a finding of one policy says of one rule on one resource, besides where (and a failure's message). */
interface Outcome {
  readonly facts: PolicyFacts
  readonly rule: string
  readonly result: FindingResult
  readonly severity: Severity
  /** The message of every finding with this outcome; '' for failures, which carry their own. */
  readonly message: string
}

/**
 * A finding of the Kyverno and CEL engines: a run yields one per rule and resource, a million with
 * the library's policies on 10,000 manifests, so it holds two references — the outcome (shared by
 * every pass and skip of a rule: same rule, result and message) and where it lands (shared by the
 * findings on one field of the manifest, and holding what all its findings share: the resource) —
 * and reads the Finding fields through them. Readers see a `Finding`; `plainFinding` makes a plain object of it, which is
 * what spreading or serialising one needs (`toJSON` gives the same object).
 */
class PlacedFinding implements Finding {
  readonly #outcome: Outcome
  readonly #located: Located

  constructor(outcome: Outcome, located: Located) {
    this.#outcome = outcome
    this.#located = located
  }

  get source(): string {
    return this.#outcome.facts.source
  }
  get policy(): string {
    return this.#outcome.facts.policy
  }
  get rule(): string {
    return this.#outcome.rule
  }
  get result(): FindingResult {
    return this.#outcome.result
  }
  get severity(): Severity {
    return this.#outcome.severity
  }
  get message(): string {
    return this.#outcome.message
  }
  get category(): string | undefined {
    return this.#outcome.facts.category
  }
  get title(): string | undefined {
    return this.#outcome.facts.title
  }
  get help(): string | undefined {
    return this.#outcome.facts.help
  }
  get policySeverity(): PolicySeverity | undefined {
    return this.#outcome.facts.policySeverity
  }
  get resource(): ResourceRef {
    return this.#located.place.resource
  }
  get manifest(): NonNullable<Finding['manifest']> {
    return this.#located.manifest
  }
  get position(): Position {
    return this.#located.position
  }
  get environment(): string | undefined {
    return this.#located.place.environment
  }

  toJSON(): Finding {
    return plainFinding(this)
  }
}

/** A failure (or warn, error) says something of its own resource: it carries its message itself. */
class PlacedFailure extends PlacedFinding {
  readonly #message: string

  constructor(outcome: Outcome, located: Located, message: string) {
    super(outcome, located)
    this.#message = message
  }

  override get message(): string {
    return this.#message
  }
}

// The outcomes by policy, rule and message. Passes and skips say one of a few messages. Failures say
// more, but mostly the same few again (a rule's message names a path more often than a resource: 24,000
// distinct messages among 300,000 failures in the bench), so the first messages of each rule are
// shared too, up to a bound; a failure beyond it carries its own message (the outcome's is '').
const sharedOutcomes = new WeakMap<PolicyFacts, Map<string, Map<string, Outcome[]>>>()
const MESSAGES_PER_RULE = 1000

function outcomeOf(
  facts: PolicyFacts,
  rule: string,
  result: FindingResult,
  severity: Severity,
  message: string,
  /** Failures: no new entry once the rule has this many messages (undefined is returned). */
  capped: boolean
): Outcome | undefined {
  let byRule = sharedOutcomes.get(facts)
  if (!byRule) sharedOutcomes.set(facts, (byRule = new Map()))
  let byMessage = byRule.get(rule)
  if (!byMessage) byRule.set(rule, (byMessage = new Map()))
  let outcomes = byMessage.get(message)
  if (!outcomes) {
    if (byMessage.size >= MESSAGES_PER_RULE) {
      if (capped) return undefined
      // A skip message may name the resource: start again rather than grow.
      byMessage.clear()
    }
    byMessage.set(message, (outcomes = []))
  }
  let outcome = outcomes.find(o => o.result === result && o.severity === severity)
  if (!outcome) outcomes.push((outcome = { facts, rule, result, severity, message }))
  return outcome
}

/**
 * `findingOn` for engines that yield a finding per rule and resource (Kyverno, CEL): the policy's facts
 * are passed as built once, and the finding shares them (see PlacedFinding).
 */
export function policyFindingOn(
  manifest: Manifest,
  facts: PolicyFacts,
  rule: string,
  result: FindingResult,
  severity: Severity,
  message: string,
  pointer: string | undefined
): Finding {
  const place = placeOf(manifest)
  const located = locate(manifest, place, pointer ?? '')
  const failure = result !== 'pass' && result !== 'skip'
  const outcome = outcomeOf(facts, rule, result, severity, message, failure)
  if (outcome) return new PlacedFinding(outcome, located)
  const own = outcomeOf(facts, rule, result, severity, '', false)!
  return new PlacedFailure(own, located, message)
}

/**
 * Fills `position`/`environment` for findings an engine returned without them (e.g. an engine that
 * only knows the rendered file and pointer), using the manifest the finding names.
 */
export function placeFindings(
  findings: readonly Finding[],
  manifests: readonly Manifest[]
): Finding[] {
  const byKey = new Map<string, Manifest>()
  for (const m of manifests) {
    const r = resourceOf(m)
    byKey.set(`${m.file}|${r.kind}|${r.namespace ?? ''}|${r.name}`, m)
    if (!byKey.has(`${m.file}|${r.kind}||${r.name}`)) byKey.set(`${m.file}|${r.kind}||${r.name}`, m)
  }
  return findings.map(f => {
    // Only plain findings lack a position (PlacedFinding always has one): spreading them is safe.
    if (f.position || !f.manifest) return f
    const r = f.resource
    const m =
      (r && byKey.get(`${f.manifest.file}|${r.kind}|${r.namespace ?? ''}|${r.name}`)) ??
      (r && byKey.get(`${f.manifest.file}|${r.kind}||${r.name}`))
    if (!m) {
      const line = f.manifest.line ?? 1
      return { ...f, position: { file: f.manifest.file, line, column: f.manifest.column ?? 1 } }
    }
    const located = findingOn(m, { ...f, pointer: f.manifest.pointer })
    return {
      ...f,
      manifest: { ...located.manifest!, ...definedOnly(f.manifest) },
      position: located.position,
      environment: f.environment ?? located.environment
    }
  })
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>
}
