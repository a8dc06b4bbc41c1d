import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parseAllDocuments } from 'yaml'
import { AMBIGUOUS_DESCRIPTOR, renderText, repoRoot } from './render-fixture.js'
import { readsAsNonString, toYaml } from './serialize.js'
import { DIGEST } from './testing.js'

// Argo CD, Flux, kustomize and `kubectl apply` read YAML 1.1 (go-yaml v2): text idp writes unquoted
// must not come back as a boolean, number, timestamp or null there.

/** Text every YAML 1.1 or 1.2 reader (or go-yaml's Go number syntax) takes for a non-string. */
const AMBIGUOUS = [
  ...['on', 'On', 'ON', 'off', 'yes', 'Yes', 'no', 'NO', 'y', 'Y', 'n', 'N', 'true', 'False'],
  ...['1_000', '0b101', '0o17', '017', '0x1F', '1e3', '+1', '-1', '1.5', '.5', '1_0.5', '0O17'],
  ...['2024-01-01', '2024-1-2 10:00:00', '2001-12-14t21:59:43.10-05:00', '1:20', '190:20:30'],
  ...['.inf', '-.Inf', '.NaN', '~', 'null', 'Null', '', '<<', '=']
]
/** Look-alikes that are text everywhere: they stay unquoted. */
const PLAIN = ['250m', '1Gi', 'info', '0 3 * * *', 'v1.2.3', '1.2.3', 'onward', 'yes-please', '15m']

function parseBoth(text: string): { v11: unknown[]; v12: unknown[] } {
  const read = (version: '1.1' | '1.2') =>
    parseAllDocuments(text, { version, merge: version === '1.1' }).map(d => {
      if (d.errors.length > 0) throw new Error(d.errors.join('\n'))
      return d.toJS()
    })
  return { v11: read('1.1'), v12: read('1.2') }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile() && /\.(ya?ml|json)$/.test(e.name))
    .map(e => join(e.parentPath, e.name))
    .sort()
}

describe('toYaml: text reads back as the same text under YAML 1.1 and 1.2', () => {
  it.each(AMBIGUOUS)('%j as a value and as a key', text => {
    const object = { value: text, list: [text], map: { [text]: text } }
    const written = toYaml(object)
    const { v11, v12 } = parseBoth(written)
    expect(v11).toEqual([object])
    expect(v12).toEqual([object])
    expect(readsAsNonString(text)).toBe(true)
  })

  it.each(PLAIN)('%j stays plain text', text => {
    expect(readsAsNonString(text)).toBe(false)
    expect(toYaml({ value: text })).toBe(`value: ${text}\n`)
  })

  it('numbers, booleans and null idp writes keep their type', () => {
    const object = { replicas: 4, suspend: false, ratio: 0.5, none: null }
    expect(parseBoth(toYaml(object))).toEqual({ v11: [object], v12: [object] })
  })
})

describe('every golden file reads the same under YAML 1.1 and 1.2', () => {
  const golden = join(repoRoot, 'shared/src/render/testdata/golden')
  it.each(filesUnder(golden).map(f => relative(golden, f)))('%s', file => {
    const { v11, v12 } = parseBoth(readFileSync(join(golden, file), 'utf8'))
    expect(v11).toEqual(v12)
  })
})

describe('rendered output reads the same under YAML 1.1 and 1.2', () => {
  const rendered = renderText(AMBIGUOUS_DESCRIPTOR, `ghcr.io/acme/shop@${DIGEST('e')}`)
  const files = rendered.flatMap(env =>
    [...env.files].map(([name, text]) => [`${env.environment}/${name}`, text] as const)
  )
  it.each(files)('%s', (_name, text) => {
    const { v11, v12 } = parseBoth(text)
    expect(v11).toEqual(v12)
  })

  it('the env values reach the Application as the text idp.yaml wrote', () => {
    const app = parseBoth(rendered[0].files.get('application.yaml')!).v11[0] as {
      spec: { components: { properties: { env: { name: string; value?: string }[] } }[] }
    }
    const env = Object.fromEntries(
      app.spec.components[0].properties.env.map(e => [e.name, e.value])
    )
    expect(env).toMatchObject({
      FEATURE_FLAG: 'on',
      ENABLED: 'yes',
      DISABLED: 'no',
      SHORT: 'y',
      LIMIT: '1_000',
      MASK: '0b101',
      MODE: '0o17',
      SINCE: '2024-01-01',
      TIME: '1:20',
      CEILING: '.inf',
      NOTHING: '~'
    })
  })
})
