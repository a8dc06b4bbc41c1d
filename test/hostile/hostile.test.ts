// The hostile-input suite (issue #10): a few hundred inputs a hostile service repository could craft,
// each run against the committed action bundle (Node 24, exactly as the runner does) or the CLI, each
// in its own sandbox with real bare GitOps and catalog repositories. Every case must be refused with
// one clear message (file:line where the input is a file, and what to do), no stack trace, nothing
// written to either repository, the sentinel token nowhere, within bounded time and memory.
//
// Cases are data: one table per area in ./cases/. IDP_HOSTILE_DIST=<folder built by scripts/build.mjs --out>
// runs fresh bundles instead of the committed ones; IDP_HOSTILE_VIA=cli runs every bundle case
// through the CLI instead; IDP_HOSTILE_ONLY=<text> runs the cases whose name holds it;
// IDP_HOSTILE_KEEP=1 keeps the sandboxes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { catalogArea } from './cases/catalog.js'
import { cliArea } from './cases/cli.js'
import { descriptorArea } from './cases/descriptor.js'
import { gateMergeArea, gateVerifyArea } from './cases/gate.js'
import { gateIdentityMergeArea, gateIdentityVerifyArea } from './cases/gate-identity.js'
import { manifestsArea } from './cases/manifests.js'
import { platformArea } from './cases/platform.js'
import { policiesArea } from './cases/policies.js'
import { promotedArea } from './cases/promoted.js'
import type { Area, CaseRun, HostileCase, Rendered } from './harness.js'
import {
  applyFiles,
  createPool,
  DEFAULT_TIMEOUT_MS,
  gitIn,
  runInSandbox,
  SENTINEL,
  setHttpBase,
  stageBundles
} from './harness.js'
import { brokenInvariants, lineOf } from './invariants.js'
import type { Templates } from './template.js'
import { buildTemplates, createSandbox, IMAGE, removeSandbox, suiteFolder } from './template.js'
import { haveNode24 } from '../run-bundle.js'
import { startGateIssuer, stopGateIssuer } from './gate-issuer.js'

export const areas: readonly Area[] = [
  descriptorArea,
  platformArea,
  manifestsArea,
  policiesArea,
  promotedArea,
  catalogArea,
  cliArea,
  gateVerifyArea,
  gateMergeArea,
  gateIdentityVerifyArea,
  gateIdentityMergeArea
]

const only = process.env.IDP_HOSTILE_ONLY
const forceCli = process.env.IDP_HOSTILE_VIA === 'cli'
const keep = process.env.IDP_HOSTILE_KEEP === '1'
const pool = createPool(Number(process.env.IDP_HOSTILE_CONCURRENCY ?? 2))
const suiteRoot = suiteFolder()
let templates: Templates
let bundles: Record<string, string>
const runs = new Map<HostileCase, Promise<{ run: CaseRun; line?: number[] }>>()
const controls = new Map<Area, Promise<CaseRun>>()

const viaOf = (c: Pick<HostileCase, 'via'>) => (forceCli ? 'cli' : (c.via ?? 'bundle'))
const selected = (c: HostileCase) => !only || c.name.includes(only)

async function runCase(area: Area, c: HostileCase): Promise<{ run: CaseRun; line?: number[] }> {
  const sandbox = createSandbox(templates, suiteRoot, `${area.name}-${c.name}`)
  try {
    const rendered: Rendered = { dev: templates.renderedDev }
    const files = typeof c.files === 'function' ? c.files(rendered) : (c.files ?? {})
    applyFiles(sandbox, files)
    if (c.remote === '') gitIn(sandbox.workspace, 'remote', 'remove', 'origin')
    else if (c.remote) gitIn(sandbox.workspace, 'remote', 'set-url', 'origin', c.remote)
    c.prepare?.(sandbox, rendered)
    let line: number[] | undefined
    if (c.at && !c.at.whole) {
      const text = readFileSync(join(sandbox.workspace, c.at.file), 'utf8')
      line = lineOf(text, c.at.line)
    }
    const run = await runInSandbox(sandbox, {
      action: c.action,
      via: viaOf(c),
      inputs: { ...area.inputs, ...c.inputs },
      env: c.env,
      timeoutMs: c.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      kill: c.kill,
      bundles,
      // A prepared sandbox's repositories differ from the templates': read them before the run.
      before: c.prepare ? undefined : templates.before,
      headSha: templates.headSha
    })
    return { run, line }
  } finally {
    if (!keep) removeSandbox(sandbox)
  }
}

/** The untouched template through the area's action: it must pass, or the area's cases prove nothing. */
async function runControl(area: Area): Promise<CaseRun> {
  const sandbox = createSandbox(templates, suiteRoot, `${area.name}-control`)
  try {
    area.prepare?.(sandbox, { dev: templates.renderedDev })
    return await runInSandbox(sandbox, {
      action: area.action,
      via: viaOf({ via: area.action === 'policy-test' ? 'cli' : undefined }),
      inputs: { ...area.inputs },
      timeoutMs: 60000,
      bundles
    })
  } finally {
    if (!keep) removeSandbox(sandbox)
  }
}

/** Renders the template's folders once, with the bundle under test, as the pipeline would. */
async function renderTemplate(): Promise<Record<string, string>> {
  const sandbox = {
    root: templates.root,
    workspace: templates.workspace,
    outside: join(templates.root, 'outside'),
    gitops: templates.gitops,
    catalog: templates.catalog,
    runnerTemp: join(templates.root, 'runner-temp'),
    tmp: join(templates.root, 'tmp'),
    home: join(templates.root, 'home'),
    bin: join(templates.root, 'bin')
  }
  const run = await runInSandbox(sandbox, {
    action: 'render-manifests',
    via: forceCli ? 'cli' : 'bundle',
    inputs: {
      descriptor: 'idp.yaml',
      'platform-config': 'platform/platform.yaml',
      image: IMAGE,
      'output-dir': 'rendered'
    },
    timeoutMs: 60000,
    bundles
  })
  // The platform config still holds placeholders here: the record keeps none of them.
  if (run.exitCode !== 0)
    throw new Error(`the template does not render:\n${run.stdout}\n${run.stderr}`)
  for (const dir of ['runner-temp', 'tmp', 'home', 'outside'])
    rmSync(join(templates.root, dir), { recursive: true, force: true })
  const dev = join(templates.workspace, 'rendered/dev')
  const files: Record<string, string> = {}
  const walk = (dir: string, prefix: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name), `${prefix}${e.name}/`)
      else files[`${prefix}${e.name}`] = readFileSync(join(dir, e.name), 'utf8')
    }
  }
  walk(dev, '')
  return files
}

/** A Backstage stand-in that hangs, or answers errors whose bodies carry the sentinel. */
const backstage = createServer((request, response) => {
  const url = request.url ?? ''
  if (url.startsWith('/hang')) return // never answers
  if (url.startsWith('/echo')) {
    response.writeHead(401, { 'content-type': 'application/json' })
    response.end(
      JSON.stringify({
        error: { name: 'AuthenticationError', message: `invalid token ${SENTINEL}` }
      })
    )
    return
  }
  response.writeHead(500, { 'content-type': 'text/plain' })
  response.end(`${SENTINEL}\n`.repeat((5 * 1024 * 1024) / 64))
})

beforeAll(async () => {
  await new Promise<void>(resolve => backstage.listen(0, '127.0.0.1', resolve))
  setHttpBase(`http://127.0.0.1:${(backstage.address() as AddressInfo).port}`)
  // The identity areas' OIDC issuer: one for every case, before any case is queued.
  await startGateIssuer()
  if (!haveNode24()) throw new Error('Node 24 is missing: run npm ci (tools/node24).')
  bundles = stageBundles(suiteRoot)
  const built = buildTemplates(suiteRoot)
  templates = { ...built, renderedDev: {} }
  for (const dir of ['runner-temp', 'tmp', 'home', 'outside'])
    mkdirSync(join(built.root, dir), { recursive: true })
  templates = { ...built, renderedDev: await renderTemplate() }
  // Queue every case now; each test awaits its own, so at most `pool` runs at a time.
  for (const area of areas) {
    controls.set(
      area,
      pool(() => runControl(area))
    )
    for (const c of area.cases)
      if (selected(c))
        runs.set(
          c,
          pool(() => runCase(area, c))
        )
  }
}, 180000)

afterAll(async () => {
  backstage.closeAllConnections()
  backstage.close()
  await stopGateIssuer()
  if (!keep) rmSync(suiteRoot, { recursive: true, force: true })
})

for (const area of areas) {
  describe(`hostile ${area.name}`, () => {
    it(`control: the untouched service passes ${area.action}`, async () => {
      const run = await controls.get(area)!
      expect({
        exit: run.exitCode,
        out: run.exitCode === 0 ? '' : `${run.stdout}\n${run.stderr}`
      }).toEqual({
        exit: 0,
        out: ''
      })
    }, 120000)
    for (const c of area.cases) {
      const test = selected(c) ? it : it.skip
      test(`${c.name} [class ${c.classes.join(', ')}; ${viaOf(c)}]`, async () => {
        const { run, line } = await runs.get(c)!
        const broken = brokenInvariants(
          { ...c, timeoutMs: c.timeoutMs ?? DEFAULT_TIMEOUT_MS },
          run,
          { line }
        )
        expect(broken).toEqual([])
      }, 120000)
    }
  })
}
