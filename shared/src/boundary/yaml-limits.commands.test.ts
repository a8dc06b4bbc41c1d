// Time and space through the real commands: 10,000-deep nesting, 50,000 env entries and 100,000
// documents end in a clear error with file:line or a bounded finish, never a stack overflow or
// minutes of CPU.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderCommand } from '../commands/render.js'
import { validateCommand } from '../commands/validate.js'
import { git, tempFolder } from '../gitops/testing/git-fixtures.js'
import { EXAMPLE_IMAGES } from '../render/testing.js'
import type { Command } from '../runtime/command.js'
import { runLocal } from '../runtime/local.js'
import { RecordingLogger } from '../runtime/logger.js'

const project = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const DEPTH = 10_000

let tmp: ReturnType<typeof tempFolder>
let repo: string
let descriptor: string

beforeAll(() => {
  tmp = tempFolder('yaml-limits')
  repo = join(tmp.path, 'repo')
  cpSync(join(project, 'examples/checkout'), repo, { recursive: true })
  cpSync(join(project, 'examples/platform'), join(repo, 'platform'), { recursive: true })
  git(repo, 'init', '-q')
  descriptor = readFileSync(join(repo, 'idp.yaml'), 'utf8')
})
afterAll(() => tmp.remove())

async function run(command: Command<unknown>, inputs: Record<string, string>) {
  const logger = new RecordingLogger()
  const start = performance.now()
  const result = await runLocal(command, inputs, { workspace: repo, logger, env: {} })
  return { ...result, ms: performance.now() - start, log: JSON.stringify(logger) }
}

/** Renders `name` (a variant of the example descriptor) for dev. */
function render(name: string, text: string) {
  writeFileSync(join(repo, name), text)
  return run(renderCommand as Command<unknown>, {
    descriptor: name,
    'platform-config': 'platform/platform.yaml',
    environment: 'dev',
    image: EXAMPLE_IMAGES,
    'output-dir': `out-${name}`
  })
}

const withProperty = (value: string) =>
  descriptor.replace('        cpu: 250m\n', `        cpu: 250m\n        deep: ${value}\n`)

function expectClearFailure(result: Awaited<ReturnType<typeof run>>, file: string) {
  expect(result.exitCode).toBe(1)
  expect(result.failure).toMatch(
    new RegExp(`${file}:\\d+:\\d+: .*nests collections deeper than 256`)
  )
  expect(result.failure).not.toMatch(/Internal error|call stack/i)
  expect(result.log).not.toMatch(/call stack/i)
}

describe('render', () => {
  it('refuses 10,000-deep flow nesting at its line', async () => {
    const result = await render(
      'flow.yaml',
      withProperty(`${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}`)
    )
    expectClearFailure(result, 'flow.yaml')
    expect(result.ms).toBeLessThan(30_000)
  })

  it('refuses 10,000-deep block nesting at its line', async () => {
    const result = await render(
      'block.yaml',
      descriptor.replace(
        '        cpu: 250m\n',
        `        cpu: 250m\n        deep:\n          ${'- '.repeat(DEPTH)}1\n`
      )
    )
    expectClearFailure(result, 'block.yaml')
    expect(result.ms).toBeLessThan(30_000)
  })

  it('refuses 50,000 env entries at their line, in bounded time', async () => {
    const start = descriptor.indexOf('      env:\n        LOG_LEVEL')
    const end = descriptor.indexOf('      properties:\n        cpu')
    const env = Array.from({ length: 50_000 }, (_, i) => `V${i}: x`).join(', ')
    const text = `${descriptor.slice(0, start)}      env: {${env}}\n${descriptor.slice(end)}`
    const result = await render('env.yaml', text)
    expect(result.exitCode).toBe(1)
    const line = text.slice(0, start).split('\n').length
    expect(result.failure).toContain(`env.yaml:${line}:`)
    expect(result.failure).toMatch(/'spec\.components\.0\.env' has more than 1000 entries/)
    expect(result.ms).toBeLessThan(60_000)
  }, 120_000)
})

describe('validate', () => {
  const validate = (manifests: string) =>
    run(validateCommand as Command<unknown>, {
      manifests,
      'platform-config': 'platform/platform.yaml',
      environment: 'dev'
    })
  const doc = (name: string) =>
    `---\n{apiVersion: v1, kind: ConfigMap, metadata: {name: ${name}, namespace: checkout-dev}}\n`

  it('refuses 100,000 documents in one file before parsing them', async () => {
    mkdirSync(join(repo, 'one-file'))
    writeFileSync(
      join(repo, 'one-file/all.yaml'),
      Array.from(
        { length: 100_000 },
        (_, i) => `---\n{apiVersion: v1, kind: ConfigMap, metadata: {name: c${i}}}\n`
      ).join('')
    )
    const result = await validate('one-file')
    expect(result.exitCode).toBe(1)
    expect(result.log).toMatch(
      /"message":"Not valid YAML: it holds more than 10000 YAML documents[^"]*","position":\{"file":"one-file\/all.yaml","line":1,"column":1\}/
    )
    expect(result.log).not.toMatch(/Internal error|call stack/i)
    expect(result.ms).toBeLessThan(30_000)
  }, 60_000)

  it('refuses 100,000 documents spread over a folder with a clear limit', async () => {
    mkdirSync(join(repo, 'many'))
    for (let f = 0; f < 100; f++)
      writeFileSync(
        join(repo, `many/f${f}.yaml`),
        Array.from({ length: 1000 }, (_, i) => doc(`c${f}-${i}`)).join('')
      )
    const result = await validate('many')
    expect(result.exitCode).toBe(1)
    expect(result.failure).toMatch(/more than 20000 objects/)
    expect(result.ms).toBeLessThan(60_000)
  }, 120_000)

  it('reports a manifest nested 10,000 deep as a finding at its line', async () => {
    mkdirSync(join(repo, 'deep'))
    writeFileSync(
      join(repo, 'deep/cm.yaml'),
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: checkout-dev}\ndata: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`
    )
    const result = await validate('deep')
    expect(result.exitCode).toBe(1)
    expect(result.log).toMatch(
      /"message":"Not valid YAML: it nests collections deeper than 256 levels[^"]*","position":\{"file":"deep\/cm.yaml","line":4,/
    )
    expect(result.log).not.toMatch(/Internal error|call stack/i)
  }, 60_000)
})
