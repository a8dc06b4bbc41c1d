// Reading `kyverno test` inputs: the `cli.kyverno.io/v1alpha1` `Test` (and the older untyped form), the
// resources it names, its values file (`Values`) and user info (`UserInfo`). Resources are normalised
// the way the CLI does: namespaced kinds without a namespace get `default`, null labels/annotations
// become `{}`, duplicates are dropped.
import { dirname, resolve } from 'node:path'
import { isSeq, LineCounter, parseDocument } from 'yaml'
import { parseYamlStream } from '../../boundary/yaml-limits.js'
import { gitToplevel, readFileInItsRepository, serviceEntryKind } from '../../boundary/files.js'
import { listServiceFolder } from '../../boundary/folders.js'
import { isUserError, UserError } from '../../runtime/errors.js'
import type { Problem } from '../../runtime/errors.js'
import { setOwn } from '../../descriptor/own.js'
import { copyOwn, isMap } from './json.js'
import { clusterScopedKinds } from '../cel/resources.js'

type Obj = Record<string, unknown>

export interface ExpectedResult {
  readonly policy: string
  readonly rule?: string
  readonly resources: readonly string[]
  readonly kind?: string
  readonly result: string
  readonly operation?: string
  readonly line: number
}

export interface TestFile {
  readonly file: string
  readonly dir: string
  readonly name: string
  readonly policies: readonly string[]
  readonly resources: readonly string[]
  /** PolicyException files. */
  readonly exceptions: readonly string[]
  readonly variables?: string
  readonly userinfo?: string
  /** The CEL engines' fixture (`context:`): cluster resources and image data. */
  readonly contextFile?: string
  /** Objects CEL paramRefs may name (`paramResources:`). */
  readonly paramResources: readonly string[]
  /** Existing cluster objects (`clusterResources:`), for lookups and params. */
  readonly clusterResources: readonly string[]
  /** The previous state of resources (`oldResources:`), `oldObject` of an UPDATE, matched by name. */
  readonly oldResources: readonly string[]
  /** Mocked HTTP answers (`apiCallResponses:` — method, url, response) for CEL's `http` library. */
  readonly apiCallResponses: readonly Obj[]
  /** Mocked GlobalContextEntry data (`globalContextEntries:` — name, data, fieldPath, projections). */
  readonly globalContextEntries: readonly Obj[]
  /** JSON (or YAML) documents that JSON-mode ValidatingPolicies check (`jsonPayloads:`). */
  readonly jsonPayloads: readonly string[]
  /** A values document written inline (`values:` as a mapping instead of a file name). */
  readonly inlineValues?: Obj
  readonly results: readonly ExpectedResult[]
}

export interface ValuesFile {
  readonly globalValues: Obj
  readonly policies: readonly {
    readonly name: string
    readonly resources: readonly { readonly name: string; readonly values: Obj }[]
    readonly rules: readonly {
      readonly name: string
      readonly values: Obj
      readonly foreachValues: Record<string, unknown[]>
    }[]
  }[]
  readonly namespaceLabels: Record<string, Record<string, string>>
  /** Whole Namespace objects (`namespaces:`), which CEL policies see as `namespaceObject`. */
  readonly namespaces: readonly Obj[]
  /**
   * `subresources:` — a resource of the subresource's kind (`PodExecOptions`, `Scale`) is a request for
   * that subresource of the parent (`pods/exec`, `deployments/scale`).
   */
  readonly subresources: readonly {
    readonly subresource: {
      readonly name: string
      readonly kind: string
      readonly group: string
      readonly version: string
    }
    readonly parent: {
      readonly name: string
      readonly kind: string
      readonly group: string
      readonly version: string
    }
  }[]
}

export interface UserInfoFile {
  readonly username?: string
  readonly groups?: string[]
  readonly roles?: string[]
  readonly clusterRoles?: string[]
}

/** A test's input file: a regular file inside its repository, bytes capped (boundary/files). */
function readTestInput(path: string): string {
  return readFileInItsRepository(path, { what: 'The file', display: path })
}

/** All YAML documents of a file as plain values, with the line each starts on. */
export function readYamlDocuments(path: string): { value: unknown; line: number }[] {
  const text = readTestInput(path)
  const lineCounter = new LineCounter()
  const problems: Problem[] = []
  const out: { value: unknown; line: number }[] = []
  // Bounded (boundary/yaml-limits): deep nesting is an error at its line, not a stack overflow.
  for (const doc of parseYamlStream(text, { lineCounter })) {
    for (const error of doc.errors) {
      const pos = lineCounter.linePos(error.pos[0])
      problems.push({
        message: `YAML syntax error: ${error.message.split('\n')[0]}`,
        position: { file: path, line: pos.line, column: pos.col }
      })
    }
    if (doc.errors.length > 0) continue
    const line = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]).line : 1
    out.push({ value: doc.toJS({ maxAliasCount: 1000 }), line })
  }
  if (problems.length > 0) throw new UserError(problems)
  return out
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : []
}

export function readTestFile(file: string): TestFile {
  const docs = readYamlDocuments(file)
  const doc = docs[0]?.value
  if (!isMap(doc))
    throw new UserError({
      message: 'A kyverno-test.yaml must be a YAML mapping.',
      position: { file, line: 1, column: 1 },
      hint: 'See `kyverno test --help` for the Test format.'
    })
  const lineCounter = new LineCounter()
  const parsed = parseDocument(readTestInput(file), { lineCounter, uniqueKeys: false })
  const resultsNode = parsed.get('results', true)
  const lineOf = (index: number): number => {
    const item = isSeq(resultsNode)
      ? (resultsNode.items[index] as { range?: [number, number, number] } | undefined)
      : undefined
    return item?.range ? lineCounter.linePos(item.range[0]).line : 1
  }
  const results = (Array.isArray(doc.results) ? doc.results : []).filter(isMap).map((r, i) => ({
    policy: String(r.policy ?? ''),
    ...(typeof r.rule === 'string' && r.rule !== '' ? { rule: r.rule } : {}),
    // The older untyped form names one `resource` and may give its `namespace` apart.
    resources: stringList(r.resources ?? r.resource).map(n =>
      typeof r.namespace === 'string' && r.namespace !== '' && !n.includes('/')
        ? `${r.namespace}/${n}`
        : n
    ),
    ...(typeof r.kind === 'string' ? { kind: r.kind } : {}),
    result: String(r.result ?? r.status ?? ''),
    // `resourceOperation` is the newer spelling of `operation`.
    ...(typeof (r.operation ?? r.resourceOperation) === 'string'
      ? { operation: String(r.operation ?? r.resourceOperation) }
      : {}),
    line: lineOf(i)
  }))
  const metadata = isMap(doc.metadata) ? doc.metadata : {}
  return {
    file,
    dir: dirname(file),
    name: String(metadata.name ?? doc.name ?? file),
    policies: stringList(doc.policies),
    resources: stringList(doc.resources),
    exceptions: stringList(doc.exceptions),
    paramResources: stringList(doc.paramResources),
    clusterResources: stringList(doc.clusterResources),
    oldResources: stringList(doc.oldResources),
    jsonPayloads: stringList(doc.jsonPayloads),
    apiCallResponses: Array.isArray(doc.apiCallResponses) ? doc.apiCallResponses.filter(isMap) : [],
    globalContextEntries: Array.isArray(doc.globalContextEntries)
      ? doc.globalContextEntries.filter(isMap)
      : [],
    ...(isMap(doc.values) ? { inlineValues: doc.values } : {}),
    ...(typeof doc.variables === 'string'
      ? { variables: doc.variables }
      : typeof doc.values === 'string'
        ? { variables: doc.values }
        : {}),
    ...(typeof doc.userinfo === 'string' ? { userinfo: doc.userinfo } : {}),
    ...(typeof doc.context === 'string' ? { contextFile: doc.context } : {}),
    results
  }
}

export function readValuesFile(path: string): ValuesFile {
  return valuesFromObject(readYamlDocuments(path)[0]?.value)
}

/** A values document (`Values`: globalValues, policies, namespaceSelector, namespaces). */
export function valuesFromObject(doc: unknown): ValuesFile {
  const values = isMap(doc) ? doc : {}
  const namespaceLabels: Record<string, Record<string, string>> = {}
  for (const ns of Array.isArray(values.namespaceSelector)
    ? values.namespaceSelector.filter(isMap)
    : []) {
    namespaceLabels[String(ns.name)] = Object.fromEntries(
      Object.entries(isMap(ns.labels) ? ns.labels : {}).map(([k, v]) => [k, String(v)])
    )
  }
  return {
    globalValues: isMap(values.globalValues) ? values.globalValues : {},
    policies: (Array.isArray(values.policies) ? values.policies.filter(isMap) : []).map(p => ({
      name: String(p.name ?? ''),
      resources: (Array.isArray(p.resources) ? p.resources.filter(isMap) : []).map(r => ({
        name: String(r.name ?? ''),
        values: isMap(r.values) ? r.values : {}
      })),
      rules: (Array.isArray(p.rules) ? p.rules.filter(isMap) : []).map(r => ({
        name: String(r.name ?? ''),
        values: isMap(r.values) ? r.values : {},
        foreachValues: (isMap(r.foreachValues) ? r.foreachValues : {}) as Record<string, unknown[]>
      }))
    })),
    namespaceLabels,
    namespaces: Array.isArray(values.namespaces) ? values.namespaces.filter(isMap) : [],
    subresources: (Array.isArray(values.subresources) ? values.subresources.filter(isMap) : []).map(
      s => ({ subresource: apiResource(s.subresource), parent: apiResource(s.parentResource) })
    )
  }
}

function apiResource(value: unknown): {
  name: string
  kind: string
  group: string
  version: string
} {
  const r = isMap(value) ? value : {}
  return {
    name: String(r.name ?? ''),
    kind: String(r.kind ?? ''),
    group: String(r.group ?? ''),
    version: String(r.version ?? '')
  }
}

export function readUserInfoFile(path: string): UserInfoFile {
  const doc = readYamlDocuments(path)[0]?.value
  const info = isMap(doc) ? doc : {}
  const user = isMap(info.userInfo) ? info.userInfo : {}
  return {
    ...(typeof user.username === 'string' ? { username: user.username } : {}),
    groups: stringList(user.groups),
    roles: stringList(info.roles),
    clusterRoles: stringList(info.clusterRoles)
  }
}

export interface LoadedResource {
  readonly object: Obj
  readonly file: string
  readonly line: number
}

export function normaliseResource(object: Obj): Obj {
  // Copies built by assignment (json.ts `copyOwn`): a key added to a spread copy is slow in V8.
  const metadata: Obj = isMap(object.metadata) ? copyOwn(object.metadata) : {}
  if (
    !clusterScopedKinds.has(String(object.kind)) &&
    (metadata.namespace === undefined || metadata.namespace === '')
  )
    metadata.namespace = 'default'
  if (metadata.labels === null) metadata.labels = {}
  if (metadata.annotations === null) metadata.annotations = {}
  const out: Obj = copyOwn(object)
  setOwn<unknown>(out, 'metadata', metadata)
  if ('data' in out && out.data === null) out.data = {}
  return out
}

/**
 * The files a test names in one of its lists, relative to its folder; folders are read recursively.
 * A name that matches nothing is a user error placed on the test file's line that names it.
 */
export function namedFiles(
  test: Pick<TestFile, 'file' | 'dir'>,
  names: readonly string[],
  field: string
): string[] {
  const out: string[] = []
  // Inside the repository holding the test (boundary/files): no `..` or link out of it, no FIFO.
  const root = gitToplevel(test.dir) ?? '/'
  const lineOf = (name: string) => {
    const index = readTestInput(test.file)
      .split('\n')
      .findIndex(l => l.includes(name))
    return { file: test.file, line: index >= 0 ? index + 1 : 1, column: 1 }
  }
  for (const name of names) {
    const path = resolve(test.dir, name)
    const options = { what: `The ${field} file`, display: name, base: test.dir }
    let kind: 'missing' | 'file' | 'folder'
    try {
      kind = serviceEntryKind(root, path, options)
    } catch (error) {
      if (!isUserError(error)) throw error
      throw new UserError({ ...error.problems[0], position: lineOf(name) })
    }
    if (kind === 'missing') {
      throw new UserError({
        message: `The ${field} file '${name}' named by this test does not exist.`,
        position: lineOf(name),
        hint: `Paths in a kyverno-test.yaml are relative to its folder (${test.dir}).`
      })
    }
    if (kind === 'folder')
      out.push(
        ...listServiceFolder(root, path, {
          what: `The ${field} folder`,
          display: name,
          symlinks: 'inside',
          include: file => /\.(ya?ml|json)$/.test(file)
        })
      )
    else out.push(path)
  }
  return out
}

/** Reads resource files (or folders of them) named by a test. */
export function readResources(
  test: Pick<TestFile, 'file' | 'dir'>,
  names: readonly string[]
): LoadedResource[] {
  const out: LoadedResource[] = []
  const seen = new Set<string>()
  for (const path of namedFiles(test, names, 'resource')) {
    for (const { value, line } of readYamlDocuments(path)) {
      const items =
        isMap(value) && value.kind === 'List' && Array.isArray(value.items)
          ? value.items.filter(isMap)
          : isMap(value)
            ? [value]
            : []
      for (const item of items) {
        if (!item.kind) continue
        const object = normaliseResource(item)
        const meta = object.metadata as Obj
        const key = `${String(object.apiVersion)}|${String(object.kind)}|${String(meta.namespace ?? '')}|${String(meta.name ?? '')}`
        if (seen.has(key)) continue
        seen.add(key)
        out.push({ object, file: path, line })
      }
    }
  }
  return out
}
