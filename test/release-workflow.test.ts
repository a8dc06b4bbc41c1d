// The shell steps of release.yml, run as written (bash, the step's env) in a scratch folder: the version
// checks, the release notes taken from the CHANGELOG, and moving the major tag — the latter against a
// `gh` stand-in on PATH that answers the two REST reads the step makes and records the writes.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { repoRoot } from './run-bundle.js'

interface Step {
  readonly name?: string
  readonly run?: string
}
const release = parse(readFileSync(join(repoRoot, '.github/workflows/release.yml'), 'utf8')) as {
  jobs: Record<string, { steps: Step[] }>
}
const script = (name: string) => {
  const step = Object.values(release.jobs)
    .flatMap(j => j.steps)
    .find(s => s.name === name)
  if (!step?.run) throw new Error(`release.yml has no step '${name}'`)
  return step.run
}

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'idp-release-'))
  // A release commit of 1.4.0: versions bumped, the Unreleased section dated.
  cpSync(join(repoRoot, '.github/workflows'), join(dir, '.github/workflows'), { recursive: true })
  mkdirSync(join(dir, 'shared/src'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'idp', version: '1.4.0' }))
  writeFileSync(join(dir, 'shared/src/version.ts'), "export const IDP_VERSION = '1.4.0'\n")
  const changelog = readFileSync(join(repoRoot, 'CHANGELOG.md'), 'utf8')
  expect(changelog).toContain('## [Unreleased]')
  writeFileSync(
    join(dir, 'CHANGELOG.md'),
    changelog.replace('## [Unreleased]', '## [Unreleased]\n\n## [1.4.0] - 2026-11-25')
  )
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function run(step: string, env: Record<string, string>) {
  const result = spawnSync(
    'bash',
    ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script(step)],
    {
      cwd: dir,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, RUNNER_TEMP: dir, ...env },
      encoding: 'utf8'
    }
  )
  return { status: result.status, out: result.stdout + result.stderr }
}

describe('Check version numbers', () => {
  it('passes when the tag, package.json, version.ts, CHANGELOG and workflow refs agree', () => {
    expect(run('Check version numbers', { TAG: 'v1.4.0' })).toEqual({ status: 0, out: '' })
  })

  it('fails on a tag that is not the version of package.json', () => {
    const result = run('Check version numbers', { TAG: 'v1.4.1' })
    expect(result.status).toBe(1)
    expect(result.out).toMatch(/package.json says 1.4.0, the tag says 1.4.1/)
  })

  it('fails on a new major whose reusable workflows still call the actions at @v1', () => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'idp', version: '2.0.0' }))
    writeFileSync(join(dir, 'shared/src/version.ts'), "export const IDP_VERSION = '2.0.0'\n")
    const changelog = join(dir, 'CHANGELOG.md')
    writeFileSync(changelog, readFileSync(changelog, 'utf8').replace('[1.4.0]', '[2.0.0]'))
    const result = run('Check version numbers', { TAG: 'v2.0.0' })
    expect(result.status).toBe(1)
    expect(result.out).toMatch(/must call the actions at @v2, found: v1/)
  })

  it('fails when the reusable workflows call the actions at another major', () => {
    const file = join(dir, '.github/workflows/promote.yml')
    writeFileSync(file, readFileSync(file, 'utf8').replace('promote@v1', 'promote@v2'))
    const result = run('Check version numbers', { TAG: 'v1.4.0' })
    expect(result.status).toBe(1)
    expect(result.out).toMatch(/must call the actions at @v1, found: v1 v2/)
  })

  it('fails without a CHANGELOG section for the version', () => {
    writeFileSync(join(dir, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n')
    const result = run('Check version numbers', { TAG: 'v1.4.0' })
    expect(result.status).toBe(1)
    expect(result.out).toMatch(/no '## \[1.4.0\]' section/)
  })
})

it('takes the release notes from the version section, without link definitions', () => {
  expect(run('Release notes from the CHANGELOG', { TAG: 'v1.4.0' }).status).toBe(0)
  const notes = readFileSync(join(dir, 'notes.md'), 'utf8')
  expect(notes).toContain('`actions/render-manifests`')
  expect(notes).not.toMatch(/^## /m)
  expect(notes).not.toMatch(/^\[Unreleased\]:/m)
})

describe('Move the major tag', () => {
  /** A `gh` on PATH: answers matching-refs and ref reads from `tags`, records every call. */
  function fakeGh(tags: string[]) {
    const bin = join(dir, 'bin')
    mkdirSync(bin)
    const log = join(dir, 'gh-calls')
    writeFileSync(
      join(bin, 'gh'),
      [
        '#!/usr/bin/env bash',
        `echo "$*" >> '${log}'`,
        'args="$*"',
        'case "$args" in',
        `  *matching-refs/tags/*) printf '%s\\n' ${tags.map(t => `refs/tags/${t}`).join(' ')} ;;`,
        `  "api repos/acme/idp/git/ref/tags/"*) tag="\${args##*/}"; case " ${tags.join(' ')} " in *" $tag "*) echo '{}' ;; *) exit 1 ;; esac ;;`,
        'esac'
      ].join('\n')
    )
    chmodSync(join(bin, 'gh'), 0o755)
    return {
      path: `${bin}:${process.env.PATH}`,
      calls: () =>
        readFileSync(log, 'utf8')
          .trim()
          .split('\n')
          .filter(l => / -X /.test(l))
    }
  }
  const env = (path: string, tag: string) => ({
    PATH: path,
    TAG: tag,
    SHA: 'c0ffee',
    GH_TOKEN: 'x',
    GITHUB_REPOSITORY: 'acme/idp'
  })

  it('moves v1 to the newest release', () => {
    const gh = fakeGh(['v1', 'v1.3.0', 'v1.4.0'])
    const result = run('Move the major tag', env(gh.path, 'v1.4.0'))
    expect(result.status).toBe(0)
    expect(gh.calls()).toEqual([
      'api -X PATCH repos/acme/idp/git/refs/tags/v1 -f sha=c0ffee -F force=true'
    ])
  })

  it('creates v2 for the first release of a major', () => {
    const gh = fakeGh(['v1', 'v1.4.0', 'v2.0.0'])
    expect(run('Move the major tag', env(gh.path, 'v2.0.0')).status).toBe(0)
    expect(gh.calls()).toEqual([
      'api -X POST repos/acme/idp/git/refs -f ref=refs/tags/v2 -f sha=c0ffee'
    ])
  })

  it('leaves v1 alone for a patch to an older minor line', () => {
    const gh = fakeGh(['v1', 'v1.3.0', 'v1.3.1', 'v1.4.0'])
    const result = run('Move the major tag', env(gh.path, 'v1.3.1'))
    expect(result.status).toBe(0)
    expect(result.out).toMatch(/v1 stays where it is: v1.4.0 is newer than v1.3.1/)
    expect(gh.calls()).toEqual([])
  })
})
