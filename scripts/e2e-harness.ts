// The Backstage side of the e2e: install e2e/backstage when needed, start the real catalog backend
// on 127.0.0.1, serve fixtures on loopback, inject gateway failures, and stop what was started.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, openSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { type AddressInfo, createServer as createNetServer } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = join(dirname(fileURLToPath(import.meta.url)), '..')
export const backstageDir = join(root, 'e2e', 'backstage')
export const TOKEN = `e2e-${Math.random().toString(36).slice(2)}-${Date.now()}`

/** A scenario's check: its message is what the runner prints after FAIL. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message)
}

export function log(message: string): void {
  process.stdout.write(`${message}\n`)
}

export function installBackstage(): void {
  const marker = join(backstageDir, 'node_modules', 'better-sqlite3', 'build', 'Release')
  // Every dependency package.json names, so a checkout that added one (the scaffolder) reinstalls.
  const { dependencies } = JSON.parse(readFileSync(join(backstageDir, 'package.json'), 'utf8'))
  if (
    Object.keys(dependencies as Record<string, string>).every(name =>
      existsSync(join(backstageDir, 'node_modules', name, 'package.json'))
    ) &&
    existsSync(marker)
  )
    return
  log('Installing the Backstage backend (npm ci in e2e/backstage; about 2 minutes)...')
  const started = Date.now()
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: backstageDir,
    stdio: 'inherit',
    timeout: 8 * 60_000
  })
  if (result.status !== 0)
    throw new Error(`npm ci in e2e/backstage failed (status ${result.status})`)
  log(`Installed in ${Math.round((Date.now() - started) / 1000)} s.`)
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createNetServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      server.close(() => resolvePort(port))
    })
  })
}

// The fixture server runs as its own process: the catalog must be able to read from it while this
// process is blocked (the bundle scenario runs the action synchronously, as the runner harness does).
const FIXTURE_SERVER = `
const { createServer } = require('node:http')
const { existsSync, readFileSync } = require('node:fs')
const { join, normalize, extname } = require('node:path')
const folder = process.argv[1]
const server = createServer((request, response) => {
  const path = normalize(decodeURIComponent(new URL(request.url || '/', 'http://x').pathname))
  const file = join(folder, path)
  if (!file.startsWith(folder) || !existsSync(file) || !extname(file)) {
    response.writeHead(404).end('not found')
    return
  }
  response.writeHead(200, { 'content-type': 'text/plain' }).end(readFileSync(file))
})
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'))
`

/** A static file server on loopback: what the catalog reads locations and `$text` targets from. */
export async function startFixtureServer(
  folder: string
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['-e', FIXTURE_SERVER, folder], {
    stdio: ['ignore', 'pipe', 'inherit']
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  const port = await new Promise<number>((resolvePort, reject) => {
    let text = ''
    child.stdout!.on('data', chunk => {
      text += String(chunk)
      if (text.includes('\n')) resolvePort(Number(text.trim()))
    })
    child.once('exit', code => reject(new Error(`the fixture server exited (${code})`)))
  })
  return { child, port }
}

/**
 * A loopback proxy in front of the real backend that answers the first requests with 503 and 429,
 * as an overloaded gateway would, then forwards everything: the client must retry through it.
 */
export async function startFlakyProxy(
  target: number,
  failures: number[],
  /** Runs before a request is forwarded; what it returns runs once the answer has been sent. */
  beforeForward: (method: string, url: string) => (() => void) | void = () => undefined
): Promise<{ server: Server; port: number; failed: () => number }> {
  let served = 0
  const server = createServer((request, response) => {
    const status = failures[served++]
    const after =
      status === undefined ? beforeForward(request.method ?? 'GET', request.url ?? '/') : undefined
    if (status !== undefined) {
      request.resume()
      response.writeHead(status, { 'content-type': 'application/json', 'retry-after': '0' })
      response.end(
        JSON.stringify({ error: { name: 'ServiceUnavailable', message: `injected ${status}` } })
      )
      return
    }
    const chunks: Buffer[] = []
    request.on('data', c => chunks.push(c as Buffer))
    request.on('end', () => {
      const body = chunks.length ? Buffer.concat(chunks) : undefined
      fetch(`http://127.0.0.1:${target}${request.url}`, {
        method: request.method,
        headers: Object.fromEntries(
          Object.entries(request.headers).filter(
            ([k, v]) =>
              typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)
          )
        ) as Record<string, string>,
        body
      })
        .then(async upstream => {
          const text = Buffer.from(await upstream.arrayBuffer())
          response.writeHead(upstream.status, {
            'content-type': upstream.headers.get('content-type') ?? 'application/json'
          })
          response.end(text)
        })
        .catch(() => response.writeHead(502).end())
        .finally(() => after?.())
    })
  })
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  return {
    server,
    port: (server.address() as AddressInfo).port,
    failed: () => Math.min(served, failures.length)
  }
}

// Backends still running when this process ends for any reason (a thrown error, Ctrl-C, a CI
// timeout's SIGTERM) are killed, so no catalog outlives the run.
const running = new Set<ChildProcess>()
process.on('exit', () => {
  for (const child of running) child.kill('SIGKILL')
})
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143))

export async function startBackstage(
  port: number,
  fixturePort: number,
  logFile: string
): Promise<ChildProcess> {
  const out = openSync(logFile, 'w')
  const child = spawn(process.execPath, ['index.cjs', '--config', 'app-config.yaml'], {
    cwd: backstageDir,
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      CATALOG_TOKEN: TOKEN,
      APP_CONFIG_backend_listen_port: String(port),
      APP_CONFIG_backend_baseUrl: `http://127.0.0.1:${port}`,
      APP_CONFIG_backend_reading_allow: JSON.stringify([{ host: `127.0.0.1:${fixturePort}` }])
    }
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  const deadline = Date.now() + 90_000
  for (;;) {
    if (child.exitCode !== null) break
    try {
      const response = await fetch(`http://127.0.0.1:${port}/.backstage/health/v1/readiness`)
      if (response.status === 200) return child
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) break
    await new Promise(r => setTimeout(r, 200))
  }
  process.stdout.write(readFileSync(logFile, 'utf8').split('\n').slice(-40).join('\n'))
  await stop(child)
  throw new Error('The Backstage backend did not become ready within 90 s (log above).')
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>(done => child.once('exit', () => done()))
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}
