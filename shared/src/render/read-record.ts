import { LineCounter, parseDocument } from 'yaml'
import { offsetOf, type PathSegment } from '../descriptor/yaml-file.js'
import type { Problem } from '../runtime/errors.js'
import { UserError } from '../runtime/errors.js'
import type { RenderRecord } from './record.js'
import { LINE_CONTROL } from '../runtime/control-characters.js'

/**
 * The one reader of `.idp/render.json` for validate, promote and catalog. The record sits in a
 * folder the service controls, so it is input like any other: every field it has must have the type
 * render writes (a source map of JSON pointers and descriptor positions with sane line numbers), and
 * each reader names the fields it needs. A damaged record is a user error at its field's line, never
 * a TypeError later on.
 */

export type RecordField = keyof RenderRecord

const HINT = 'Render the environment again with idp render; do not edit .idp/render.json by hand.'
/** A descriptor is at most 1 MiB: no position in it lies beyond this. */
const MAX_POSITION = 10_000_000
/** Records larger than this are named without a line (a real one is a few hundred KiB). */
const MAX_LOCATED_BYTES = 1024 * 1024
const POINTER = /^(\/([^~/]|~[01])*)*$/

type Check = (value: unknown) => string | undefined

const text: Check = v => (typeof v === 'string' ? undefined : `must be text, not ${kindOf(v)}`)
/** Text that ends up in messages, annotations and paths: one line, no control characters. */
const name: Check = v =>
  text(v) ??
  ((v as string).length === 0
    ? 'must not be empty'
    : LINE_CONTROL.test(v as string)
      ? 'must not hold control characters (such as a line break)'
      : undefined)
const digest: Check = v =>
  text(v) ??
  (/^sha256:[0-9a-f]{64}$/.test(v as string) ? undefined : 'must be sha256:<64 hex digits>')
const position: Check = v =>
  Number.isSafeInteger(v) && (v as number) >= 1 && (v as number) <= MAX_POSITION
    ? undefined
    : `must be a whole number from 1 to ${MAX_POSITION}, not ${shown(v)}`

/** Parses and checks a render record; `display` names the file in messages. */
export function parseRenderRecord(
  content: string,
  display: string,
  required: readonly RecordField[]
): RenderRecord {
  let value: unknown
  try {
    value = JSON.parse(content)
  } catch (error) {
    const at = /position (\d+)/.exec((error as Error).message)
    const line = at ? content.slice(0, Number(at[1])).split('\n').length : 1
    throw new UserError({
      message: `The render record is not valid JSON: ${(error as Error).message}.`,
      position: { file: display, line, column: 1 },
      hint: HINT
    })
  }
  const problems: { path: PathSegment[]; message: string }[] = []
  const check = (path: PathSegment[], v: unknown, rule: Check) => {
    const wrong = rule(v)
    if (wrong) problems.push({ path, message: `\`${path.join('.')}\` ${wrong}.` })
    return wrong === undefined
  }
  if (!isRecord(value)) {
    throw new UserError({
      message: `The render record must be a JSON object, not ${kindOf(value)}.`,
      position: { file: display, line: 1, column: 1 },
      hint: HINT
    })
  }
  const missing = required.filter(field => !(field in value))
  if (missing.length > 0) {
    problems.push({
      path: [],
      message: `The render record lacks ${missing.map(f => `\`${f}\``).join(', ')}.`
    })
  }
  for (const field of ['service', 'environment', 'namespace', 'owner'] as const)
    if (field in value) check([field], value[field], name)
  if ('digest' in value) check(['digest'], value.digest, digest)
  if ('source' in value && check(['source'], value.source, objectOf)) {
    const source = value.source as Record<string, unknown>
    for (const [key, v] of Object.entries(source)) {
      if (key === 'runNumber') {
        check(['source', key], v, n =>
          Number.isSafeInteger(n) && (n as number) >= 0 ? undefined : 'must be a whole number'
        )
      } else if (['repository', 'commit', 'commitTime', 'runUrl', 'descriptor'].includes(key)) {
        check(['source', key], v, name)
      }
    }
  }
  if ('images' in value && check(['images'], value.images, objectOf)) {
    for (const [component, image] of Object.entries(value.images as object))
      check(['images', component], image, name)
  }
  if ('renderer' in value && check(['renderer'], value.renderer, objectOf)) {
    const renderer = value.renderer as Record<string, unknown>
    check(['renderer', 'name'], renderer.name, text)
    check(['renderer', 'version'], renderer.version, text)
  }
  if ('files' in value && check(['files'], value.files, listOf)) {
    ;(value.files as unknown[]).forEach((file, i) => check(['files', i], file, name))
  }
  if ('sourceMap' in value && check(['sourceMap'], value.sourceMap, listOf)) {
    const entries = value.sourceMap as unknown[]
    for (let i = 0; i < entries.length && problems.length < 10; i++) {
      const entry = entries[i]
      const at: PathSegment[] = ['sourceMap', i]
      if (!check(at, entry, objectOf)) continue
      const { file, pointer, source } = entry as Record<string, unknown>
      check([...at, 'file'], file, name)
      check(
        [...at, 'pointer'],
        pointer,
        v =>
          text(v) ??
          (POINTER.test(v as string)
            ? undefined
            : `must be a JSON pointer ('' or /a/b), not ${shown(v)}`)
      )
      if (check([...at, 'source'], source, objectOf)) {
        const where = source as Record<string, unknown>
        const descriptor = (value.source as Record<string, unknown> | undefined)?.descriptor
        check(
          [...at, 'source', 'file'],
          where.file,
          v =>
            name(v) ??
            (typeof descriptor === 'string' && v !== descriptor
              ? `must be the record's descriptor '${descriptor}', not ${shown(v)}`
              : undefined)
        )
        check([...at, 'source', 'line'], where.line, position)
        check([...at, 'source', 'column'], where.column, position)
      }
    }
  }
  if (problems.length > 0) {
    const locate = locator(content, display)
    throw new UserError(
      problems.slice(0, 10).map((p): Problem => ({
        message: p.path.length > 0 ? `The render record's ${p.message}` : p.message,
        position: locate(p.path),
        hint: HINT
      }))
    )
  }
  return value as unknown as RenderRecord
}

/** Line and column of a field in the JSON text (JSON is YAML); line 1 when it cannot be told. */
function locator(content: string, file: string) {
  let find: ((path: PathSegment[]) => { line: number; column: number }) | undefined
  // Parsing positions costs far more than JSON.parse: past this size the file alone is named.
  if (content.length > MAX_LOCATED_BYTES)
    return (_path: PathSegment[]) => ({ file, line: 1, column: 1 })
  try {
    const lineCounter = new LineCounter()
    const doc = parseDocument(content, { lineCounter, uniqueKeys: false })
    if (doc.errors.length === 0) {
      find = path => {
        const { line, col } = lineCounter.linePos(offsetOf(doc, path))
        return { line, column: col }
      }
    }
  } catch {
    find = undefined
  }
  return (path: PathSegment[]) => ({ file, ...(find?.(path) ?? { line: 1, column: 1 }) })
}

function objectOf(v: unknown): string | undefined {
  return isRecord(v) ? undefined : `must be an object, not ${kindOf(v)}`
}

function listOf(v: unknown): string | undefined {
  return Array.isArray(v) ? undefined : `must be a list, not ${kindOf(v)}`
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

function kindOf(v: unknown): string {
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'a list'
  if (typeof v === 'object') return 'an object'
  if (typeof v === 'string') return 'text'
  return `the ${typeof v} ${String(v)}`
}

function shown(v: unknown): string {
  return typeof v === 'string' ? `'${v.slice(0, 40)}'` : kindOf(v)
}
