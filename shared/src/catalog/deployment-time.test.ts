// The time an environment last changed comes from the promotion (deployed-at) or the source commit in
// the rendered folder's record, never from the clock: the same inputs give the same catalog file.
import { afterAll, afterEach, describe, expect, it, jest } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { catalogCommand } from '../commands/catalog.js'
import type { CommandContext } from '../runtime/command.js'
import { withDefaults } from '../runtime/command.js'
import { RecordingLogger } from '../runtime/logger.js'
import { deploymentKey } from './deployments.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
// Inputs must lie inside the repository: a git-ignored folder.
mkdirSync(join(root, '.tmp'), { recursive: true })
const work = mkdtempSync(join(root, '.tmp', 'catalog-time-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))
afterEach(() => {
  jest.useRealTimers()
})

async function runCatalog(inputs: Record<string, string>) {
  const context: CommandContext = {
    logger: new RecordingLogger(),
    summary: { append: () => undefined },
    env: {},
    workspace: root
  }
  const read = withDefaults(catalogCommand as never, name => inputs[name])
  return catalogCommand.run(catalogCommand.settings(read, context), context)
}

const base = {
  descriptor: 'examples/checkout/idp.yaml',
  'platform-config': 'examples/platform/platform.yaml',
  'source-repository': 'acme/checkout',
  environment: 'dev',
  version: '1.5.0',
  'gitops-commit': '2222222'
}

function renderedFolder(commitTime: string): string {
  const folder = mkdtempSync(join(work, 'rendered-'))
  mkdirSync(join(folder, '.idp'), { recursive: true })
  writeFileSync(
    join(folder, '.idp', 'render.json'),
    JSON.stringify({
      service: 'checkout',
      environment: 'dev',
      digest: `sha256:${'b'.repeat(64)}`,
      source: { repository: 'acme/checkout', commit: 'c'.repeat(40), commitTime }
    })
  )
  return folder
}

describe('the time an environment last changed', () => {
  it('is the source commit time of the rendered folder, the same on every run', async () => {
    const manifests = renderedFolder('2026-11-01T12:00:00.000Z')
    const outputs = [join(work, 'a', 'catalog-info.yaml'), join(work, 'b', 'catalog-info.yaml')]
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] })
    jest.setSystemTime(new Date('2030-01-01T00:00:00Z'))
    await runCatalog({ ...base, manifests, output: outputs[0] })
    jest.setSystemTime(new Date('2031-06-01T00:00:00Z'))
    await runCatalog({ ...base, manifests, output: outputs[1] })
    const [a, b] = outputs.map(f => readFileSync(f, 'utf8'))
    expect(a).toBe(b)
    expect(a).toContain(`${deploymentKey('dev', 'time')}: "2026-11-01T12:00:00.000Z"`)
  })

  it('is deployed-at when given', async () => {
    const output = join(work, 'c', 'catalog-info.yaml')
    await runCatalog({ ...base, output, 'deployed-at': '2026-11-24T12:00:00Z' })
    expect(readFileSync(output, 'utf8')).toContain(
      `${deploymentKey('dev', 'time')}: "2026-11-24T12:00:00Z"`
    )
  })

  it('is left out, never the clock, when neither the promotion nor a rendered folder says it', async () => {
    const output = join(work, 'd', 'catalog-info.yaml')
    await runCatalog({ ...base, output })
    const text = readFileSync(output, 'utf8')
    expect(text).toContain(`${deploymentKey('dev', 'version')}: "1.5.0"`)
    expect(text).not.toContain(deploymentKey('dev', 'time'))
  })
})
