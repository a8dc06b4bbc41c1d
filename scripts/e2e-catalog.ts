// The `idp catalog` scenarios of the catalog e2e (scripts/e2e.ts): registration against the real
// Backstage catalog and read back, re-registration, and every refusal a user can meet (unreadable
// location, processing and validation errors, unknown owner, wrong token, another location), retries
// through a flaky proxy and the committed action bundle. They run in order: later ones read what
// earlier ones registered.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { dirname, join } from 'node:path'
import type { CatalogApi, StoredEntity } from '../shared/src/catalog/client.js'
import { catalogCommand } from '../shared/src/commands/catalog.js'
import { withDefaults, type CommandContext } from '../shared/src/runtime/command.js'
import { describeFailure } from '../shared/src/runtime/errors.js'
import { RecordingLogger } from '../shared/src/runtime/logger.js'
import { haveNode24, runBundle } from '../test/run-bundle.js'
import { assert, log, startFlakyProxy, TOKEN } from './e2e-harness.js'

/** What the e2e runner set up, shared by every catalog scenario. */
export interface CatalogRun {
  readonly scenario: (name: string, run: () => Promise<void>) => Promise<void>
  readonly workspace: string
  readonly api: CatalogApi
  /** The inputs every registration starts from. */
  readonly common: Readonly<Record<string, string>>
  /** The backend, e.g. http://127.0.0.1:7007; `port` is its port, for proxies in front of it. */
  readonly baseUrl: string
  readonly port: number
  /** The folder the fixture server serves, and its URL: the catalog reads locations from there. */
  readonly served: string
  readonly fixtureUrl: string
  /** Servers a scenario starts; the runner closes them at the end. */
  readonly servers: Server[]
}

interface RunResult {
  readonly ok: boolean
  readonly outputs: Record<string, string>
  readonly error: string
  readonly logger: RecordingLogger
}

/** The last run's log, printed with a failure when E2E_DEBUG is set. */
let lastLogger: RecordingLogger | undefined

/** The last `idp catalog` run's log (empty before the first). */
export function lastCatalogLog(): string {
  return lastLogger?.text() ?? ''
}

/** Runs the real `idp catalog` command (settings from inputs, then run), as the CLI and action do. */
async function idpCatalog(workspace: string, inputs: Record<string, string>): Promise<RunResult> {
  const logger = new RecordingLogger()
  lastLogger = logger
  const context: CommandContext = {
    logger,
    summary: { append: () => undefined },
    env: {},
    workspace
  }
  try {
    const read = withDefaults(catalogCommand as never, name => inputs[name])
    const settings = catalogCommand.settings(read, context)
    const result = await catalogCommand.run(settings, context)
    return { ok: true, outputs: { ...result.outputs }, error: '', logger }
  } catch (error) {
    // What a user would see: the secret-masked message.
    let message = describeFailure(error)
    for (const secret of logger.secrets) message = message.split(secret).join('***')
    log(`     idp catalog said: ${message.replace(/\n/g, '\n     ')}`)
    return { ok: false, outputs: {}, error: message, logger }
  }
}

/** Waits until the entities' etags have not changed for 3 s (the catalog has nothing queued for them). */
async function waitForQuiet(api: CatalogApi, refs: string[]): Promise<void> {
  const deadline = Date.now() + 30_000
  let last = ''
  let since = Date.now()
  while (Date.now() < deadline) {
    const etags = (await api.getEntitiesByRefs(refs)).map(e => e?.metadata.etag).join(',')
    if (etags !== last) {
      last = etags
      since = Date.now()
    } else if (Date.now() - since >= 3000) return
    await new Promise(r => setTimeout(r, 250))
  }
}

function hasRelation(entity: StoredEntity, type: string, target: string): boolean {
  return (entity.relations ?? []).some(r => r.type === type && r.targetRef === target)
}

export async function catalogScenarios(run: CatalogRun): Promise<void> {
  const { scenario, workspace, api, common, baseUrl, port, served, fixtureUrl, servers } = run
  await scenario("a location the catalog cannot read fails with the dry run's error", async () => {
    const result = await idpCatalog(workspace, {
      ...common,
      output: 'examples/checkout/unpublished/catalog-info.yaml',
      location: `${fixtureUrl}/not-published/catalog-info.yaml`
    })
    assert(!result.ok, 'registration of an unreadable location succeeded')
    assert(result.error.includes('rejected the dry run of location'), result.error)
    assert(/NotFoundError/.test(result.error), `not the catalog's message: ${result.error}`)
  })

  await scenario(
    'registers the example and reads it back with relations and annotations',
    async () => {
      const result = await idpCatalog(workspace, {
        ...common,
        environment: 'dev',
        version: '1.4.0',
        'gitops-commit': 'a1b2c3d',
        'deployed-at': '2026-11-24T10:00:00Z'
      })
      assert(result.ok, result.error)
      assert(result.outputs.changed === 'true', `changed=${result.outputs.changed}`)
      const refs = JSON.parse(result.outputs.entities!) as string[]
      assert(refs.includes('component:default/checkout') && refs.length === 4, `entities ${refs}`)
      const component = await api.getEntityByName('component', 'default', 'checkout')
      assert(component, 'component:default/checkout is not in the catalog')
      for (const [type, target] of [
        ['ownedBy', 'group:default/team-payments'],
        ['partOf', 'system:default/payments'],
        ['dependsOn', 'resource:default/checkout-orders-db'],
        ['dependsOn', 'resource:default/checkout-analytics-db'],
        ['providesApi', 'api:default/checkout-api']
      ])
        assert(hasRelation(component, type!, target!), `missing relation ${type} ${target}`)
      const a = component.metadata.annotations ?? {}
      assert(a['github.com/project-slug'] === 'acme/checkout', 'project-slug')
      assert(a['backstage.io/source-location'] === `url:${fixtureUrl}/checkout/`, 'source-location')
      assert(a['argocd/app-name'] === 'checkout-prod', `argocd/app-name=${a['argocd/app-name']}`)
      assert(
        a['backstage.io/kubernetes-label-selector'] === 'app.oam.dev/name=checkout',
        'k8s selector'
      )
      assert(a['idp.dev/env.dev.version'] === '1.4.0', 'env.dev.version')
      assert(a['idp.dev/env.dev.commit'] === 'a1b2c3d', 'env.dev.commit')
      assert(
        a['backstage.io/managed-by-location'] === `url:${common.location}`,
        'managed-by-location'
      )
      const [db, apiEntity] = await api.getEntitiesByRefs([
        'resource:default/checkout-orders-db',
        'api:default/checkout-api'
      ])
      assert(db?.spec?.type === 'database', `orders-db type ${db?.spec?.type}`)
      assert(hasRelation(db, 'ownedBy', 'group:default/team-payments'), 'orders-db ownedBy')
      assert(String(apiEntity?.spec?.definition).includes('Checkout API'), 'API definition inlined')
    }
  )

  await scenario('a changed descriptor registered again shows the new content', async () => {
    const file = join(workspace, 'examples/checkout/idp.yaml')
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace(
        'description: Checkout API',
        'description: Checkout API v2'
      )
    )
    const result = await idpCatalog(workspace, {
      ...common,
      environment: 'prod',
      version: '1.3.9',
      'deployed-at': '2026-11-24T11:00:00Z'
    })
    assert(result.ok, result.error)
    assert(result.outputs.changed === 'true', `changed=${result.outputs.changed}`)
    const component = await api.getEntityByName('component', 'default', 'checkout')
    assert(
      component?.metadata.description === 'Checkout API v2',
      `description ${component?.metadata.description}`
    )
    const a = component.metadata.annotations ?? {}
    assert(a['idp.dev/env.prod.version'] === '1.3.9', 'env.prod.version')
    assert(a['idp.dev/env.dev.version'] === '1.4.0', 'dev record kept while registering prod')
    const again = await idpCatalog(workspace, {
      ...common,
      environment: 'prod',
      version: '1.3.9',
      'deployed-at': '2026-11-24T11:00:00Z'
    })
    assert(
      again.ok && again.outputs.changed === 'false',
      `re-run changed=${again.outputs.changed} ${again.error}`
    )
  })

  await scenario(
    'a processing error on an existing entity (status.items) is reported',
    async () => {
      // The changed API definition exists only while the catalog validates the entity and dry-runs
      // the location (a proxy in front of the backend puts it in place for those requests); any
      // processing fails to read it, so the existing entity keeps its old content and gains a
      // processing error in status.items.
      // Refreshes queued by the previous scenario must not be processed while the file exists.
      await waitForQuiet(api, ['component:default/checkout', 'api:default/checkout-api'])
      const flaky = join(served, 'flaky', 'openapi.yaml')
      mkdirSync(dirname(flaky), { recursive: true })
      const definition = readFileSync(join(served, 'checkout/openapi.yaml'), 'utf8')
      const proxy = await startFlakyProxy(port, [], (method, url) => {
        if (!url.startsWith('/api/catalog/validate-entity') && !url.includes('dryRun=true')) return
        writeFileSync(flaky, `${definition}# changed\n`)
        return () => rmSync(flaky, { force: true })
      })
      servers.push(proxy.server)
      const result = await idpCatalog(workspace, {
        ...common,
        'backstage-url': `http://127.0.0.1:${proxy.port}`,
        'source-url': `${fixtureUrl}/flaky/`,
        'api-definitions': 'reference',
        timeout: '8'
      })
      assert(!result.ok, 'registration succeeded although processing failed')
      assert(
        result.error.includes('The Backstage catalog failed to process api:default/checkout-api'),
        result.error
      )
    }
  )

  await scenario("a broken entity is reported with the catalog's own error", async () => {
    // The API definition as a $text reference to a file the catalog cannot read.
    const result = await idpCatalog(workspace, {
      ...common,
      output: 'examples/broken/catalog-info.yaml',
      location: `${fixtureUrl}/broken/catalog-info.yaml`,
      'source-url': `${fixtureUrl}/nowhere/`,
      'api-definitions': 'reference'
    })
    assert(!result.ok, 'registration of a broken entity succeeded')
    assert(
      result.error.includes('The Backstage catalog rejects api:default/checkout-api'),
      result.error
    )
    assert(
      /NotFoundError|could not|Unable to read/i.test(result.error),
      `not the catalog's message: ${result.error}`
    )
    assert(result.error.includes('examples/checkout/idp.yaml:'), `no file:line: ${result.error}`)
  })

  await scenario('an owner that is not a Group in the catalog is refused at its line', async () => {
    const file = join(workspace, 'examples/checkout/ghost.yaml')
    writeFileSync(
      file,
      readFileSync(join(workspace, 'examples/checkout/idp.yaml'), 'utf8').replace(
        'owner: team-payments',
        'owner: team-ghost'
      )
    )
    const result = await idpCatalog(workspace, {
      ...common,
      descriptor: 'examples/checkout/ghost.yaml'
    })
    assert(!result.ok, 'registration with a missing owner succeeded')
    assert(
      /ghost\.yaml:6:\d+: The owner group:default\/team-ghost does not exist/.test(result.error),
      result.error
    )
  })

  await scenario('a wrong token is refused with a clear message and never printed', async () => {
    const wrong = 'wrong-token-0123456789'
    const result = await idpCatalog(workspace, { ...common, 'backstage-token': wrong })
    assert(!result.ok, 'a wrong token was accepted')
    assert(
      result.error.includes('HTTP 401') && result.error.includes('backstage-token'),
      result.error
    )
    assert(!result.error.includes(wrong), 'the token appears in the message')
    assert(!result.logger.text().includes(wrong), 'the token appears in the log')
  })

  await scenario(
    'an entity registered from another location is refused, not left to time out',
    async () => {
      const result = await idpCatalog(workspace, {
        ...common,
        output: 'examples/other/catalog-info.yaml',
        location: `${fixtureUrl}/other/catalog-info.yaml`
      })
      assert(!result.ok, 'a second location for the same entities was accepted')
      assert(result.error.includes('is already in the catalog from another location'), result.error)
    }
  )

  await scenario(
    'the committed action bundle (Node 24) registers and never prints the token',
    async () => {
      assert(haveNode24(), 'Node 24 (tools/node24) is not installed; run npm ci')
      const run = runBundle('register-catalog', {
        inputs: {
          ...common,
          'backstage-url': `${baseUrl}/api/catalog`,
          environment: 'prod',
          version: '1.5.0'
        },
        workspace
      })
      assert(
        run.exitCode === 0,
        `exit ${run.exitCode}: ${run.stdout.slice(-800)} ${run.stderr.slice(-1500)}`
      )
      assert(
        JSON.parse(run.outputs.entities ?? '[]').length === 4,
        `entities=${run.outputs.entities}`
      )
      assert(run.summary.includes('```mermaid'), 'no job summary')
      const printed = (run.stdout + run.stderr)
        .split('\n')
        .filter(l => !l.startsWith('::add-mask::'))
      assert(!printed.some(l => l.includes(TOKEN)), 'the token was printed')
      const component = await api.getEntityByName('component', 'default', 'checkout')
      assert(
        component?.metadata.annotations?.['idp.dev/env.prod.version'] === '1.5.0',
        'prod record'
      )
    }
  )

  await scenario('retries through 503 and 429 answers and still registers', async () => {
    const proxy = await startFlakyProxy(port, [503, 429, 503])
    servers.push(proxy.server)
    const result = await idpCatalog(workspace, {
      ...common,
      'backstage-url': `http://127.0.0.1:${proxy.port}`,
      environment: 'staging',
      version: '1.4.0',
      'deployed-at': '2026-11-24T12:00:00Z'
    })
    assert(result.ok, result.error)
    assert(proxy.failed() === 3, `proxy injected ${proxy.failed()} failures`)
    const retries = result.logger.lines.filter(l => l.message.startsWith('Retrying after'))
    assert(retries.length === 3, `expected 3 retries, saw ${retries.length}`)
    const component = await api.getEntityByName('component', 'default', 'checkout')
    assert(
      component?.metadata.annotations?.['idp.dev/env.staging.version'] === '1.4.0',
      'staging record'
    )
  })
}
