import { createHash } from 'node:crypto'
import { stringify } from 'yaml'

/** YAML with insertion-ordered keys, no line folding, LF and a final newline: same object, same bytes. */
export function toYaml(object: unknown): string {
  return stringify(object, {
    lineWidth: 0,
    indent: 2,
    indentSeq: true,
    aliasDuplicateObjects: false
  })
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
