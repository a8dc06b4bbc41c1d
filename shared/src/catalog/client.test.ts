// The Backstage client against loopback servers that misbehave: its time budget (the `timeout`
// input) holds for every request, and a reply's body is never repeated as it came.
import { afterAll, describe, expect, it } from '@jest/globals'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { catalogCommand } from '../commands/catalog.js'
import type { CommandContext } from '../runtime/command.js'
import { withDefaults } from '../runtime/command.js'
import { UserError } from '../runtime/errors.js'
import { RecordingLogger } from '../runtime/logger.js'
import { CatalogApi, type CatalogApiOptions } from './client.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
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

const TOKEN = 'backstage-secret-token-value'
const noSleep = () => Promise.resolve()

async function failure(run: () => Promise<unknown>): Promise<{ error: Error; ms: number }> {
  const start = performance.now()
  try {
    await run()
  } catch (error) {
    return { error: error as Error, ms: performance.now() - start }
  }
  throw new Error('expected a failure')
}

function api(baseUrl: string, extra: Partial<CatalogApiOptions> = {}) {
  return new CatalogApi({
    baseUrl,
    token: TOKEN,
    logger: new RecordingLogger(),
    sleep: noSleep,
    ...extra
  })
}

describe('CatalogApi time budget', () => {
  it('a backend that never answers fails within the timeout, with a clear message', async () => {
    const url = await serve(() => undefined)
    const { error, ms } = await failure(() =>
      api(url, { timeoutMs: 1500 }).getEntityByName('component', 'default', 'checkout')
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(/did not answer within|timed out/i)
    expect(error.message).toContain('1.5 s')
    expect(ms).toBeLessThan(4000)
  }, 15_000)

  it('a backend that sends headers and then trickles its body fails within the timeout', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{')
      const tick = setInterval(() => res.write(' '), 100)
      res.on('close', () => clearInterval(tick))
    })
    const { error, ms } = await failure(() =>
      api(url, { timeoutMs: 1500 }).getEntityByName('component', 'default', 'checkout')
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(/did not answer within|timed out/i)
    expect(ms).toBeLessThan(4000)
  }, 15_000)

  it('each attempt has its own timeout, and retries stay inside the budget', async () => {
    let calls = 0
    const url = await serve(() => void calls++)
    const { error, ms } = await failure(() =>
      api(url, { timeoutMs: 2000, requestTimeoutMs: 300 }).getEntityByName(
        'component',
        'default',
        'checkout'
      )
    )
    expect(error).toBeInstanceOf(UserError)
    expect(calls).toBeGreaterThan(1)
    expect(ms).toBeLessThan(4000)
  }, 15_000)

  it('a body larger than the cap is refused, not read into memory', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('"' + 'x'.repeat(3 * 1024 * 1024) + '"')
    })
    const { error } = await failure(() =>
      api(url, { maxReplyBytes: 1024 * 1024 }).getEntityByName('component', 'default', 'x')
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(/larger than/)
  }, 15_000)
})

describe('CatalogApi error replies: status and a short reason, never the body', () => {
  const page = `<html><body><h1>502 Bad Gateway</h1><pre>Authorization: Bearer ${TOKEN}\nghp_${'A'.repeat(36)}</pre>${'filler '.repeat(500)}</body></html>`

  it('an HTML error page is not echoed', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' })
      res.end(page)
    })
    const { error } = await failure(() =>
      api(url, { attempts: 1 }).getEntityByName('component', 'default', 'checkout')
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain('HTTP 502')
    expect(error.message).not.toContain('<html>')
    expect(error.message).not.toContain(TOKEN)
    expect(error.message).not.toContain('ghp_')
    expect(error.message.length).toBeLessThan(400)
  })

  it("a JSON error's message is cut to one line of at most 200 characters, credentials blanked", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          error: {
            name: 'AuthenticationError',
            message: `Illegal token ghp_${'B'.repeat(36)} ${'x'.repeat(300)}\nsecond line ${TOKEN}`
          },
          request: { headers: { authorization: `Bearer ${TOKEN}` } }
        })
      )
    })
    const { error } = await failure(() =>
      api(url).getEntityByName('component', 'default', 'checkout')
    )
    expect(error.message).toContain('HTTP 401')
    expect(error.message).toContain('AuthenticationError: Illegal token ***')
    expect(error.message).not.toContain('second line')
    expect(error.message).not.toContain(TOKEN)
    expect(error.message).not.toContain('ghp_')
    expect(error.message.length).toBeLessThan(500)
  })
})

describe('CatalogApi refusals say what to do', () => {
  it('a backend failing with HTTP 500 on every attempt: check its health, then run again', async () => {
    let calls = 0
    const url = await serve((_req, res) => {
      calls++
      res.writeHead(500, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { name: 'Error', message: 'database down' } }))
    })
    const { error } = await failure(() =>
      api(url).getEntityByName('component', 'default', 'checkout')
    )
    expect(calls).toBe(4)
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toContain('after 4 attempts (HTTP 500')
    expect((error as UserError).problems[0].hint).toMatch(/health/)
  })

  it('a rejected request (HTTP 400) carries a hint', async () => {
    const url = await serve((_req, res) => {
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: { name: 'InputError', message: 'bad ref' } }))
    })
    const { error } = await failure(() =>
      api(url).getEntityByName('component', 'default', 'checkout')
    )
    expect(error.message).toContain('HTTP 400')
    expect((error as UserError).problems[0].hint).toMatch(/\w/)
  })
})

describe('register-catalog in backstage mode honours its timeout input', () => {
  it('fails within `timeout` seconds when the backend never answers', async () => {
    const url = await serve(() => undefined)
    const inputs: Record<string, string> = {
      descriptor: 'examples/checkout/idp.yaml',
      'platform-config': 'examples/platform/platform.yaml',
      'source-repository': 'acme/checkout',
      mode: 'backstage',
      'backstage-url': url,
      'backstage-token': TOKEN,
      location: 'https://example.test/catalog-info.yaml',
      output: '.tmp/catalog-timeout/catalog-info.yaml',
      timeout: '2'
    }
    const logger = new RecordingLogger()
    const context: CommandContext = {
      logger,
      summary: { append: () => undefined },
      env: { GITHUB_REPOSITORY: 'acme/checkout' },
      workspace: root
    }
    const read = withDefaults(catalogCommand as never, name => inputs[name])
    const { error, ms } = await failure(async () =>
      catalogCommand.run(catalogCommand.settings(read, context), context)
    )
    expect(error).toBeInstanceOf(UserError)
    expect(error.message).toMatch(/did not answer within 2 s/)
    expect(ms).toBeLessThan(5000)
  }, 20_000)
})
