import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { parse, stringify } from 'yaml'
import { skeletonModule } from '../../../scripts/generate-skeleton.js'
import { actionlintTexts, formatFinding } from '../../../test/actionlint.js'
import { renderCommand } from '../commands/render.js'
import { captureCli } from '../render/testing.js'
import { runLocal } from '../runtime/local.js'
import { RecordingLogger } from '../runtime/logger.js'
import { fillSkeleton, type SkeletonValues } from './skeleton.js'

const repoRoot = resolve('.')
const examplePlatform = join(repoRoot, 'examples', 'platform', 'platform.yaml')
let dir: string
let service: string

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'idp-init-test-'))
  service = join(dir, 'payments')
  mkdirSync(service)
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

/** `idp init …` with the service folder as the current folder. */
async function init(...args: string[]) {
  const before = process.cwd()
  process.chdir(service)
  try {
    return await captureCli(['init', ...args])
  } finally {
    process.chdir(before)
  }
}

const basics = ['--name', 'payments', '--owner', 'team-payments']

/** The example platform config with `change` applied, written next to the service folder. */
function platformWith(change: (spec: Record<string, unknown>) => void): string {
  const config = parse(readFileSync(examplePlatform, 'utf8'))
  change(config.spec)
  const file = join(dir, 'platform.yaml')
  writeFileSync(file, stringify(config))
  return file
}

const listing = () =>
  readdirSync(service, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => join(e.parentPath ?? e.path, e.name).slice(service.length + 1))
    .sort()

describe('idp init', () => {
  it('scaffolds a service repository that renders for every environment', async () => {
    const { code, stderr, stdout } = await init(...basics, '--platform-config', examplePlatform)
    expect(stderr).not.toContain('error')
    expect(code).toBe(0)
    expect(listing()).toEqual([
      '.github/workflows/deliver.yml',
      'Dockerfile',
      'catalog-info.yaml',
      'docs/index.md',
      'idp.yaml',
      'mkdocs.yml'
    ])
    expect(stdout).toContain('catalog-mode=file')
    const descriptor = parse(readFileSync(join(service, 'idp.yaml'), 'utf8'))
    expect(descriptor.metadata).toMatchObject({ name: 'payments', owner: 'team-payments' })
    expect(descriptor.spec.components[0].image).toBe('ghcr.io/acme/payments')

    // An action reads the platform config only inside its workspace (boundary/files).
    cpSync(dirname(examplePlatform), join(service, '.idp-platform'), { recursive: true })
    const rendered = await runLocal(
      renderCommand,
      {
        'platform-config': '.idp-platform/platform.yaml',
        image: `ghcr.io/acme/payments@sha256:${'a'.repeat(64)}`
      },
      { workspace: service, logger: new RecordingLogger() }
    )
    expect(rendered.failure).toBeUndefined()
    expect(JSON.parse(rendered.outputs.environments)).toEqual(['dev', 'staging', 'prod'])

    const workflow = readFileSync(join(service, '.github/workflows/deliver.yml'), 'utf8')
    const jobs = parse(workflow).jobs
    expect(jobs.deliver.uses).toBe('acme/idp/.github/workflows/deliver.yml@v1')
    expect(jobs.deliver.with).toEqual({
      image: '${{ needs.build.outputs.images }}',
      'catalog-mode': 'none'
    })
    const findings = actionlintTexts([{ path: '.github/workflows/deliver.yml', data: workflow }])
    expect(findings.map(formatFinding)).toEqual([])

    const catalog = readFileSync(join(service, 'catalog-info.yaml'), 'utf8')
    expect(catalog).toContain('owner: group:default/team-payments')
    expect(catalog).not.toContain(tmpdir())
  })

  it('changes nothing when run again, and keeps an edited file unless --force', async () => {
    const flags = [...basics, '--platform-config', examplePlatform]
    expect((await init(...flags)).code).toBe(0)
    const snapshot = () =>
      listing().map(f => [
        f,
        readFileSync(join(service, f), 'utf8'),
        statSync(join(service, f)).mtimeMs
      ])
    const first = snapshot()
    const again = await init(...flags)
    expect(again.code).toBe(0)
    expect(Object.values(JSON.parse(again.stdout.match(/^files=(.*)$/m)![1]))).toEqual(
      Array(6).fill('unchanged')
    )
    expect(snapshot()).toEqual(first)

    writeFileSync(join(service, 'idp.yaml'), '# my own\n')
    const kept = await init(...flags)
    expect(kept.code).toBe(0)
    expect(kept.stderr).toContain('kept        idp.yaml')
    expect(readFileSync(join(service, 'idp.yaml'), 'utf8')).toBe('# my own\n')

    expect((await init(...flags, '--force')).code).toBe(0)
    expect(readFileSync(join(service, 'idp.yaml'), 'utf8')).toContain('name: payments')
  })

  it("with a service registry, binds the new service to the checkout's origin", async () => {
    const platform = platformWith(spec => {
      spec.services = [{ name: 'payments', repository: 'acme/payments' }]
    })
    const saved = process.env.GITHUB_REPOSITORY
    delete process.env.GITHUB_REPOSITORY
    try {
      execFileSync('git', ['init', '-q', service])
      execFileSync('git', [
        '-C',
        service,
        'remote',
        'add',
        'origin',
        'https://github.com/acme/evil'
      ])
      const evil = await init(...basics, '--platform-config', platform)
      expect(evil.code).toBe(1)
      expect(evil.stderr).toContain(
        "Service 'payments' belongs to acme/payments (spec.services[0] of the platform config), but this run comes from acme/evil"
      )
      expect(listing().filter(f => !f.startsWith('.git/'))).toEqual([])
      execFileSync('git', [
        '-C',
        service,
        'remote',
        'set-url',
        'origin',
        'git@github.com:acme/payments.git'
      ])
      const own = await init(...basics, '--platform-config', platform)
      expect(own.stderr).not.toContain('error')
      expect(own.code).toBe(0)
      expect(listing()).toContain('idp.yaml')
    } finally {
      if (saved === undefined) delete process.env.GITHUB_REPOSITORY
      else process.env.GITHUB_REPOSITORY = saved
    }
  })

  it('writes nothing when the service would not render on the platform', async () => {
    const platform = platformWith(spec => {
      spec.componentTypes = { allowed: ['worker'] }
    })
    const { code, stderr } = await init(...basics, '--platform-config', platform)
    expect(code).toBe(1)
    expect(stderr).toMatch(/idp\.yaml:\d+:\d+: .*webservice/)
    expect(listing()).toEqual([])
  })

  it('names the flag for a bad or missing value, and writes nothing', async () => {
    const bad = await init(
      '--name',
      'Pay_ments',
      '--owner',
      'x',
      '--platform-config',
      examplePlatform
    )
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain("--name 'Pay_ments' is not a DNS-1123 label")
    // Jest's stdin is no terminal: nothing is asked, the flag is named.
    const missing = await init('--name', 'payments', '--platform-config', examplePlatform)
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('--owner is required')
    expect(listing()).toEqual([])
  })

  it('leaves catalog-info.yaml to the catalog repository when the platform names one', async () => {
    const platform = platformWith(spec => {
      spec.catalog = { repository: 'acme/catalog' }
    })
    const { code, stdout } = await init(...basics, '--platform-config', platform)
    expect(code).toBe(0)
    expect(stdout).toContain('catalog-mode=repository')
    expect(existsSync(join(service, 'catalog-info.yaml'))).toBe(false)
    const workflow = parse(readFileSync(join(service, '.github/workflows/deliver.yml'), 'utf8'))
    expect(workflow.jobs.deliver.with['catalog-mode']).toBe('repository')
  })

  it('does not write through a link', async () => {
    symlinkSync(join(dir, 'elsewhere.yaml'), join(service, 'idp.yaml'))
    const { code, stderr } = await init(...basics, '--platform-config', examplePlatform)
    expect(code).toBe(1)
    expect(stderr).toContain('idp.yaml exists but is not a regular file')
    expect(existsSync(join(dir, 'elsewhere.yaml'))).toBe(false)
  })
})

describe('the skeleton', () => {
  const values: SkeletonValues = {
    name: 'a',
    owner: 'b',
    description: 'c: d',
    image: 'ghcr.io/acme/a',
    port: '8080',
    deliverWorkflow: 'w',
    catalogMode: 'none'
  }

  it('is embedded as templates/skeleton holds it (npx tsx scripts/generate-skeleton.ts)', async () => {
    expect(readFileSync(join(repoRoot, 'shared/src/init/skeleton-files.ts'), 'utf8')).toBe(
      await skeletonModule(repoRoot)
    )
  })

  it('fills values, dumps JSON where asked, keeps raw blocks as written', () => {
    expect(
      fillSkeleton('f', 'n: ${{ values.name }} d: ${{ values.description | dump }}', values)
    ).toBe('n: a d: "c: d"')
    expect(fillSkeleton('f', 'x: {% raw %}${{ github.token }}{% endraw %}', values)).toBe(
      'x: ${{ github.token }}'
    )
  })

  it('refuses template syntax the scaffolder would read differently', () => {
    expect(() => fillSkeleton('f', '${{ values.nope }}', values)).toThrow(
      "unknown skeleton value 'nope'"
    )
    expect(() => fillSkeleton('f', '{% if values.name %}x{% endif %}', values)).toThrow(
      'template syntax'
    )
    expect(() => fillSkeleton('f', "--format '{{.Id}}'", values)).toThrow('template syntax')
  })

  it('writes template syntax in a value as given, as the scaffolder does', () => {
    // The scaffolder renders the skeleton once: `{{`, `${{` or `{%` in a value reach the file as
    // typed (verified against a real scaffolder's dry run). Only the skeleton's own text is checked.
    const description = 'Uses {{ 7*7 }}, ${{ values.name }} and {% raw %}'
    expect(
      fillSkeleton('f', '${{ values.description }} | ${{ values.description | dump }}', {
        ...values,
        description
      })
    ).toBe(`${description} | ${JSON.stringify(description)}`)
  })
})
