import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { AMBIGUOUS_DESCRIPTOR, renderText, repoRoot } from './render-fixture.js'
import { writeRenderedEnvironments } from './render.js'
import { DIGEST, EXAMPLE_IMAGES, tempDir } from './testing.js'

// Argo CD and Flux apply what `kustomize build` makes of a rendered folder, not the files themselves:
// every environment must build, and every value must come out of the build as idp wrote it.

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' })
const hasKubectl = kubectl.status === 0
if (!hasKubectl)
  console.warn('kustomize-build.test: kubectl is not installed; `kubectl kustomize` checks skipped')

const out = tempDir('kustomize-build')
afterAll(() => out.remove())

type K8sObject = { apiVersion: string; kind: string; metadata: { name: string } }
const key = (o: K8sObject) => `${o.apiVersion}/${o.kind}/${o.metadata.name}`

function objectsOf(text: string): Map<string, unknown> {
  const objects = new Map<string, unknown>()
  for (const doc of parseAllDocuments(text)) {
    const object = doc.toJS() as K8sObject | null
    if (object) objects.set(key(object), object)
  }
  return objects
}

const cases = [
  [
    'examples/checkout',
    readFileSync(join(repoRoot, 'examples/checkout/idp.yaml'), 'utf8'),
    EXAMPLE_IMAGES
  ],
  [
    'text that YAML 1.1 reads as other types',
    AMBIGUOUS_DESCRIPTOR,
    `ghcr.io/acme/shop@${DIGEST('e')}`
  ]
] as const

describe.each(cases)('kubectl kustomize builds %s', (name, descriptor, images) => {
  const rendered = renderText(
    descriptor
      .replace('docs: ./docs', '')
      .replace(/definition: \.\/openapi\.yaml/, 'definition: ./x.yaml'),
    images
  )
  const folders = writeRenderedEnvironments(join(out.path, name.replace(/\W+/g, '-')), rendered)
  ;(hasKubectl ? it : it.skip).each(rendered.map((env, i) => [env.environment, i] as const))(
    '%s: every object comes through unchanged',
    (_env, i) => {
      const build = spawnSync('kubectl', ['kustomize', folders[i]], { encoding: 'utf8' })
      expect(build.stderr).toBe('')
      expect(build.status).toBe(0)
      const built = objectsOf(build.stdout)
      const expected = new Map<string, unknown>()
      for (const [file, text] of rendered[i].files)
        if (file.endsWith('.yaml') && file !== 'kustomization.yaml')
          for (const [k, v] of objectsOf(text)) expected.set(k, v)
      expect([...built.keys()].sort()).toEqual([...expected.keys()].sort())
      for (const [k, object] of expected) expect({ [k]: built.get(k) }).toEqual({ [k]: object })
    }
  )
})
