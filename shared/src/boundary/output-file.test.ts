// A report or catalog file idp writes is a file: a path naming an existing folder is a mistake in the
// input, refused by name before anything runs, never an EISDIR "internal error" at the end.
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { catalogCommand } from '../commands/catalog.js'
import { validateCommand } from '../commands/validate.js'
import type { CommandContext } from '../runtime/command.js'
import { withDefaults } from '../runtime/command.js'
import { UserError } from '../runtime/errors.js'
import { silentLogger } from '../runtime/logger.js'
import { serviceOutputFile } from './inputs.js'

const workspace = mkdtempSync(join(tmpdir(), 'idp-output-file-'))
mkdirSync(join(workspace, 'reports'))
afterAll(() => rmSync(workspace, { recursive: true, force: true }))

const context: CommandContext = {
  logger: silentLogger,
  summary: { append: () => undefined },
  env: {},
  workspace
}

describe('output files', () => {
  it('accepts a new or existing file path and refuses a folder', () => {
    expect(serviceOutputFile(context, 'reports/r.yaml', 'The report file')).toBe(
      join(workspace, 'reports/r.yaml')
    )
    for (const folder of ['reports', '.', 'reports/', ''])
      expect(() => serviceOutputFile(context, folder, 'The report file')).toThrow(UserError)
    expect(() => serviceOutputFile(context, 'reports', 'The report file')).toThrow(
      "The report file 'reports' is a folder, not a file."
    )
  })

  it.each([
    ['validate', validateCommand, 'report-file'],
    ['validate', validateCommand, 'sarif-file'],
    ['catalog', catalogCommand, 'output']
  ] as const)('%s refuses --%s naming a folder', (_cli, command, input) => {
    const values: Record<string, string> = { [input]: 'reports', 'platform-config': 'p.yaml' }
    const read = withDefaults(command as never, name => values[name])
    expect(() => command.settings(read, context)).toThrow(/is a folder/)
  })
})
