// The published CLI as a user gets it: `npm pack` (which builds the bundle), `npm install -g` of the
// tarball into a temporary prefix, offline, and every command run from a folder with no clone and no
// node_modules in reach.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { commands } from '../../shared/src/cli/commands.js'
import { IDP_VERSION } from '../../shared/src/version.js'

const packageDir = dirname(fileURLToPath(import.meta.url))
const repoRoot = join(packageDir, '..', '..')
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

let scratch: string
let idp: string
let work: string

function run(args: string[], cwd = work) {
  const result = spawnSync(idp, args, {
    cwd,
    encoding: 'utf8',
    // A clean environment: no NODE_OPTIONS from jest, no colour, no tsx loader.
    env: { PATH: process.env.PATH, HOME: scratch, NO_COLOR: '1' }
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'idp-pack-'))
  const npmEnv: NodeJS.ProcessEnv = { ...process.env, npm_config_cache: join(scratch, 'npm-cache') }
  delete npmEnv.NODE_OPTIONS
  const packed = spawnSync(npm, ['pack', '--pack-destination', scratch], {
    cwd: packageDir,
    encoding: 'utf8',
    env: npmEnv
  })
  if (packed.status !== 0) throw new Error(`npm pack failed:\n${packed.stderr}`)
  // The prepack build writes to stdout too; the tarball is the one file npm pack leaves here.
  const tarball = join(
    scratch,
    readdirSync(scratch).find(f => f.endsWith('.tgz'))!
  )
  const prefix = join(scratch, 'global')
  const installed = spawnSync(
    npm,
    ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tarball],
    { cwd: scratch, encoding: 'utf8', env: npmEnv }
  )
  if (installed.status !== 0) throw new Error(`npm install -g failed:\n${installed.stderr}`)
  idp = join(prefix, 'bin', 'idp')
  work = join(scratch, 'work')
  cpSync(join(repoRoot, 'examples', 'checkout'), work, { recursive: true })
  cpSync(join(repoRoot, 'examples', 'platform'), join(work, 'platform'), { recursive: true })
}, 180_000)

afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('the packed @acme/idp CLI', () => {
  it('is a package with no runtime dependencies, at the version renders record', () => {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
    expect(manifest.name).toBe('@acme/idp')
    expect(manifest.version).toBe(IDP_VERSION)
    expect(manifest.bin).toEqual({ idp: 'bin/idp.js' })
    expect(manifest.dependencies ?? {}).toEqual({})
    expect(manifest.private).toBeUndefined()
    const installed = join(scratch, 'global', 'lib', 'node_modules', '@acme', 'idp')
    expect(readdirSync(installed).sort()).toEqual(['bin', 'dist', 'package.json'])
    expect(existsSync(join(installed, 'node_modules'))).toBe(false)
  })

  it('answers `idp --help` with every command', () => {
    const { code, stdout } = run(['--help'])
    expect(code).toBe(0)
    for (const command of commands) expect(stdout).toContain(command.cli)
  })

  it.each(commands.map(c => [c.cli] as const))('answers `idp %s --help`', cli => {
    const { code, stdout, stderr } = run([...cli.split(' '), '--help'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain(`Usage: idp ${cli}`)
  })

  it('renders examples/checkout with the example platform config', () => {
    const digest = (c: string) => `sha256:${c.repeat(64)}`
    const images = [
      `checkout=ghcr.io/acme/checkout@${digest('a')}`,
      `checkout-worker=ghcr.io/acme/checkout-worker@${digest('b')}`,
      `nightly-report=ghcr.io/acme/checkout-report@${digest('c')}`
    ].join('\n')
    const { code, stdout, stderr } = run([
      'render',
      '--platform-config',
      'platform/platform.yaml',
      '--image',
      images
    ])
    expect(stderr).not.toContain('    at ')
    expect(code).toBe(0)
    expect(stdout).toMatch(/^environments=\[.*"prod".*\]$/m)
    const record = JSON.parse(
      readFileSync(join(work, 'rendered', 'prod', '.idp', 'render.json'), 'utf8')
    )
    expect(record.service).toBe('checkout')
    expect(record.idpVersion ?? IDP_VERSION).toBe(IDP_VERSION)
  })

  it('scaffolds a service repository with idp init (the skeleton travels in the bundle)', () => {
    const service = join(scratch, 'new-service')
    mkdirSync(service)
    const { code, stderr } = run(
      [
        'init',
        '--name',
        'payments',
        '--owner',
        'team-payments',
        '--platform-config',
        join(work, 'platform', 'platform.yaml')
      ],
      service
    )
    expect(stderr).not.toContain('error')
    expect(code).toBe(0)
    expect(readFileSync(join(service, 'idp.yaml'), 'utf8')).toContain('name: payments')
    expect(existsSync(join(service, '.github', 'workflows', 'deliver.yml'))).toBe(true)
  })

  it('validates what it rendered', () => {
    const { code, stderr } = run([
      'validate',
      '--manifests',
      'rendered/dev',
      '--platform-config',
      'platform/platform.yaml'
    ])
    expect(stderr).not.toContain('    at ')
    expect(code).toBe(0)
  })

  it('runs the offline Kyverno test runner', () => {
    const { code, stdout } = run(['policy', 'test', 'platform/policies'])
    expect(stdout).toMatch(/\d+ passed, \d+ failed\n$/)
    expect([0, 1]).toContain(code)
  })
})
