// The committed bundle, run as the runner runs it (Node 24, INPUT_*), on the example and on bad input.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { catalogCommand } from '../../shared/src/commands/catalog.js'
import { haveNode24, repoRoot, runBundle } from '../../test/run-bundle.js'

let workspace: string
const golden = (name: string) =>
  readFileSync(join(repoRoot, 'shared/src/catalog/testdata', name), 'utf8')

beforeAll(() => {
  workspace = mkdtempSync(join(tmpdir(), 'idp-register-catalog-'))
  cpSync(join(repoRoot, 'examples'), join(workspace, 'examples'), { recursive: true })
})
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const inputs = {
  descriptor: 'examples/checkout/idp.yaml',
  'platform-config': 'examples/platform/platform.yaml',
  'source-repository': 'acme/checkout'
}

/** A copy of the example descriptor with one line replaced, and the line number it landed on. */
function brokenDescriptor(
  name: string,
  find: string,
  replace: string
): { file: string; line: number } {
  const text = readFileSync(join(workspace, 'examples/checkout/idp.yaml'), 'utf8')
  expect(text).toContain(find)
  const changed = text.replace(find, replace)
  const file = `examples/checkout/${name}.yaml`
  writeFileSync(join(workspace, file), changed)
  const line =
    changed.split('\n').findIndex(l => l.includes(replace.trim().split('\n').pop()!.trim())) + 1
  return { file, line }
}

describe('register-catalog action.yml', () => {
  it('declares exactly the command inputs and outputs, with their defaults, on node24', () => {
    const meta = parse(readFileSync(join(repoRoot, 'actions/register-catalog/action.yml'), 'utf8'))
    expect(meta.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
    expect(Object.keys(meta.inputs)).toEqual(catalogCommand.inputs.map(i => i.name))
    for (const input of catalogCommand.inputs) {
      expect(meta.inputs[input.name].description).toBe(input.description)
      expect(meta.inputs[input.name].default).toBe(input.default)
    }
    expect(Object.keys(meta.outputs)).toEqual(catalogCommand.outputs.map(o => o.name))
    const readme = readFileSync(join(repoRoot, 'actions/register-catalog/README.md'), 'utf8')
    for (const name of [...Object.keys(meta.inputs), ...Object.keys(meta.outputs)])
      expect(readme).toContain(`| \`${name}\` |`)
  })
})

describe.each(haveNode24() ? ['register-catalog'] : [])('%s bundle', action => {
  it('writes the golden catalog-info.yaml with outputs and a job summary', () => {
    const run = runBundle(action, {
      inputs: { ...inputs, output: 'out/catalog-info.yaml' },
      workspace
    })
    expect(run.stderr).toBe('')
    expect(run.exitCode).toBe(0)
    expect(readFileSync(join(workspace, 'out/catalog-info.yaml'), 'utf8')).toBe(
      golden('checkout.catalog-info.yaml')
    )
    expect(JSON.parse(run.outputs.entities!)).toContain('api:default/checkout-api')
    expect(run.outputs.changed).toBe('true')
    expect(run.summary).toContain('```mermaid')
  })

  it('reports a dependsOn target that does not exist on its line', () => {
    const bad = brokenDescriptor(
      'dangling',
      '  docs: ./docs\n',
      '  docs: ./docs\n  dependsOn: [payments-db]\n'
    )
    const run = runBundle(action, {
      inputs: { ...inputs, descriptor: bad.file, output: 'out/x.yaml' },
      workspace
    })
    expect(run.exitCode).toBe(1)
    const errors = run.annotations.filter(a => a.level === 'error' && a.properties.file)
    expect(errors).toHaveLength(1)
    expect(errors[0]!.properties).toMatchObject({ file: bad.file, line: String(bad.line) })
    expect(errors[0]!.message).toContain("dependsOn target 'payments-db' is neither a resource")
    expect(run.stdout).not.toMatch(/\n\s+at /)
  })

  it('reports a name the catalog rejects (an annotation key) and a missing owner with file:line', () => {
    const key = brokenDescriptor(
      'bad-key',
      '  docs: ./docs\n',
      "  docs: ./docs\n  annotations: { 'bad key!': x }\n"
    )
    const run = runBundle(action, {
      inputs: { ...inputs, descriptor: key.file, output: 'out/x.yaml' },
      workspace
    })
    expect(run.exitCode).toBe(1)
    const error = run.annotations.find(a => a.level === 'error' && a.properties.file)
    expect(error?.properties).toMatchObject({ file: key.file, line: String(key.line) })
    expect(error?.message).toContain('"annotations.bad key!" is not valid')

    const owner = brokenDescriptor(
      'no-owner',
      '  owner: team-payments # Backstage group\n',
      '  ownr: team-payments\n'
    )
    const run2 = runBundle(action, {
      inputs: { ...inputs, descriptor: owner.file, output: 'out/x.yaml' },
      workspace
    })
    expect(run2.exitCode).toBe(1)
    expect(run2.stdout).toMatch(
      new RegExp(`::error file=${owner.file.replace(/[./]/g, '\\$&')},line=\\d+`)
    )
    expect(run2.stdout).toContain('owner')
  })
})
