/**
 * What one manifest file's text holds: which documents are Kubernetes objects (top-level, in Lists, in
 * JSON arrays and in KubeVela `k8s-objects` components), each with a way back to its line, and which
 * are refused as findings (invalid YAML, foreign tags, not an object, nesting too deep).
 */
import { LineCounter } from 'yaml'
import type { Node } from 'yaml'
import { parseYamlStream } from '../boundary/yaml-limits.js'
import { yamlValueProblems } from '../descriptor/yaml-values.js'
import type { Manifest } from './engine.js'
import type { Finding } from './finding.js'
import { offsetIndex, pointerOffset, positionsIn, type OffsetIndex } from './manifest-positions.js'

/** Aliases expand on read; a small cap stops "billion laughs" documents. */
const MAX_ALIAS_COUNT = 1000
/** Lists in Lists and components in components: far beyond any real file, short of a stack overflow. */
const MAX_EMBEDDING_DEPTH = 32

type Holder = NonNullable<Manifest['embedded']>['holder']

/** The objects of a KubeVela Application's `k8s-objects` components, with their pointers. */
function embeddedObjects(object: Record<string, unknown>): { at: string; object: unknown }[] {
  if (object.kind !== 'Application' || !String(object.apiVersion).startsWith('core.oam.dev/'))
    return []
  const spec = isObject(object.spec) ? object.spec : {}
  const components = Array.isArray(spec.components) ? spec.components : []
  return components.flatMap((component, i) => {
    if (!isObject(component) || component.type !== 'k8s-objects') return []
    const properties = isObject(component.properties) ? component.properties : {}
    const objects = Array.isArray(properties.objects) ? properties.objects : []
    return objects.map((embedded, j) => ({
      at: `/spec/components/${i}/properties/objects/${j}`,
      object: embedded
    }))
  })
}
/** Parses one file's documents; `render` is the environment record when the file has one. */
export function parseManifestText(
  text: string,
  file: string,
  render?: Manifest['render']
): { manifests: Manifest[]; findings: Finding[] } {
  const lineCounter = new LineCounter()
  // Bounded: nesting, document count and duplicate keys checked without recursion or quadratic time.
  const docs = parseYamlStream(text, { lineCounter, uniqueKeys: true })
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  const manifests: Manifest[] = []
  const findings: Finding[] = []
  const problem = (
    where: number | { line: number; column: number },
    message: string,
    rule = 'yaml'
  ) => {
    const position = { file, ...(typeof where === 'number' ? at(where) : where) }
    findings.push({
      source: 'manifests',
      policy: 'manifest-syntax',
      rule,
      result: 'error',
      severity: 'error',
      category: 'Syntax',
      message,
      manifest: { file, line: position.line, column: position.column },
      position
    })
  }
  docs.forEach((doc, documentIndex) => {
    if (doc.errors.length > 0) {
      // The first error of a document is the cause; the rest are usually its echoes.
      const [error] = doc.errors
      problem(error.pos[0], `Not valid YAML: ${error.message.split('\n')[0]}`)
      return
    }
    if (doc.contents === null) return
    // A tag outside the core schema (`!include`, `!!binary`, a local `!x`) means something only to
    // the tool that wrote it; what idp checks would not be what the API server reads.
    const tagged = yamlValueProblems(
      doc,
      text,
      offset => ({ file, ...at(offset) }),
      'The manifest',
      {
        kubernetes: true
      }
    )
    if (tagged.length > 0) {
      for (const refused of tagged) problem(refused.position!, `${refused.message} ${refused.hint}`)
      return
    }
    let value: unknown
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT })
    } catch (error) {
      problem(doc.range[0], `Cannot read the document: ${(error as Error).message}`)
      return
    }
    // A document of comments only holds nothing to apply.
    if (value === null || value === undefined) return
    const start = (doc.contents as Node).range?.[0] ?? doc.range[0]
    // Positions come from a compact index of the document's offsets, not the document itself: a run
    // keeps every manifest, and the document is several times the size of its object.
    let offsets: OffsetIndex | undefined
    const make = (object: Record<string, unknown>, prefix: string, holder?: Holder) => {
      offsets ??= offsetIndex(doc)
      const index = offsets
      manifests.push({
        file,
        documentIndex,
        object,
        positionOf: positionsIn(index, prefix, lineCounter),
        ...(render ? { render } : {}),
        ...(holder ? { embedded: { at: prefix, holder } } : {})
      })
    }
    // A JSON array, a List (any object with an `items` array, as kubectl and Argo CD read it) and a
    // KubeVela `k8s-objects` component hold objects that reach the cluster: each is inspected like a
    // top-level one, at its own position.
    const accept = (item: unknown, prefix: string, holder?: Holder, depth = 0): void => {
      if (depth === 0 && Array.isArray(item)) {
        item.forEach((element, i) => accept(element, `${prefix}/${i}`, 'list', depth + 1))
        return
      }
      if (!isObject(item) || typeof item.kind !== 'string' || typeof item.apiVersion !== 'string') {
        problem(
          prefix ? pointerOffset(doc, prefix) : start,
          'This document is not a Kubernetes object: it needs `apiVersion` and `kind`.',
          'kubernetes-object'
        )
        return
      }
      if (depth > MAX_EMBEDDING_DEPTH) {
        problem(
          pointerOffset(doc, prefix),
          `Objects nest deeper than ${MAX_EMBEDDING_DEPTH} Lists or components.`,
          'kubernetes-object'
        )
        return
      }
      // Kustomize's own files configure the build and are never applied, but what they say changes
      // what is: they are kept, for the guardrail that reads them (`isBuildFile`), and nothing else.
      if (item.apiVersion.startsWith('kustomize.config.k8s.io/')) {
        make(item, prefix, holder)
        return
      }
      if (Array.isArray(item.items)) {
        item.items.forEach((element, i) =>
          accept(element, `${prefix}/items/${i}`, 'list', depth + 1)
        )
        // Only a `…List` is surely never applied itself; anything else is inspected as well.
        if (item.kind.endsWith('List')) return
      }
      make(item, prefix, holder)
      embeddedObjects(item).forEach(({ at: pointer, object }) =>
        accept(object, prefix + pointer, 'k8s-objects', depth + 1)
      )
    }
    accept(value, '')
  })
  return { manifests, findings }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
