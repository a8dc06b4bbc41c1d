// Golden: the example descriptor → the expected catalog-info.yaml, through the real command.
// Regenerate with UPDATE_GOLDEN=1 after an intended change, and review the diff.
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { catalogCommand } from '../commands/catalog.js'
import type { CommandContext } from '../runtime/command.js'
import { withDefaults } from '../runtime/command.js'
import { RecordingLogger } from '../runtime/logger.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..', '..')
const temp = mkdtempSync(join(tmpdir(), 'idp-catalog-golden-'))
// Inputs such as `manifests` must lie inside the repository (boundary/files): a git-ignored folder.
mkdirSync(join(root, '.tmp'), { recursive: true })
const inRepository = mkdtempSync(join(root, '.tmp', 'catalog-golden-'))
afterAll(() => {
  rmSync(temp, { recursive: true, force: true })
  rmSync(inRepository, { recursive: true, force: true })
})

async function runCatalog(inputs: Record<string, string>) {
  const logger = new RecordingLogger()
  const summary: string[] = []
  const context: CommandContext = {
    logger,
    summary: { append: m => void summary.push(m) },
    env: {},
    workspace: root
  }
  const read = withDefaults(catalogCommand as never, name => inputs[name])
  const settings = catalogCommand.settings(read, context)
  const result = await catalogCommand.run(settings, context)
  return { result, summary: summary.join('\n'), logger }
}

function golden(name: string, actual: string): void {
  const file = join(here, 'testdata', name)
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual)
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

const base = {
  descriptor: 'examples/checkout/idp.yaml',
  'platform-config': 'examples/platform/platform.yaml',
  'source-repository': 'acme/checkout'
}

describe('register-catalog golden files', () => {
  it('derives the example catalog-info.yaml byte for byte, and reports no change on a re-run', async () => {
    const output = join(temp, 'plain', 'catalog-info.yaml')
    const first = await runCatalog({ ...base, output })
    golden('checkout.catalog-info.yaml', readFileSync(output, 'utf8'))
    expect(JSON.parse(first.result.outputs.entities!)).toEqual([
      'component:default/checkout',
      'resource:default/checkout-orders-db',
      'resource:default/checkout-analytics-db',
      'api:default/checkout-api'
    ])
    expect(first.result.outputs.changed).toBe('true')
    golden('checkout.summary.md', first.summary + '\n')
    const second = await runCatalog({ ...base, output })
    expect(second.result.outputs.changed).toBe('false')
  })

  it('records each environment on the Component and keeps the others', async () => {
    const output = join(temp, 'deployed', 'catalog-info.yaml')
    const deploy = (environment: string, version: string, commit: string) =>
      runCatalog({
        ...base,
        output,
        environment,
        version,
        'gitops-commit': commit,
        'deployed-at': '2026-11-24T12:00:00Z'
      })
    // The digest comes from the rendered folder's .idp/render.json, inside the repository (an input
    // outside it is refused by the file boundary).
    const rendered = join(inRepository, 'rendered', 'prod')
    mkdirSync(join(rendered, '.idp'), { recursive: true })
    writeFileSync(
      join(rendered, '.idp', 'render.json'),
      JSON.stringify({
        service: 'checkout',
        environment: 'prod',
        digest: `sha256:${'a'.repeat(64)}`
      })
    )
    await runCatalog({
      ...base,
      output,
      environment: 'prod',
      version: '1.4.1',
      'gitops-commit': '1111111',
      'deployed-at': '2026-11-24T12:00:00Z',
      manifests: rendered
    })
    await expect(
      runCatalog({ ...base, output, environment: 'dev', version: '1', manifests: rendered })
    ).rejects.toThrow("was rendered for 'prod', not for environment 'dev'")
    await deploy('dev', '1.5.0', '2222222')
    golden('checkout.deployed.catalog-info.yaml', readFileSync(output, 'utf8'))
  })
})
