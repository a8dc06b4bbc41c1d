import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { detectSource } from './provenance.js'
import { tempDir } from './testing.js'

// The render record's repository and commit are those of the git repository holding idp.yaml, not of
// the folder the process runs in (a CLI run from another checkout, an action whose service repository
// is checked out into a subfolder).

const work = tempDir('provenance-repository')
afterAll(() => work.remove())

function repository(dir: string, origin: string, date: string): string {
  mkdirSync(dir, { recursive: true })
  const git = (...args: string[]) => {
    const result = spawnSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: dir,
        GIT_AUTHOR_NAME: 't',
        GIT_AUTHOR_EMAIL: 't@example.test',
        GIT_COMMITTER_NAME: 't',
        GIT_COMMITTER_EMAIL: 't@example.test',
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_DATE: date
      }
    })
    if (result.status !== 0) throw new Error(result.stderr)
    return result.stdout.trim()
  }
  git('init', '-q', '-b', 'main')
  git('remote', 'add', 'origin', origin)
  writeFileSync(join(dir, 'idp.yaml'), `# ${origin}\n`)
  git('add', 'idp.yaml')
  git('commit', '-q', '-m', 'init')
  return git('rev-parse', 'HEAD')
}

describe('detectSource', () => {
  const workspace = join(work.path, 'platform-repo')
  const service = join(work.path, 'platform-repo', 'checkouts', 'shop')
  const workspaceCommit = repository(
    workspace,
    'https://github.com/acme/platform.git',
    '2026-01-01T00:00:00Z'
  )
  const serviceCommit = repository(
    service,
    'https://github.com/acme/shop.git',
    '2026-02-02T02:02:02Z'
  )

  it('takes repository, commit and time from the repository holding idp.yaml', () => {
    const source = detectSource(workspace, {}, service)
    expect(source).toMatchObject({
      repository: 'https://github.com/acme/shop.git',
      commit: serviceCommit,
      commitTime: '2026-02-02T02:02:02.000Z'
    })
  })

  it('ignores GITHUB_SHA and GITHUB_REPOSITORY when they name another repository than idp.yaml’s', () => {
    const source = detectSource(
      workspace,
      { GITHUB_SHA: workspaceCommit, GITHUB_REPOSITORY: 'acme/platform', GITHUB_RUN_NUMBER: '7' },
      service
    )
    expect(source).toMatchObject({ commit: serviceCommit, runNumber: 7 })
    expect(source.repository).toBe('https://github.com/acme/shop.git')
  })

  it('uses GITHUB_* when idp.yaml lies in the workspace repository', () => {
    const source = detectSource(
      workspace,
      { GITHUB_SHA: workspaceCommit, GITHUB_REPOSITORY: 'acme/platform' },
      workspace
    )
    expect(source).toMatchObject({
      repository: 'acme/platform',
      commit: workspaceCommit,
      commitTime: '2026-01-01T00:00:00.000Z'
    })
  })
})
