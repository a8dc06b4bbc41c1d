import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UserError } from '../runtime/errors.js'
import { silentLogger } from '../runtime/logger.js'
import { LineCounter, parseDocument } from 'yaml'
import { offsetOf } from '../descriptor/yaml-file.js'
import { expandEntries, isBuildFile, loadManifests } from './manifests.js'
import { parseManifestText } from './manifest-documents.js'
import { splitPointer } from './manifest-positions.js'

const MULTI = `apiVersion: v1
kind: ConfigMap
metadata:
  name: one
data:
  key: value
---
# a comment-only document is skipped
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: two
spec:
  template:
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/app:1
`

describe('parseManifestText', () => {
  it('reads every document of a multi-document file with positions of any pointer', () => {
    const { manifests, findings } = parseManifestText(MULTI, 'm.yaml')
    expect(findings).toEqual([])
    expect(manifests.map(m => [m.documentIndex, m.object.kind])).toEqual([
      [0, 'ConfigMap'],
      [2, 'Deployment']
    ])
    expect(manifests[0].positionOf('/data/key')).toEqual({ line: 6, column: 8 })
    expect(manifests[1].positionOf('/spec/template/spec/containers/0/image')).toEqual({
      line: 19,
      column: 18
    })
    // A field that does not exist lands on its closest existing parent.
    expect(manifests[1].positionOf('/spec/template/spec/containers/0/ports/0')).toEqual({
      line: 18,
      column: 11
    })
    expect(manifests[1].positionOf('')).toEqual({ line: 10, column: 1 })
  })

  it('reads JSON with positions and expands v1 Lists', () => {
    const json = JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'List',
        items: [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' } }]
      },
      null,
      2
    )
    const { manifests } = parseManifestText(json, 'list.json')
    expect(manifests).toHaveLength(1)
    expect(manifests[0].object.kind).toBe('Service')
    expect(manifests[0].positionOf('/metadata/name')).toEqual({ line: 9, column: 17 })
  })

  it('reads a top-level JSON array of objects, each at its own position', () => {
    const json =
      '[\n  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}},\n  {"kind": "NoVersion"}\n]\n'
    const { manifests, findings } = parseManifestText(json, 'list.json')
    expect(manifests.map(m => m.positionOf('/metadata/name'))).toEqual([{ line: 2, column: 66 }])
    expect(findings.map(f => [f.rule, f.position?.line])).toEqual([['kubernetes-object', 3]])
  })

  it('turns bad YAML and non-objects into findings with file:line, never exceptions', () => {
    const { manifests, findings } = parseManifestText(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [\n---\n- just a list\n---\nkind: NoApiVersion\n',
      'bad.yaml'
    )
    expect(manifests).toEqual([])
    expect(findings.map(f => [f.rule, f.result, f.position?.line])).toEqual([
      ['yaml', 'error', 4],
      ['kubernetes-object', 'error', 5],
      ['kubernetes-object', 'error', 7]
    ])
    expect(findings[0].message).toMatch(/^Not valid YAML: /)
  })

  it('keeps kustomization files as build files, which are never applied', () => {
    const text =
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n'
    const { manifests, findings } = parseManifestText(text, 'kustomization.yaml')
    expect(findings).toEqual([])
    expect(manifests.map(m => [m.object.kind, isBuildFile(m)])).toEqual([['Kustomization', true]])
  })
})

describe('loadManifests', () => {
  let root: string
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'idp-manifests-'))
    mkdirSync(join(root, 'rendered/dev/.idp'), { recursive: true })
    mkdirSync(join(root, 'extra'), { recursive: true })
    writeFileSync(join(root, 'rendered/dev/app.yaml'), MULTI)
    writeFileSync(
      join(root, 'rendered/dev/.idp/render.json'),
      JSON.stringify({ service: 's', environment: 'dev', namespace: 's-dev', sourceMap: [] })
    )
    writeFileSync(
      join(root, 'extra/cm.json'),
      '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"x"}}'
    )
    writeFileSync(join(root, 'extra/notes.txt'), 'not a manifest')
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('reads folders recursively and globs, attaching the render record of the environment folder', () => {
    const loaded = loadManifests(['rendered', 'extra/*.json'], root, silentLogger)
    expect(loaded.files).toEqual(['extra/cm.json', 'rendered/dev/app.yaml'])
    expect(
      loaded.manifests.map(m => [m.file, m.render?.record.environment, m.render?.fileInRender])
    ).toEqual([
      ['extra/cm.json', undefined, undefined],
      ['rendered/dev/app.yaml', 'dev', 'app.yaml'],
      ['rendered/dev/app.yaml', 'dev', 'app.yaml']
    ])
  })

  it('names an entry that matches nothing', () => {
    expect(() => expandEntries(['nope/', 'rendered'], root)).toThrow(UserError)
    expect(() => expandEntries(['nope/'], root)).toThrow(
      "Input 'manifests' names 'nope/', which matches no file."
    )
  })

  it('looks for render records no higher than the workspace', () => {
    const ws = join(root, 'rendered/dev/nested-workspace')
    mkdirSync(ws, { recursive: true })
    writeFileSync(join(ws, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n')
    const [manifest] = loadManifests(['cm.yaml'], ws, silentLogger).manifests
    expect(manifest.render).toBeUndefined()
    rmSync(ws, { recursive: true })
  })

  it('reports a damaged render record at its file', () => {
    const dir = join(root, 'broken/prod/.idp')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'render.json'), '{ nope')
    writeFileSync(join(root, 'broken/prod/a.yaml'), 'apiVersion: v1\nkind: ConfigMap\n')
    expect(() => loadManifests(['broken'], root, silentLogger)).toThrow(
      /broken\/prod\/\.idp\/render\.json:1:1: The render record is not valid JSON/
    )
  })
})

describe('positions without the document', () => {
  // Manifests keep a compact index of offsets instead of their YAML document: every pointer must land
  // where the document walk (`offsetOf`, as descriptors use it) lands, parents and misses included.
  it('agrees with offsetOf on every pointer, flow, null, alias and missing ones alike', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: tricky
  labels: { a: "1", b: '2' }
data:
  empty:
  list: [x, {y: 1}, [z]]
  anchored: &v { deep: { deeper: 1 } }
  aliased: *v
  block:
    - one
    - k: v
      n: ~
  "quoted/key~": 3
`
    const [manifest] = parseManifestText(text, 'm.yaml').manifests
    const lines = new LineCounter()
    const doc = parseDocument(text, { lineCounter: lines })
    const pointers = [
      '',
      '/metadata',
      '/metadata/labels/a',
      '/metadata/labels/b',
      '/metadata/missing/deeper',
      '/data/empty',
      '/data/empty/below',
      '/data/list/0',
      '/data/list/1/y',
      '/data/list/2/0',
      '/data/list/9',
      '/data/list/x',
      '/data/anchored/deep/deeper',
      '/data/aliased/deep',
      '/data/block/1/n',
      '/data/block/1/k/more',
      '/data/quoted~1key~0',
      '/kind/0'
    ]
    for (const pointer of pointers) {
      const { line, col } = lines.linePos(offsetOf(doc, splitPointer(pointer)))
      expect([pointer, manifest.positionOf(pointer)]).toEqual([pointer, { line, column: col }])
    }
  })
})
