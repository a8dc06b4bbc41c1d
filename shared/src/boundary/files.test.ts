import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isUserError } from '../runtime/errors.js'
import { withSurface } from '../runtime/surface.js'
import {
  gitToplevel,
  readOptionalServiceFile,
  readServiceFile,
  resolveServiceFolder
} from './files.js'
import { copyPublishableFolder, listServiceFolder, passesThroughLink } from './folders.js'
import { repositoryRoot } from './inputs.js'

const what = 'The service descriptor'

/** The UserError message a call throws; fails the test when it returns or throws something else. */
function refusal(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (isUserError(error)) return error.message
    throw error
  }
  throw new Error('expected a refusal, got a result')
}

describe('readServiceFile', () => {
  let root: string
  let outside: string
  beforeEach(() => {
    const base = mkdtempSync(join(tmpdir(), 'idp-boundary-'))
    root = join(base, 'repo')
    outside = join(base, 'outside')
    mkdirSync(root)
    mkdirSync(outside)
    writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET\n')
    writeFileSync(join(root, 'idp.yaml'), 'kind: Service\n')
  })
  afterEach(() => rmSync(join(root, '..'), { recursive: true, force: true }))

  it('reads a file inside the root as text', () => {
    expect(readServiceFile(root, 'idp.yaml', { what })).toBe('kind: Service\n')
    expect(readServiceFile(root, join(root, 'idp.yaml'), { what })).toBe('kind: Service\n')
  })

  it('follows a link that stays inside the root', () => {
    mkdirSync(join(root, 'svc'))
    symlinkSync('../idp.yaml', join(root, 'svc', 'idp.yaml'))
    expect(readServiceFile(root, 'svc/idp.yaml', { what })).toBe('kind: Service\n')
  })

  it('refuses a symbolic link to /etc/passwd', () => {
    symlinkSync('/etc/passwd', join(root, 'evil.yaml'))
    const message = refusal(() => readServiceFile(root, 'evil.yaml', { what }))
    expect(message).toContain("The service descriptor 'evil.yaml'")
    expect(message).toContain('symbolic link that leads outside the repository')
    expect(message).not.toContain('root:')
  })

  it('refuses a link to a file next to the repository', () => {
    symlinkSync(join(outside, 'secret.txt'), join(root, 'idp.yaml.link'))
    expect(refusal(() => readServiceFile(root, 'idp.yaml.link', { what }))).toContain(
      'leads outside the repository'
    )
  })

  it('refuses a linked folder in the middle of the path', () => {
    symlinkSync(outside, join(root, 'docs'))
    expect(refusal(() => readServiceFile(root, 'docs/secret.txt', { what }))).toContain(
      "'docs/secret.txt' is or passes through a symbolic link"
    )
  })

  it('refuses ../ paths and absolute paths outside the root before touching them', () => {
    expect(refusal(() => readServiceFile(root, '../../../../etc/passwd', { what }))).toMatch(
      /'..\/..\/..\/..\/etc\/passwd' is outside the repository/
    )
    expect(refusal(() => readServiceFile(root, '/etc/passwd', { what }))).toContain(
      "'/etc/passwd' is outside the repository"
    )
    expect(refusal(() => readServiceFile(root, '../outside/secret.txt', { what }))).toContain(
      'is outside the repository'
    )
  })

  it('names the line the path was written on', () => {
    const position = { file: 'idp.yaml', line: 7, column: 17 }
    const error = (() => {
      try {
        readServiceFile(root, '../outside/secret.txt', { what: 'The API definition', position })
      } catch (e) {
        return e
      }
    })()
    expect(isUserError(error) && error.problems[0].position).toEqual(position)
  })

  it('refuses a FIFO without blocking', () => {
    execFileSync('mkfifo', [join(root, 'pipe.yaml')])
    const started = Date.now()
    expect(refusal(() => readServiceFile(root, 'pipe.yaml', { what }))).toContain(
      "'pipe.yaml' is a FIFO (named pipe), not a regular file"
    )
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('refuses devices', () => {
    expect(refusal(() => readServiceFile('/dev', 'zero', { what }))).toContain(
      "'zero' is a device, not a regular file"
    )
    symlinkSync('/dev/zero', join(root, 'zero.yaml'))
    expect(refusal(() => readServiceFile(root, 'zero.yaml', { what }))).toContain(
      'leads outside the repository'
    )
  })

  it('caps the bytes actually read, not what stat says (/proc files have size 0)', () => {
    symlinkSync('/proc/self/environ', join(root, 'environ.yaml'))
    expect(refusal(() => readServiceFile(root, 'environ.yaml', { what }))).toContain(
      'leads outside the repository'
    )
    if (!existsSync('/proc/self/status')) return
    // Even where /proc is the root, a file stat calls empty is read only up to the cap.
    expect(
      refusal(() => readServiceFile('/proc/self', 'status', { what, maxBytes: 16 }))
    ).toContain("'status' is larger than 16 bytes")
  })

  it('refuses a folder given as a file', () => {
    mkdirSync(join(root, 'rendered'))
    expect(refusal(() => readServiceFile(root, 'rendered', { what }))).toContain(
      "'rendered' is a folder, not a file"
    )
  })

  it('refuses a huge file without reading it all', () => {
    // 6 GiB, sparse: reading all of it would fail (or take the machine's memory).
    truncateSync(join(root, 'idp.yaml'), 6 * 1024 * 1024 * 1024)
    const started = Date.now()
    expect(
      refusal(() => readServiceFile(root, 'idp.yaml', { what, maxBytes: 1024 * 1024 }))
    ).toContain('at most 1024 KiB is accepted')
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('refuses binary content', () => {
    writeFileSync(join(root, 'bin.yaml'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0xff]))
    expect(refusal(() => readServiceFile(root, 'bin.yaml', { what }))).toContain(
      'is not a UTF-8 text file'
    )
  })

  it('says what is missing, and optional reads return undefined', () => {
    expect(refusal(() => readServiceFile(root, 'nope.yaml', { what }))).toContain(
      "The service descriptor 'nope.yaml' was not found."
    )
    expect(readOptionalServiceFile(root, 'nope.yaml', { what })).toBeUndefined()
    symlinkSync('/etc/passwd', join(root, 'evil.yaml'))
    expect(refusal(() => readOptionalServiceFile(root, 'evil.yaml', { what }))).toContain(
      'leads outside'
    )
  })

  it('resolves relative paths against a base folder, still inside the root', () => {
    mkdirSync(join(root, 'svc'))
    writeFileSync(join(root, 'svc', 'openapi.yaml'), 'openapi: 3.0.0\n')
    const options = { what: 'The API definition', base: join(root, 'svc') }
    expect(readServiceFile(root, 'openapi.yaml', options)).toBe('openapi: 3.0.0\n')
    expect(readServiceFile(root, '../idp.yaml', options)).toBe('kind: Service\n')
    expect(refusal(() => readServiceFile(root, '../../outside/secret.txt', options))).toContain(
      'is outside the repository'
    )
  })

  it('resolveServiceFolder refuses files and links out', () => {
    symlinkSync(outside, join(root, 'rendered'))
    expect(refusal(() => resolveServiceFolder(root, 'rendered', { what: "Input 'x'" }))).toContain(
      'leads outside'
    )
    expect(refusal(() => resolveServiceFolder(root, 'idp.yaml', { what: "Input 'x'" }))).toContain(
      'is a file, not a folder'
    )
  })
})

describe('listServiceFolder and copyPublishableFolder', () => {
  let root: string
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'idp-boundary-walk-'))
    mkdirSync(join(root, 'rendered/dev/.idp'), { recursive: true })
    writeFileSync(join(root, 'rendered/dev/app.yaml'), 'kind: Application\n')
    writeFileSync(join(root, 'rendered/dev/.idp/render.json'), '{}\n')
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))

  const walk = (symlinks: 'inside' | 'refuse') =>
    listServiceFolder(root, 'rendered', { what: "Input 'manifests'", symlinks })

  it('lists regular files, sorted', () => {
    expect(walk('inside').map(f => f.slice(root.length + 1))).toEqual([
      'rendered/dev/.idp/render.json',
      'rendered/dev/app.yaml'
    ])
  })

  it('lists under the path as given when the repository itself is reached through a link', () => {
    const alias = `${root}-alias`
    symlinkSync(root, alias)
    try {
      const files = listServiceFolder(alias, 'rendered', {
        what: "Input 'manifests'",
        symlinks: 'refuse'
      })
      expect(files).toEqual([
        join(alias, 'rendered/dev/.idp/render.json'),
        join(alias, 'rendered/dev/app.yaml')
      ])
    } finally {
      rmSync(alias)
    }
  })

  it('refuses a link out of the repository inside a walked folder', () => {
    symlinkSync('/etc/passwd', join(root, 'rendered/dev/passwd.yaml'))
    expect(refusal(() => walk('inside'))).toContain(
      "'rendered/dev/passwd.yaml' is or passes through a symbolic link that leads outside"
    )
  })

  it('walks a linked folder inside the root once, even in a loop', () => {
    symlinkSync('..', join(root, 'rendered/dev/loop'))
    expect(walk('inside')).toHaveLength(2)
  })

  it('refuses every link, a nested .git and special files in a published folder', () => {
    symlinkSync('app.yaml', join(root, 'rendered/dev/alias.yaml'))
    expect(refusal(() => walk('refuse'))).toContain(
      'holds a symbolic link (rendered/dev/alias.yaml)'
    )
    rmSync(join(root, 'rendered/dev/alias.yaml'))
    writeFileSync(join(root, 'rendered/dev/.git'), 'gitdir: /somewhere\n')
    expect(refusal(() => walk('refuse'))).toContain("holds a nested '.git' (rendered/dev/.git)")
    rmSync(join(root, 'rendered/dev/.git'))
    mkdirSync(join(root, 'rendered/dev/sub/.git'), { recursive: true })
    expect(refusal(() => walk('refuse'))).toContain('rendered/dev/sub/.git')
    rmSync(join(root, 'rendered/dev/sub'), { recursive: true })
    execFileSync('mkfifo', [join(root, 'rendered/dev/pipe.yaml')])
    expect(refusal(() => walk('refuse'))).toContain('is a FIFO (named pipe)')
  })

  it('copies only regular files of a clean folder, and refuses one with a link', () => {
    const destination = mkdtempSync(join(tmpdir(), 'idp-boundary-copy-'))
    try {
      const folder = join(root, 'rendered/dev')
      copyPublishableFolder(folder, destination, {
        what: 'The folder to promote',
        display: 'rendered/dev'
      })
      expect(readFileSync(join(destination, 'app.yaml'), 'utf8')).toBe('kind: Application\n')
      expect(readFileSync(join(destination, '.idp/render.json'), 'utf8')).toBe('{}\n')
      symlinkSync('/etc/passwd', join(folder, 'passwd.yaml'))
      expect(
        refusal(() =>
          copyPublishableFolder(folder, destination, {
            what: 'The folder to promote',
            display: 'rendered/dev'
          })
        )
      ).toContain(
        "The folder to promote 'rendered/dev' holds a symbolic link (rendered/dev/passwd.yaml)"
      )
      expect(existsSync(join(destination, 'passwd.yaml'))).toBe(false)
    } finally {
      rmSync(destination, { recursive: true, force: true })
    }
  })
})

describe('passesThroughLink', () => {
  it('says whether a part of the path below the root is a link', () => {
    const base = mkdtempSync(join(tmpdir(), 'idp-boundary-link-'))
    try {
      mkdirSync(join(base, 'envs/dev/shop'), { recursive: true })
      symlinkSync('/etc', join(base, 'envs/prod'))
      expect(passesThroughLink(base, join(base, 'envs/dev/shop'))).toBe(false)
      expect(passesThroughLink(base, join(base, 'envs/prod/shop'))).toBe(true)
      expect(passesThroughLink(base, join(base, 'envs/qa/shop'))).toBe(false)
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
  })
})

describe('repositoryRoot', () => {
  it('is the workspace in an action and the git top level in the CLI', async () => {
    const base = mkdtempSync(join(tmpdir(), 'idp-boundary-root-'))
    try {
      mkdirSync(join(base, '.git'))
      mkdirSync(join(base, 'services/shop'), { recursive: true })
      const workspace = join(base, 'services/shop')
      expect(repositoryRoot({ workspace })).toBe(workspace)
      await withSurface('cli', async () => expect(repositoryRoot({ workspace })).toBe(base))
      expect(gitToplevel(workspace)).toBe(base)
    } finally {
      rmSync(base, { recursive: true, force: true })
    }
  })
})
