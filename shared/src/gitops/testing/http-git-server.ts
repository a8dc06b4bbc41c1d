// Test helper: git's smart HTTP protocol on 127.0.0.1, served by the real `git http-backend` (CGI)
// behind HTTP basic auth, so that token handling is exercised exactly as against a forge.
import { spawn } from 'node:child_process'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { gunzipSync } from 'node:zlib'

export interface SeenRequest {
  readonly method: string
  /** Path and query exactly as received (a token in a URL would show up here). */
  readonly url: string
  readonly authorized: boolean
}

export interface HttpGitServerOptions {
  /** Folder holding bare repositories; `/<owner>/<name>.git` maps to `<root>/<owner>/<name>.git`. */
  readonly projectRoot: string
  /** The password (token) basic auth accepts, with any user name. */
  readonly token: string
  /**
   * Called when a `git-receive-pack` POST (a push) arrives, before its pack is read; the push waits
   * for the returned promise. Lets a test kill the pusher mid-push.
   */
  readonly onReceivePack?: () => Promise<void>
  /** Answer 500 to any fetch that asks for a filter, like a server that refuses partial clone. */
  readonly refuseFilters?: boolean
  /**
   * Fault injection per request: `drop` cuts the connection after the request was read (a push or
   * fetch killed mid-way, nothing applied), `stall` never answers, `error` answers 500.
   */
  readonly fault?: (service: 'upload-pack' | 'receive-pack' | 'refs') => GitFault | undefined
}

export type GitFault = 'drop' | 'stall' | 'error'

export interface HttpGitServer {
  /** `http://127.0.0.1:<port>`: the server URL `owner/name` repositories resolve against. */
  readonly url: string
  readonly requests: SeenRequest[]
  close(): Promise<void>
}

export async function startHttpGitServer(options: HttpGitServerOptions): Promise<HttpGitServer> {
  const requests: SeenRequest[] = []
  const expected = `Basic ${Buffer.from(`x-access-token:${options.token}`).toString('base64')}`
  const server: Server = createServer((req, res) => {
    const authorized = checkAuth(req.headers.authorization, options.token, expected)
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', authorized })
    if (!authorized) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="idp-test"' })
      res.end('authentication required\n')
      return
    }
    void serveCgi(req, res, options).catch(error => {
      if (!res.headersSent) res.writeHead(500)
      res.end(String(error))
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function checkAuth(header: string | undefined, token: string, expected: string): boolean {
  if (!header) return false
  if (header === expected) return true
  // Any user name with the token as password, as GitHub accepts.
  const match = /^Basic (.+)$/i.exec(header)
  if (!match) return false
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  return decoded.slice(decoded.indexOf(':') + 1) === token
}

async function serveCgi(
  req: IncomingMessage,
  res: ServerResponse,
  options: HttpGitServerOptions
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const isPush = url.pathname.endsWith('/git-receive-pack')
  // Before the pack is read: a pusher killed now leaves a truncated request behind, as on a forge.
  if (isPush && options.onReceivePack) await options.onReceivePack()
  const body: Buffer[] = []
  for await (const chunk of req) body.push(chunk as Buffer)
  const fault = options.fault?.(
    isPush ? 'receive-pack' : url.pathname.endsWith('/git-upload-pack') ? 'upload-pack' : 'refs'
  )
  if (fault === 'drop') return void req.socket.destroy()
  if (fault === 'stall') return
  if (fault === 'error') {
    res.writeHead(500)
    res.end('injected failure\n')
    return
  }
  if (options.refuseFilters && url.pathname.endsWith('/git-upload-pack')) {
    const raw = Buffer.concat(body)
    const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString(
      'latin1'
    )
    if (text.includes('filter ')) {
      res.writeHead(500)
      res.end('partial clone is not supported here\n')
      return
    }
  }
  const child = spawn('git', ['http-backend'], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      GIT_PROJECT_ROOT: options.projectRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      REMOTE_USER: 'x-access-token',
      REMOTE_ADDR: '127.0.0.1',
      REQUEST_METHOD: req.method ?? 'GET',
      PATH_INFO: decodeURIComponent(url.pathname),
      QUERY_STRING: url.search.replace(/^\?/, ''),
      CONTENT_TYPE: req.headers['content-type'] ?? '',
      CONTENT_LENGTH: String(Buffer.concat(body).length),
      HTTP_CONTENT_ENCODING: String(req.headers['content-encoding'] ?? ''),
      GIT_PROTOCOL: String(req.headers['git-protocol'] ?? '')
    },
    stdio: ['pipe', 'pipe', 'pipe']
  })
  child.stdin.on('error', () => undefined)
  child.stdin.end(Buffer.concat(body))
  const out: Buffer[] = []
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
  child.stderr.on('data', () => undefined)
  await new Promise<void>(resolve => child.on('close', () => resolve()))
  const raw = Buffer.concat(out)
  let split = raw.indexOf('\r\n\r\n')
  let skip = 4
  if (split < 0) {
    split = raw.indexOf('\n\n')
    skip = 2
  }
  const head = raw.subarray(0, Math.max(0, split)).toString('utf8')
  const headers: Record<string, string> = {}
  let status = 200
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':')
    if (colon < 0) continue
    const name = line.slice(0, colon).trim()
    const value = line.slice(colon + 1).trim()
    if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0])
    else headers[name] = value
  }
  res.writeHead(status, headers)
  res.end(split < 0 ? raw : raw.subarray(split + skip))
}

/** The same server in a child process; resolves once it listens. `stop()` ends it. */
export async function startHttpGitServerProcess(
  projectRoot: string,
  token: string
): Promise<{ url: string; stop(): Promise<void> }> {
  const { spawn: spawnChild } = await import('node:child_process')
  const main = new URL('./http-git-server-main.ts', import.meta.url).pathname
  const child = spawnChild(process.execPath, ['--import', 'tsx', main, projectRoot, token], {
    stdio: ['pipe', 'pipe', 'inherit']
  })
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = ''
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8')
      if (buffered.includes('\n')) resolve(buffered.split('\n')[0].trim())
    })
    child.on('exit', code => reject(new Error(`test git server exited with ${code}`)))
  })
  return {
    url,
    stop: () =>
      new Promise(resolve => {
        child.on('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}
