// Test helper: a small stand-in for the GitHub REST (and two GraphQL) endpoints promote uses, built
// from GitHub's documented request and response shapes ("Pulls", "Labels", "enablePullRequestAutoMerge",
// "updateRefs").
// It can answer the next N matching calls with a 5xx or a 429 secondary-rate-limit response.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { FakeGitDatabase } from './fake-git-database.js'

export interface FakePull {
  id: number
  node_id: string
  number: number
  state: 'open' | 'closed'
  title: string
  body: string
  html_url: string
  url: string
  head: { ref: string; label: string }
  base: { ref: string }
  labels: { id: number; name: string }[]
  auto_merge: { merge_method: string } | null
}

export interface RecordedCall {
  readonly method: string
  readonly path: string
  readonly authorization: string
  readonly body: unknown
  /** The status the fake answered with. */
  status: number
}

export interface FakeGitHub {
  /** The API base URL (as `GITHUB_API_URL`). */
  readonly url: string
  readonly pulls: FakePull[]
  readonly calls: RecordedCall[]
  /** Answers the next `times` calls matching `method path` with `status` (500, 502, 503, 429, 403). */
  failNext(method: string, path: RegExp, status: number, times?: number, first?: () => void): void
  /** Carries out the next `times` matching calls, then answers `status` (a reply lost mid-way). */
  failAfterNext(method: string, path: RegExp, status: number, times?: number): void
  /** Holds the next `times` matching calls for `ms` before answering (a stalled server). */
  stallNext(method: string, path: RegExp, ms: number, times?: number): void
  /** The Git Data API's objects and refs (fake-git-database.ts). */
  readonly git: FakeGitDatabase
  /** Makes auto-merge fail as on a repository where it is not allowed. */
  refuseAutoMerge(): void
  close(): Promise<void>
}

export async function startFakeGitHub(token: string): Promise<FakeGitHub> {
  const pulls: FakePull[] = []
  const calls: RecordedCall[] = []
  const failures: {
    method: string
    path: RegExp
    status: number
    left: number
    after?: boolean
    /** Runs before the failure is answered (e.g. another writer moves the ref). */
    first?: () => void
    stallMs?: number
  }[] = []
  const git = new FakeGitDatabase()
  let autoMergeAllowed = true
  let base = ''

  const server = createServer((req, res) => {
    void handle(req, res).catch(error => send(res, 500, { message: String(error) }))
  })

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const method = req.method ?? 'GET'
    const raw: Buffer[] = []
    for await (const chunk of req) raw.push(chunk as Buffer)
    const body =
      raw.length > 0 ? (JSON.parse(Buffer.concat(raw).toString('utf8')) as unknown) : undefined
    const call: RecordedCall = {
      method,
      path: url.pathname + url.search,
      authorization: String(req.headers.authorization ?? ''),
      body,
      status: 0
    }
    calls.push(call)
    const reply = (status: number, data: unknown, headers: Record<string, string> = {}) => {
      call.status = status
      send(res, status, data, headers)
    }
    if (!/^(token|bearer) /i.test(call.authorization) || !call.authorization.endsWith(` ${token}`))
      return reply(401, {
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest'
      })
    const failure = failures.find(
      f => f.left > 0 && f.method === method && f.path.test(url.pathname)
    )
    if (failure?.stallMs !== undefined) {
      failure.left--
      await new Promise(resolve => setTimeout(resolve, failure.stallMs))
    } else if (failure?.after) {
      failure.left--
      if (git.handle(method, url.pathname, url.searchParams, body, () => undefined))
        return reply(failure.status, { message: 'Server Error' })
    } else if (failure) {
      failure.left--
      failure.first?.()
      if (failure.status === 429 || failure.status === 403)
        return reply(
          failure.status,
          {
            message:
              'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
          },
          { 'retry-after': '1' }
        )
      return reply(failure.status, { message: 'Server Error' })
    }

    let m: RegExpExecArray | null
    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(url.pathname))) {
      const [, owner, repo] = m
      if (method === 'GET') {
        const head = url.searchParams.get('head')
        const baseRef = url.searchParams.get('base')
        const state = url.searchParams.get('state') ?? 'open'
        return reply(
          200,
          pulls.filter(
            p =>
              (state === 'all' || p.state === state) &&
              (!head || p.head.label === head) &&
              (!baseRef || p.base.ref === baseRef)
          )
        )
      }
      if (method === 'POST') {
        const input = body as { title?: string; head?: string; base?: string; body?: string }
        if (!input.title || !input.head || !input.base)
          return reply(422, {
            message: 'Validation Failed',
            errors: [{ resource: 'PullRequest', code: 'missing_field' }]
          })
        if (
          pulls.some(
            p => p.state === 'open' && p.head.ref === input.head && p.base.ref === input.base
          )
        )
          return reply(422, {
            message: 'Validation Failed',
            errors: [
              {
                resource: 'PullRequest',
                code: 'custom',
                message: `A pull request already exists for ${owner}:${input.head}.`
              }
            ]
          })
        const number = pulls.length + 1
        const pull: FakePull = {
          id: 1000 + number,
          node_id: `PR_kwDOfake${number}`,
          number,
          state: 'open',
          title: input.title,
          body: input.body ?? '',
          html_url: `https://github.example/${owner}/${repo}/pull/${number}`,
          url: `${base}/repos/${owner}/${repo}/pulls/${number}`,
          head: { ref: input.head, label: `${owner}:${input.head}` },
          base: { ref: input.base },
          labels: [],
          auto_merge: null
        }
        pulls.push(pull)
        return reply(201, pull)
      }
    }
    if ((m = /^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)$/.exec(url.pathname)) && method === 'PATCH') {
      const pull = pulls.find(p => p.number === Number(m![1]))
      if (!pull) return reply(404, { message: 'Not Found' })
      const input = body as { title?: string; body?: string }
      if (input.title !== undefined) pull.title = input.title
      if (input.body !== undefined) pull.body = input.body
      return reply(200, pull)
    }
    if (
      (m = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/labels$/.exec(url.pathname)) &&
      method === 'POST'
    ) {
      const pull = pulls.find(p => p.number === Number(m![1]))
      if (!pull) return reply(404, { message: 'Not Found' })
      for (const name of (body as { labels: string[] }).labels)
        if (!pull.labels.some(l => l.name === name))
          pull.labels.push({ id: pull.labels.length + 1, name })
      return reply(
        200,
        pull.labels.map(l => ({
          ...l,
          node_id: `LA_${l.id}`,
          color: 'ededed',
          default: false,
          description: null
        }))
      )
    }
    if (url.pathname === '/graphql' && method === 'POST') {
      const { query, variables } = body as {
        query: string
        variables: { id: string; mergeMethod: string; input: Parameters<typeof git.updateRefs>[0] }
      }
      if (/\bupdateRefs\s*\(/.test(query)) {
        // A schema preview: without its media type GitHub's schema has no such field.
        if (!String(req.headers.accept ?? '').includes('update-refs-preview'))
          return reply(200, {
            errors: [
              {
                path: ['mutation', 'updateRefs'],
                extensions: {
                  code: 'undefinedField',
                  typeName: 'Mutation',
                  fieldName: 'updateRefs'
                },
                message: "Field 'updateRefs' doesn't exist on type 'Mutation'"
              }
            ]
          })
        const refused = git.updateRefs(variables.input ?? {})
        if (refused)
          return reply(200, {
            data: { updateRefs: null },
            errors: [
              { type: 'UNPROCESSABLE', path: ['updateRefs'], locations: [], message: refused }
            ]
          })
        return reply(200, { data: { updateRefs: { clientMutationId: null } } })
      }
      if (!query.includes('enablePullRequestAutoMerge'))
        return reply(200, { errors: [{ message: 'unsupported' }] })
      const pull = pulls.find(p => p.node_id === variables.id)
      if (!pull || !autoMergeAllowed)
        return reply(200, {
          data: { enablePullRequestAutoMerge: null },
          errors: [
            {
              type: 'UNPROCESSABLE',
              message: 'Pull request Auto merge is not allowed for this repository'
            }
          ]
        })
      pull.auto_merge = { merge_method: variables.mergeMethod.toLowerCase() }
      return reply(200, {
        data: { enablePullRequestAutoMerge: { pullRequest: { number: pull.number } } }
      })
    }
    if (git.handle(method, url.pathname, url.searchParams, body, reply)) return
    return reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' })
  }

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    url: base,
    pulls,
    calls,
    failNext: (method, path, status, times = 1, first) =>
      void failures.push({ method, path, status, left: times, first }),
    failAfterNext: (method, path, status, times = 1) =>
      void failures.push({ method, path, status, left: times, after: true }),
    stallNext: (method, path, ms, times = 1) =>
      void failures.push({ method, path, status: 0, left: times, stallMs: ms }),
    git,
    refuseAutoMerge: () => void (autoMergeAllowed = false),
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

function send(
  res: ServerResponse,
  status: number,
  data: unknown,
  headers: Record<string, string> = {}
) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(data))
}
