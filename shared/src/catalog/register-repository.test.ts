// Repository mode with the real git engine against a real bare repository over file://.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { catalogCommand } from '../commands/catalog.js'
import {
  commitFiles,
  createBareRepo,
  fileUrl,
  git,
  readTree,
  tempFolder,
  tipOf
} from '../gitops/testing/git-fixtures.js'
import type { CommandContext } from '../runtime/command.js'
import { withDefaults } from '../runtime/command.js'
import { RecordingLogger } from '../runtime/logger.js'
import { catalogFolder } from './register-repository.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const temp = tempFolder('catalog-repository')
let bare: string

beforeAll(() => {
  bare = createBareRepo(join(temp.path, 'catalog.git'))
})
afterAll(() => temp.remove())

async function register(inputs: Record<string, string>) {
  const logger = new RecordingLogger()
  const context: CommandContext = {
    logger,
    summary: { append: () => undefined },
    env: {},
    workspace: root
  }
  const read = withDefaults(
    catalogCommand as never,
    name =>
      ({
        descriptor: 'examples/checkout/idp.yaml',
        'platform-config': 'examples/platform/platform.yaml',
        'source-repository': 'acme/checkout',
        mode: 'repository',
        repository: fileUrl(bare),
        'deployed-at': '2026-11-24T12:00:00Z',
        ...inputs
      })[name]
  )
  return catalogCommand.run(catalogCommand.settings(read, context), context)
}

describe('register-catalog repository mode', () => {
  it('places the service in its own folder', () => {
    expect(catalogFolder(undefined, 'checkout')).toBe('services/checkout')
    expect(catalogFolder('catalog', 'checkout')).toBe('catalog/checkout')
    expect(catalogFolder('teams/{service}/entities', 'checkout')).toBe('teams/checkout/entities')
  })

  it('commits catalog-info.yaml, makes no commit when nothing changed, keeps other environments', async () => {
    const first = await register({ environment: 'prod', version: '1.0.0', 'gitops-commit': 'aaa' })
    expect(first.outputs.changed).toBe('true')
    const tip = tipOf(bare, 'main')
    const file = readTree(bare, 'main', 'services/checkout')['catalog-info.yaml']!
    expect(file).toContain('idp.dev/env.prod.version: "1.0.0"')
    expect(file).toContain('kind: Component')
    expect(git(bare, 'log', '-1', '--format=%B', 'main')).toContain('Idp-Service: checkout')

    const again = await register({ environment: 'prod', version: '1.0.0', 'gitops-commit': 'aaa' })
    expect(again.outputs.changed).toBe('false')
    expect(tipOf(bare, 'main')).toBe(tip)

    // Another pipeline recorded staging meanwhile: registering dev re-derives from that tip.
    commitFiles(
      bare,
      'main',
      {
        'services/checkout/catalog-info.yaml': file.replace(
          '    idp.dev/env.prod.time',
          '    idp.dev/env.staging.version: "0.9.0"\n    idp.dev/env.prod.time'
        ),
        'services/payments/catalog-info.yaml': '# another service\n'
      },
      'staging registered elsewhere'
    )
    const dev = await register({ environment: 'dev', version: '1.1.0' })
    expect(dev.outputs.changed).toBe('true')
    const now = readTree(bare, 'main', 'services/checkout')['catalog-info.yaml']!
    expect(now).toContain('idp.dev/env.dev.version: "1.1.0"')
    expect(now).toContain('idp.dev/env.staging.version: "0.9.0"')
    expect(now).toContain('idp.dev/env.prod.version: "1.0.0"')
    expect(readTree(bare, 'main', 'services/payments')).toEqual({
      'catalog-info.yaml': '# another service\n'
    })
  })

  it("refuses, before writing, an entity another service's folder already declares", async () => {
    // Service checkout-orders declares the Resource checkout-orders-db, which is also what checkout's
    // resource orders-db is named: the catalog would keep only one.
    commitFiles(
      bare,
      'main',
      {
        'services/checkout-orders/catalog-info.yaml': [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Resource',
          'metadata:',
          '  name: checkout-orders-db',
          'spec: { type: database, owner: group:default/team-orders }',
          ''
        ].join('\n')
      },
      'checkout-orders registered'
    )
    const tip = tipOf(bare, 'main')
    await expect(register({ environment: 'dev', version: '1.2.0' })).rejects.toThrow(
      "resource:default/checkout-orders-db is already declared by services/checkout-orders/catalog-info.yaml (service 'checkout-orders')"
    )
    expect(tipOf(bare, 'main')).toBe(tip)
  })
})
