import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { commands } from '../shared/src/cli/commands.js'
import { captureCli } from '../shared/src/render/testing.js'
import { repoRoot } from './run-bundle.js'

describe('idp CLI', () => {
  it('offers a command for every action, and policy test', () => {
    const actions = readdirSync(join(repoRoot, 'actions')).sort()
    expect(
      commands
        .filter(c => c.action)
        .map(c => c.action)
        .sort()
    ).toEqual(actions)
    expect(commands.map(c => c.cli)).toContain('policy test')
  })

  it.each(commands.map(c => [c.cli, c] as const))(
    '`idp %s --help` documents every flag',
    async (cli, command) => {
      const { code, stdout } = await captureCli([...cli.split(' '), '--help'])
      expect(code).toBe(0)
      for (const input of command.inputs) expect(stdout).toContain(`--${input.name}`)
    }
  )

  it('lists the commands and refuses an unknown one with exit 2', async () => {
    expect((await captureCli(['--help'])).stdout).toContain('render')
    const unknown = await captureCli(['deploy'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("unknown command 'deploy'")
  })

  it('package.json names bin/idp.js as the idp binary', () => {
    expect(JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).bin).toEqual({
      idp: 'bin/idp.js'
    })
  })
})
