// End-to-end: `idp catalog` against a real Backstage catalog backend (e2e/backstage), started on
// 127.0.0.1 with in-memory SQLite and a static token. The generated catalog-info.yaml is served to
// the catalog from a loopback HTTP server (the catalog API only takes `url` locations). Installs the
// backend with `npm ci` when needed, stops every process it starts, prints `N passed, N failed`.
// The scenarios: e2e-catalog.ts, e2e-merge-record.ts and e2e-scaffolder.ts, in that order.
import type { ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync } from 'node:fs'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CatalogApi } from '../shared/src/catalog/client.js'
import { RecordingLogger } from '../shared/src/runtime/logger.js'
import { catalogScenarios, lastCatalogLog, type CatalogRun } from './e2e-catalog.js'
import {
  assert,
  freePort,
  installBackstage,
  log,
  root,
  startBackstage,
  startFixtureServer,
  stop,
  TOKEN
} from './e2e-harness.js'
import { mergeRecordScenario } from './e2e-merge-record.js'
import { scaffolderScenarios } from './e2e-scaffolder.js'

async function main(): Promise<number> {
  const started = Date.now()
  installBackstage()
  const workspace = mkdtempSync(join(tmpdir(), 'idp-e2e-catalog-'))
  const children: ChildProcess[] = []
  const servers: Server[] = []
  let passed = 0
  let failed = 0
  try {
    cpSync(join(root, 'examples'), join(workspace, 'examples'), { recursive: true })
    const served = join(workspace, 'examples')
    const fx = await startFixtureServer(served)
    children.push(fx.child)
    const port = await freePort()
    const logFile = join(workspace, 'backstage.log')
    const backend = await startBackstage(port, fx.port, logFile)
    children.push(backend)
    log(`Backstage catalog ready on 127.0.0.1:${port} (fixtures on 127.0.0.1:${fx.port}).`)
    const baseUrl = `http://127.0.0.1:${port}`
    const fixtureUrl = `http://127.0.0.1:${fx.port}`
    const api = new CatalogApi({ baseUrl, token: TOKEN, logger: new RecordingLogger() })
    // The seed Group (a static location) is processed a few seconds after readiness.
    const seedDeadline = Date.now() + 60_000
    while (!(await api.getEntityByName('group', 'default', 'team-payments'))) {
      if (Date.now() > seedDeadline) throw new Error('the seed group team-payments never appeared')
      await new Promise(r => setTimeout(r, 250))
    }
    const common = {
      descriptor: 'examples/checkout/idp.yaml',
      'platform-config': 'examples/platform/platform.yaml',
      mode: 'backstage',
      'backstage-url': baseUrl,
      'backstage-token': TOKEN,
      output: 'examples/checkout/catalog-info.yaml',
      location: `${fixtureUrl}/checkout/catalog-info.yaml`,
      'source-url': `${fixtureUrl}/checkout/`,
      'source-repository': 'acme/checkout',
      timeout: '60'
    }

    const scenario = async (name: string, run: () => Promise<void>) => {
      const t0 = Date.now()
      try {
        await run()
        passed++
        log(`ok   ${name} (${Date.now() - t0} ms)`)
      } catch (error) {
        failed++
        log(`FAIL ${name}: ${(error as Error).message}`)
        if (process.env.E2E_DEBUG) log(lastCatalogLog())
      }
    }

    const run: CatalogRun = {
      scenario,
      workspace,
      api,
      common,
      baseUrl,
      port,
      served,
      fixtureUrl,
      servers
    }
    await catalogScenarios(run)
    await mergeRecordScenario(run)

    // The software template in templates/ through the scaffolder's dry-run API.
    await scaffolderScenarios({ scenario, baseUrl, token: TOKEN, served, fixtureUrl })

    await stop(backend)
    assert(backend.exitCode !== null || backend.signalCode !== null, 'backend still running')
  } catch (error) {
    failed++
    log(`FAIL setup: ${(error as Error).message}`)
  } finally {
    for (const child of children) await stop(child)
    for (const server of servers) await new Promise<void>(done => server.close(() => done()))
    rmSync(workspace, { recursive: true, force: true })
  }
  log(`e2e took ${Math.round((Date.now() - started) / 1000)} s`)
  log(`${passed} passed, ${failed} failed`)
  return failed === 0 ? 0 : 1
}

process.exitCode = await main()
