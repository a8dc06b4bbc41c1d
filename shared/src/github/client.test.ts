// The GitHub client against loopback servers that misbehave: every request has a timeout, waits
// for rate limits are bounded, and an error reply is repeated as status and a short reason only.
import { afterAll, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { RecordingLogger } from '../runtime/logger.js'
import { createGitHubClient, gitHubErrorReason, statusOf } from './client.js'

const servers: Server[] = []
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise(done => server.close(done))
  }
})

async function serve(
  handler: (req: IncomingMessage, res: ServerResponse) => void
): Promise<string> {
  const server = createServer(handler)
  servers.push(server)
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

const token = 'ghs_apiToken0123456789abcdefghij'

async function failure(run: () => Promise<unknown>): Promise<{ error: Error; ms: number }> {
  const start = performance.now()
  try {
    await run()
  } catch (error) {
    return { error: error as Error, ms: performance.now() - start }
  }
  throw new Error('expected a failure')
}

const getRepo = (baseUrl: string, options: Record<string, number> = {}) =>
  createGitHubClient({
    token,
    baseUrl,
    logger: new RecordingLogger(),
    retryUnitMs: 5,
    ...options
  }).request('GET /repos/{owner}/{repo}', { owner: 'acme', repo: 'gitops' })

describe('GitHub client time limits', () => {
  it('a server that never answers fails after the request timeout and its bounded retries', async () => {
    let calls = 0
    const url = await serve(() => void calls++)
    const { error, ms } = await failure(() => getRepo(url, { requestTimeoutMs: 400, retries: 2 }))
    expect(error.message).toMatch(/did not answer within 0\.4 s/)
    expect(error.message).not.toMatch(/\n/)
    expect(calls).toBe(3)
    expect(ms).toBeLessThan(5000)
  }, 20_000)

  it('a rate limit that resets in an hour is given up at once, not waited for', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(403, {
        'content-type': 'application/json',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600)
      })
      res.end(JSON.stringify({ message: 'API rate limit exceeded' }))
    })
    const { error, ms } = await failure(() =>
      createGitHubClient({ token, baseUrl: url, logger: new RecordingLogger() }).request(
        'GET /repos/{owner}/{repo}',
        { owner: 'acme', repo: 'gitops' }
      )
    )
    expect(statusOf(error)).toBe(403)
    expect(error.message).toContain('API rate limit exceeded')
    expect(ms).toBeLessThan(5000)
  }, 20_000)
})

describe('GitHub error replies: status and a short reason, never the body', () => {
  it('an HTML error page is not echoed', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'text/html' })
      res.end(
        `<html><body>Bad request\nAuthorization: token ${token}\n${'x'.repeat(5000)}</body></html>`
      )
    })
    const { error } = await failure(() => getRepo(url))
    expect(statusOf(error)).toBe(400)
    expect(error.message).toContain('400')
    expect(error.message).not.toContain('<html>')
    expect(error.message).not.toContain(token)
    expect(error.message.length).toBeLessThan(300)
  })

  it("GitHub's message field is kept to one line of at most 200 characters, credentials blanked", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(422, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          message: `Validation Failed for ghp_${'C'.repeat(36)} ${'y'.repeat(400)}\nsecond line`,
          errors: [{ resource: 'PullRequest', code: 'custom', message: `echo ${token}` }],
          documentation_url: 'https://docs.github.com/rest'
        })
      )
    })
    const { error } = await failure(() => getRepo(url))
    expect(statusOf(error)).toBe(422)
    expect(error.message).toContain('Validation Failed for ***')
    expect(error.message).not.toContain('second line')
    expect(error.message).not.toContain(token)
    expect(error.message).not.toContain('ghp_')
    expect(error.message.length).toBeLessThan(320)
  })

  it('GraphQL errors are reduced the same way', () => {
    const graphqlError = Object.assign(
      new Error(`Request failed due to following response errors:\n - ${'z'.repeat(500)}`),
      { errors: [{ message: `Pull request is in clean status ${token}\nmore` }] }
    )
    const reason = gitHubErrorReason(graphqlError)
    expect(reason).toBe('Pull request is in clean status ***')
    expect(reason.length).toBeLessThanOrEqual(200)
  })
})
