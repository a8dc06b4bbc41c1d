import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { FakeGitHub } from '../gitops/testing/fake-github.js'
import { startFakeGitHub } from '../gitops/testing/fake-github.js'
import { RecordingLogger } from '../runtime/logger.js'
import { createGitHubClient } from './client.js'
import { MAX_BODY_CHARS, truncateBody, upsertPullRequest } from './pull-requests.js'

const token = 'ghs_apiToken0123456789'

describe('pull requests through the GitHub API', () => {
  let github: FakeGitHub
  beforeEach(async () => {
    github = await startFakeGitHub(token)
  })
  afterEach(() => github.close())

  const client = (logger = new RecordingLogger()) =>
    createGitHubClient({ token, baseUrl: github.url, logger, retryUnitMs: 5 })
  const spec = {
    owner: 'acme',
    repo: 'gitops',
    head: 'idp/prod/checkout',
    base: 'main',
    title: 'promote checkout to prod',
    body: 'first'
  }

  it('creates one pull request, then updates it in place', async () => {
    const logger = new RecordingLogger()
    const created = await upsertPullRequest(client(logger), spec, logger)
    expect(created).toMatchObject({ number: 1, operation: 'created' })
    const updated = await upsertPullRequest(client(logger), { ...spec, body: 'second' }, logger)
    expect(updated).toMatchObject({ number: 1, operation: 'updated' })
    expect(github.pulls).toHaveLength(1)
    expect(github.pulls[0].body).toBe('second')
    expect(logger.secrets).toContain(token)
  })

  it('retries 5xx and secondary rate limits, and stops at 4xx that retrying cannot fix', async () => {
    const logger = new RecordingLogger()
    github.failNext('GET', /\/pulls$/, 503, 2)
    github.failNext('POST', /\/pulls$/, 429)
    expect((await upsertPullRequest(client(logger), spec, logger)).number).toBe(1)
    expect(github.calls.map(c => c.status)).toEqual([503, 503, 200, 429, 201])
    const unauthorised = createGitHubClient({
      token: 'wrong',
      baseUrl: github.url,
      logger,
      retryUnitMs: 5
    })
    const before = github.calls.length
    await expect(upsertPullRequest(unauthorised, spec, logger)).rejects.toMatchObject({
      status: 401
    })
    expect(github.calls.length - before).toBe(1)
  })

  it('cuts bodies to GitHub’s limit and says so', () => {
    expect(truncateBody('short')).toBe('short')
    const cut = truncateBody('x'.repeat(MAX_BODY_CHARS + 10))
    expect(cut.length).toBe(MAX_BODY_CHARS)
    expect(cut).toContain('cut to fit')
  })
})
