import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RenderRecord } from '../render/record.js'
import { isUserError } from '../runtime/errors.js'
import { RecordingLogger } from '../runtime/logger.js'
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js'
import { normaliseRepoPath } from './folder.js'
import { holdsSameRelease } from './gates.js'
import { configureGitAuth, httpOrigin } from './git-auth-helper.js'
import { gitEnvironment } from './git-environment.js'
import { resolveRemote } from './remote.js'
import { compareRenders } from './render-guard.js'
import { redact } from './resource-diff.js'
import { parseTrailers, withTrailers } from './trailers.js'

const record = (source: Partial<RenderRecord['source']>, extra: Partial<RenderRecord> = {}) =>
  ({
    service: 'checkout',
    environment: 'dev',
    digest: 'sha256:1',
    images: { api: 'x:1' },
    source: { descriptor: 'idp.yaml', ...source },
    ...extra
  }) as RenderRecord

describe('backoff', () => {
  it('grows by 1.5 from 1 s, jitters ±50 % and never waits more than 30 s', () => {
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0.5)).toBe(1000)
    expect(backoffDelay(2, DEFAULT_BACKOFF, () => 0.5)).toBe(1500)
    expect(backoffDelay(3, DEFAULT_BACKOFF, () => 0.5)).toBe(2250)
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 0)).toBe(500)
    expect(backoffDelay(1, DEFAULT_BACKOFF, () => 1)).toBe(1500)
    expect(backoffDelay(20, DEFAULT_BACKOFF, () => 1)).toBe(30000)
  })
})

describe('render ordering', () => {
  it.each([
    [{ commitTime: '2026-01-01T00:00:00Z' }, { commitTime: '2026-01-02T00:00:00Z' }, 'newer'],
    [{ commitTime: '2026-01-02T00:00:00Z' }, { commitTime: '2026-01-01T00:00:00Z' }, 'older'],
    [
      { commitTime: '2026-01-01T00:00:00Z', runNumber: 5 },
      { commitTime: '2026-01-01T00:00:00Z', runNumber: 4 },
      'older'
    ],
    [{ runNumber: 5 }, { runNumber: 6 }, 'newer'],
    [
      { commitTime: '2026-01-01T00:00:00Z', runNumber: 5 },
      { commitTime: '2026-01-01T00:00:00Z', runNumber: 5 },
      'same'
    ],
    [{}, {}, 'unknown']
  ])('%j then %j is %s', (deployed, incoming, age) => {
    expect(compareRenders(record(deployed), record(incoming))).toBe(age)
  })
})

describe('gate release identity', () => {
  it('needs the same images, and the same digest or source commit', () => {
    const a = record({ commit: 'c1' }, { digest: 'sha256:a' })
    expect(holdsSameRelease(a, record({ commit: 'c1' }, { digest: 'sha256:b' }))).toBe(true)
    expect(holdsSameRelease(a, record({ commit: 'c2' }, { digest: 'sha256:a' }))).toBe(true)
    expect(holdsSameRelease(a, record({ commit: 'c2' }, { digest: 'sha256:b' }))).toBe(false)
    expect(
      holdsSameRelease(a, record({ commit: 'c1' }, { digest: 'sha256:a', images: { api: 'x:2' } }))
    ).toBe(false)
  })
})

describe('trailers', () => {
  it('round-trips through git interpret-trailers', () => {
    const message = withTrailers('promote checkout\n', [
      { key: 'Idp-Service', value: 'checkout' },
      { key: 'Idp-Run-Url', value: 'https://x/y\nwith newline' },
      { key: 'Idp-Empty', value: '' }
    ])
    const parsed = execFileSync('git', ['interpret-trailers', '--parse'], {
      input: message,
      encoding: 'utf8'
    })
    expect(parsed).toBe('Idp-Service: checkout\nIdp-Run-Url: https://x/y with newline\n')
    expect(parseTrailers(message)).toEqual({
      'Idp-Service': 'checkout',
      'Idp-Run-Url': 'https://x/y with newline'
    })
  })
})

describe('repository input', () => {
  it('resolves owner/name, URLs and paths, and refuses credentials and SSH', () => {
    expect(resolveRemote('acme/gitops', 'https://ghe.example/', '/nowhere')).toEqual({
      url: 'https://ghe.example/acme/gitops.git',
      display: 'acme/gitops',
      github: { owner: 'acme', repo: 'gitops' }
    })
    expect(resolveRemote('https://github.com/acme/gitops.git', '', '/').github).toEqual({
      owner: 'acme',
      repo: 'gitops'
    })
    expect(resolveRemote('/tmp', '', '/').url).toBe('file:///tmp')
    for (const bad of [
      'https://user:ghp_x@github.com/a/b.git',
      'git@github.com:a/b.git',
      'ssh://git@x/a/b',
      './missing-folder'
    ])
      expect(() => resolveRemote(bad, 'https://github.com', '/nowhere')).toThrow()
    try {
      resolveRemote('https://user:ghp_secret@github.com/a/b.git', '', '/')
    } catch (error) {
      expect(isUserError(error)).toBe(true)
      expect((error as Error).message).not.toContain('ghp_secret')
    }
  })

  it('accepts only folders inside the repository as path', () => {
    expect(normaliseRepoPath('/envs/prod/checkout/')).toBe('envs/prod/checkout')
    for (const bad of ['', '.', '..', 'a/../b', '.git/hooks', 'a//b', 'a\\b'])
      expect(() => normaliseRepoPath(bad)).toThrow()
  })
})

describe('git auth helper', () => {
  it('hands the header to git through an unlinked file on fd 3: not in the environment, argv or on disk', () => {
    const logger = new RecordingLogger()
    const runnerTemp = mkdtempSync(join(tmpdir(), 'idp-auth-'))
    try {
      const auth = configureGitAuth('https://github.example/acme/gitops.git', 'tok3n', logger, {
        RUNNER_TEMP: runnerTemp
      })
      const basic = Buffer.from('x-access-token:tok3n').toString('base64')
      expect(auth.env).toEqual({
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'include.path',
        GIT_CONFIG_VALUE_0: '/proc/self/fd/3'
      })
      expect(JSON.stringify(auth.env)).not.toContain('tok3n')
      expect(JSON.stringify(auth.env)).not.toContain(basic)
      expect(auth.fd).toEqual(expect.any(Number))
      // Nothing on disk: a process killed now leaves no file that holds the token.
      const files = readdirSync(runnerTemp, { recursive: true, withFileTypes: true }).filter(e =>
        e.isFile()
      )
      expect(files).toEqual([])
      // git reads it through the inherited descriptor, for that origin only.
      const seen = (url: string) =>
        spawnSync('git', ['config', '--get-urlmatch', 'http.extraheader', url], {
          env: { ...process.env, ...auth.env },
          stdio: ['ignore', 'pipe', 'pipe', auth.fd!],
          encoding: 'utf8'
        }).stdout.trim()
      expect(seen('https://github.example/acme/gitops.git')).toBe(`AUTHORIZATION: basic ${basic}`)
      expect(seen('https://github.example/acme/other.git')).toBe(`AUTHORIZATION: basic ${basic}`)
      expect(seen('https://elsewhere.example/acme/gitops.git')).toBe('')
      expect(logger.secrets).toEqual(['tok3n', basic])
      auth.remove()
      auth.remove()
    } finally {
      rmSync(runnerTemp, { recursive: true, force: true })
    }
  })

  it('appends to environment config that is already there, and does nothing without a token or for file://', () => {
    const auth = configureGitAuth('https://h/x', 't', new RecordingLogger(), {
      GIT_CONFIG_COUNT: '2'
    })
    expect(Object.keys(auth.env).sort()).toEqual([
      'GIT_CONFIG_COUNT',
      'GIT_CONFIG_KEY_2',
      'GIT_CONFIG_VALUE_2'
    ])
    expect(auth.env.GIT_CONFIG_COUNT).toBe('3')
    auth.remove()
    expect(configureGitAuth('file:///tmp/x', 't', new RecordingLogger()).env).toEqual({})
    expect(configureGitAuth('https://h/x', undefined, new RecordingLogger()).env).toEqual({})
    expect(httpOrigin('http://127.0.0.1:8080/a/b.git')).toBe('http://127.0.0.1:8080')
  })
})

describe('redaction', () => {
  it('replaces data and stringData values, saying only whether each changed', () => {
    const before = { kind: 'Secret', data: { a: 'MQ==', b: 'Mg==' } }
    const after = {
      kind: 'Secret',
      data: { a: 'MQ==', b: 'Mw==', c: 'NA==' },
      stringData: { d: 'x' }
    }
    expect(redact(before)).toEqual({ kind: 'Secret', data: { a: '<redacted>', b: '<redacted>' } })
    expect(redact(after, before)).toEqual({
      kind: 'Secret',
      data: { a: '<redacted>', b: '<redacted: changed>', c: '<redacted: added>' },
      stringData: { d: '<redacted: added>' }
    })
  })
})

describe('git environment', () => {
  it('drops INPUT_*, ACTIONS_* and variables named like secrets, keeps the rest', () => {
    const env = gitEnvironment(
      {
        PATH: '/bin',
        HOME: '/home/x',
        INPUT_TOKEN: 't',
        input_other: 'o',
        ACTIONS_RUNTIME_TOKEN: 'r',
        ACTIONS_ID_TOKEN_REQUEST_URL: 'u',
        GITHUB_TOKEN: 'g',
        GH_TOKEN: 'g',
        BACKSTAGE_TOKEN: 'b',
        AWS_SECRET_ACCESS_KEY: 'a',
        NPM_AUTH: 'n',
        DB_PASSWORD: 'p',
        SSH_AUTH_SOCK: '/tmp/agent',
        GITHUB_SERVER_URL: 'https://github.com',
        GIT_CONFIG_COUNT: '1',
        GIT_CONFIG_KEY_0: 'http.proxy',
        GIT_CONFIG_VALUE_0: 'http://proxy:3128',
        GIT_TERMINAL_PROMPT: '1'
      },
      { GIT_CONFIG_COUNT: '2' }
    )
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/home/x',
      SSH_AUTH_SOCK: '/tmp/agent',
      GITHUB_SERVER_URL: 'https://github.com',
      GIT_CONFIG_COUNT: '2',
      GIT_CONFIG_KEY_0: 'http.proxy',
      GIT_CONFIG_VALUE_0: 'http://proxy:3128',
      GIT_TERMINAL_PROMPT: '0',
      GCM_INTERACTIVE: 'never'
    })
  })
})
