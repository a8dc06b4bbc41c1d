// merge-gitops records what it merged in the catalog, with the platform's credentials: a verified
// promotion branch's deployment lands on the service's Component in the central catalog repository;
// a refused branch records nothing; a catalog that cannot be written never undoes or fails the merge.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  promotionMessage,
  pushBranch,
  renderedFiles,
  under,
  writeGatePlatform
} from '../gitops/testing/broker-fixture.js'
import {
  createBareRepo,
  fileUrl,
  readTree,
  tempFolder,
  tipOf
} from '../gitops/testing/git-fixtures.js'
import type { CommandContext } from '../runtime/command.js'
import { withDefaults } from '../runtime/command.js'
import { RecordingLogger } from '../runtime/logger.js'
import { gitopsMergeCommand } from './gitops-merge.js'

const testdata = join(dirname(fileURLToPath(import.meta.url)), '..', 'catalog', 'testdata')
const registered = readFileSync(join(testdata, 'checkout.deployed.catalog-info.yaml'), 'utf8')

let tmp: ReturnType<typeof tempFolder>
let gitops: string
let catalog: string
beforeEach(() => {
  tmp = tempFolder('merge-catalog')
  gitops = createBareRepo(join(tmp.path, 'gitops.git'))
  catalog = createBareRepo(join(tmp.path, 'catalog.git'), {
    files: { 'services/checkout/catalog-info.yaml': registered }
  })
  writeGatePlatform(join(tmp.path, 'platform.yaml'))
})
afterEach(() => tmp.remove())

function promote(files: Record<string, string> = {}) {
  const rendered = renderedFiles({ service: 'checkout', environment: 'dev', files })
  pushBranch(gitops, 'idp/dev/checkout', {
    from: 'main',
    files: under('envs/dev/checkout', rendered.files),
    message: promotionMessage(rendered.record)
  })
  return rendered.record
}

async function merge(inputs: Record<string, string>) {
  const logger = new RecordingLogger()
  const parts: string[] = []
  const context: CommandContext = {
    logger,
    summary: { append: markdown => void parts.push(markdown) },
    env: {},
    workspace: tmp.path
  }
  const read = withDefaults(
    gitopsMergeCommand as never,
    name =>
      ({
        branch: 'idp/dev/checkout',
        repository: fileUrl(gitops),
        'platform-config': 'platform.yaml',
        annotate: 'false',
        ...inputs
      })[name]
  )
  const result = await gitopsMergeCommand.run(gitopsMergeCommand.settings(read, context), context)
  return { result, logger, summary: parts.join('\n\n') }
}

const annotationsOf = () => readTree(catalog, 'main', 'services/checkout')['catalog-info.yaml']!

describe('merge-gitops records the merged deployment in the catalog', () => {
  it('records environment, images, source commit, render digest and merge commit of a verified merge', async () => {
    const record = promote()
    const { result, summary } = await merge({ 'catalog-repository': fileUrl(catalog) })
    expect(result.exitCode ?? 0).toBe(0)
    expect(result.outputs.merged).toBe('true')
    expect(result.outputs['catalog-recorded']).toBe('true')
    const mergeCommit = result.outputs['commit-sha']
    expect(mergeCommit).toBe(tipOf(gitops, 'main'))
    const file = annotationsOf()
    expect(file).toContain(`idp.dev/env.dev.commit: "${mergeCommit}"`)
    expect(file).toContain(`idp.dev/env.dev.digest: "${record.digest}"`)
    expect(file).toContain(`idp.dev/env.dev.images: "api=${record.images.api}"`)
    expect(file).toContain(`idp.dev/env.dev.source-commit: "${record.source.commit}"`)
    expect(file).toContain(`idp.dev/env.dev.version: "${record.source.commit}"`)
    // prod as it was recorded before.
    expect(file).toContain('idp.dev/env.prod.version: "1.4.1"')
    expect(summary).toMatch(/Recorded checkout in dev .* in the catalog/)
  })

  it('records nothing for a refused branch', async () => {
    promote()
    // Tampered after render: the folder no longer matches its record's digest.
    const rendered = renderedFiles({ service: 'checkout', environment: 'dev' })
    pushBranch(gitops, 'idp/dev/checkout', {
      from: 'idp/dev/checkout',
      files: { 'envs/dev/checkout/application.yaml': 'edited: by hand\n' },
      message: promotionMessage(rendered.record)
    })
    const before = tipOf(catalog, 'main')
    const { result } = await merge({ 'catalog-repository': fileUrl(catalog) })
    expect(result.exitCode).toBe(1)
    expect(result.outputs.merged).toBe('false')
    expect(result.outputs['catalog-recorded']).toBe('false')
    expect(tipOf(catalog, 'main')).toBe(before)
  })

  it('keeps the merge when the catalog cannot be written: a warning, the output false, exit 0', async () => {
    promote()
    const { result, logger, summary } = await merge({
      'catalog-repository': fileUrl(join(tmp.path, 'no-such-catalog.git'))
    })
    expect(result.exitCode ?? 0).toBe(0)
    expect(result.outputs.merged).toBe('true')
    expect(result.outputs['catalog-recorded']).toBe('false')
    expect(logger.lines.some(e => e.level === 'warning' && /catalog/.test(e.message))).toBe(true)
    expect(summary).toMatch(/not recorded in the catalog/)
  })

  it('records nothing and says so when no catalog repository is configured', async () => {
    promote()
    const { result, summary } = await merge({})
    expect(result.outputs.merged).toBe('true')
    expect(result.outputs['catalog-recorded']).toBe('false')
    expect(summary).toMatch(/No catalog repository/)
  })

  it('refuses backstage-url without a token before it merges anything', async () => {
    promote()
    const before = readTree(gitops, 'main', 'envs')
    await expect(
      merge({ 'catalog-repository': fileUrl(catalog), 'backstage-url': 'http://127.0.0.1:9' })
    ).rejects.toThrow(/backstage-token.*required with .*backstage-url/)
    expect(readTree(gitops, 'main', 'envs')).toEqual(before)
  })

  it("defaults to the platform config's catalog.repository", async () => {
    const platform = join(tmp.path, 'platform.yaml')
    writeFileSync(
      platform,
      readFileSync(platform, 'utf8').replace(
        '  environments:',
        `  catalog:\n    repository: ${fileUrl(catalog)}\n  environments:`
      )
    )
    promote()
    const { result } = await merge({})
    expect(result.outputs['catalog-recorded']).toBe('true')
    expect(annotationsOf()).toContain(`idp.dev/env.dev.commit: "${result.outputs['commit-sha']}"`)
  })
})
