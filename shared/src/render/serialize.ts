import { createHash } from 'node:crypto'
import { Document, Scalar, visit } from 'yaml'

/**
 * Tests of the plain (unquoted) scalars that some reader of idp's output takes for something other than
 * text. Argo CD, Flux and `kubectl apply` read YAML with go-yaml v2 (YAML 1.1 plus Go's own number
 * syntax: `strconv.ParseInt(s, 0, 64)` after dropping `_`), kustomize with go-yaml v3 and the `yaml`
 * package with YAML 1.2. A text value must read back as the same text in all of them, so every string
 * any of them would resolve otherwise is written quoted.
 */
const YAML_1_1_AND_1_2_NON_STRINGS = (() => {
  const tests: RegExp[] = []
  for (const version of ['1.1', '1.2'] as const) {
    for (const tag of new Document(null, { version }).schema.tags) {
      if (tag.test && tag.tag !== 'tag:yaml.org,2002:str') tests.push(tag.test)
    }
  }
  return tests
})()
/** go-yaml v2: integers in Go syntax (any base prefix, any case) once `_` is removed. */
const GO_INTEGER = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[0-9]+)$/
/** go-yaml v2 `yamlStyleFloat`, also tried after removing `_`. */
const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/
/** go-yaml v2 tries Go time layouts (`2006-1-2`, with a time after `T`, `t` or a space). */
const GO_TIMESTAMP = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt ]|$)/
/** YAML 1.1 merge key and value indicator; `=` has no meaning in 1.2 but a 1.1 reader may treat it. */
const YAML_1_1_INDICATORS = new Set(['<<', '='])

/** Whether a plain `text` would read back as something other than this text in YAML 1.1, 1.2 or go-yaml. */
export function readsAsNonString(text: string): boolean {
  if (YAML_1_1_INDICATORS.has(text)) return true
  if (YAML_1_1_AND_1_2_NON_STRINGS.some(test => test.test(text))) return true
  const digits = text.replace(/_/g, '')
  return (
    (/^[-+.]?[0-9]/.test(text) && (GO_INTEGER.test(digits) || GO_FLOAT.test(digits))) ||
    GO_TIMESTAMP.test(text)
  )
}

/**
 * YAML with insertion-ordered keys, no line folding, LF and a final newline: same object, same bytes.
 * The single place idp writes YAML: text that a YAML 1.1 or 1.2 reader would take for a boolean, number,
 * timestamp, null or merge key (`on`, `y`, `1_000`, `0o17`, `2024-01-01`, `1:20`, `~`, `<<`), as a value
 * or as a key, is double-quoted.
 */
export function toYaml(object: unknown): string {
  const doc = new Document(object, { version: '1.2', aliasDuplicateObjects: false })
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && readsAsNonString(node.value))
        node.type = Scalar.QUOTE_DOUBLE
    }
  })
  return doc.toString({ lineWidth: 0, indent: 2, indentSeq: true })
}

export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}

/** `sha256:` over every file's name and bytes, in name order: identical content, identical digest. */
export function contentDigest(files: ReadonlyMap<string, string>): string {
  const hash = createHash('sha256')
  for (const name of [...files.keys()].sort()) {
    const bytes = Buffer.from(files.get(name)!, 'utf8')
    hash.update(`${name}\0${bytes.length}\0`)
    hash.update(bytes)
  }
  return `sha256:${hash.digest('hex')}`
}
