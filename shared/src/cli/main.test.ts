import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { renderCommand } from '../commands/render.js'
import { annotationsFor } from '../policy/reporters/annotations.js'
import { ResultSet } from '../policy/result-set.js'
import type { Finding } from '../policy/finding.js'
import { captureCli } from '../render/testing.js'
import { runLocal } from '../runtime/local.js'
import { RecordingLogger } from '../runtime/logger.js'
import { withSurface } from '../runtime/surface.js'
import { colourFor } from './main.js'

const checkout = ['--descriptor', 'examples/checkout/idp.yaml']
const platform = ['--platform-config', 'examples/platform/platform.yaml']

describe('idp <group> --help', () => {
  it('lists the commands of the policy group', async () => {
    const { code, stdout, stderr } = await captureCli(['policy', '--help'])
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain('Usage: idp policy <command>')
    expect(stdout).toContain('policy test')
  })

  it('answers a group without its command with the group usage and exit 2', async () => {
    const { code, stderr } = await captureCli(['policy'])
    expect(code).toBe(2)
    expect(stderr).toContain('Usage: idp policy <command>')
  })

  it('refuses an unknown command of a group with exit 2', async () => {
    const { code, stderr } = await captureCli(['policy', 'lint'])
    expect(code).toBe(2)
    expect(stderr).toContain("unknown command 'policy lint'")
  })
})

describe('messages name inputs the way the user gave them', () => {
  it('says --platform-config on the command line', async () => {
    const { code, stderr } = await captureCli(['render', ...checkout])
    expect(code).toBe(1)
    expect(stderr).toContain('--platform-config is required')
    expect(stderr).not.toContain("Input '")
  })

  it("says input 'platform-config' in an action", async () => {
    const run = await runLocal(
      renderCommand,
      { descriptor: 'examples/checkout/idp.yaml' },
      { workspace: process.cwd(), logger: new RecordingLogger() }
    )
    expect(run.failure).toContain("Input 'platform-config' is required")
  })

  it('says --image for a wrong image on the command line', async () => {
    const { code, stderr } = await captureCli([
      'render',
      ...checkout,
      ...platform,
      '--image',
      'nope=ghcr.io/acme/nope:1'
    ])
    expect(code).toBe(1)
    expect(stderr).toContain("--image names component 'nope'")
    expect(stderr).not.toMatch(/[Ii]nput 'image'/)
  })
})

describe('terminal output', () => {
  it('colours only a TTY, and never with NO_COLOR', () => {
    expect(colourFor({ isTTY: true }, {})('error', 'x')).toBe('\x1b[31mx\x1b[39m')
    expect(colourFor({ isTTY: false }, {})('error', 'x')).toBe('x')
    expect(colourFor({ isTTY: true }, { NO_COLOR: '1' })('error', 'x')).toBe('x')
    expect(colourFor({ isTTY: true }, { NO_COLOR: '' })('warning', 'x')).toBe('\x1b[33mx\x1b[39m')
    expect(colourFor({ isTTY: true }, { TERM: 'dumb' })('error', 'x')).toBe('x')
  })

  it('prints no escape codes when stderr is not a terminal', async () => {
    const { stderr } = await captureCli(['render', ...checkout])
    expect(stderr).not.toContain('\x1b[')
  })

  it("shows the control characters of a hostile idp.yaml as text, never acting on them in the developer's terminal", async () => {
    // Inside the repository (the CLI reads only there): a git-ignored folder.
    mkdirSync(join(process.cwd(), '.tmp'), { recursive: true })
    const folder = mkdtempSync(join(process.cwd(), '.tmp', 'terminal-'))
    try {
      const descriptor = join(folder, 'idp.yaml')
      writeFileSync(
        descriptor,
        readFileSync('examples/checkout/idp.yaml', 'utf8').replace(
          'image: ghcr.io/acme/checkout ',
          'image: "ghcr.io/acme/\\e]52;c;ZXZpbA==\\a\\e[2J\\rcheckout\\u009b1m\\u202e" '
        )
      )
      const { code, stderr } = await captureCli([
        'render',
        '--descriptor',
        relative(process.cwd(), descriptor),
        ...platform
      ])
      expect(code).toBe(1)
      expect(stderr).toContain('is not a valid image reference')
      // eslint-disable-next-line no-control-regex
      expect(stderr).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202e]/)
      expect(stderr).toContain('\\u001b]52;c;ZXZpbA==')
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  it('answers a bare `idp` with the usage on stderr and exit 2', async () => {
    const { code, stdout, stderr } = await captureCli([])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain('Usage: idp <command>')
  })

  it('documents the exit codes in `idp --help`', async () => {
    const { stdout } = await captureCli(['--help'])
    expect(stdout).toMatch(/Exit codes:\n\s+0 [^\n]*\n\s+1 [\s\S]*\n\s+2 /)
  })

  it("keeps GitHub's 10 annotations per level to actions", async () => {
    const findings: Finding[] = Array.from({ length: 12 }, (_, i) => ({
      source: 'guardrail',
      policy: 'p',
      rule: `r${i}`,
      result: 'fail',
      severity: 'error',
      message: `finding ${i}`
    }))
    const results = new ResultSet(findings)
    const inAction = annotationsFor(results)
    expect(inAction.filter(a => a.level === 'error')).toHaveLength(10)
    expect(inAction.at(-1)?.message).toContain('GitHub shows 10')
    const inTerminal = await withSurface('cli', async () => annotationsFor(results))
    expect(inTerminal.filter(a => a.level === 'error')).toHaveLength(12)
    expect(inTerminal.map(a => a.message).join('\n')).not.toContain('GitHub')
  })
})
