// End-to-end: the Backstage software template (templates/template.yaml) against the real scaffolder
// in e2e/backstage, through its dry-run API (POST /api/scaffolder/v2/dry-run: the template, the
// parameter values and the template's folder as base64 files; the answer holds the files the steps
// wrote). The dry run runs every step whose action supports it (fetch:template, and
// publish:github:pull-request up to the GitHub call) and skips the others (publish:github). What it
// produces must render and validate with idp, and equal what `idp init` writes for the same values:
// the two share templates/skeleton/. Called from scripts/e2e.ts with its scenario runner.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { parse, stringify } from 'yaml'
import { assertServiceBinding } from '../shared/src/boundary/identity.js'
import { initCommand } from '../shared/src/commands/init.js'
import { renderCommand } from '../shared/src/commands/render.js'
import { validateCommand } from '../shared/src/commands/validate.js'
import { loadPlatform } from '../shared/src/descriptor/platform.js'
import { runLocal } from '../shared/src/runtime/local.js'
import { RecordingLogger } from '../shared/src/runtime/logger.js'
import { assert, root } from './e2e-harness.js'

export interface ScaffolderRun {
  readonly scenario: (name: string, run: () => Promise<void>) => Promise<void>
  /** The backend, e.g. http://127.0.0.1:7007. */
  readonly baseUrl: string
  readonly token: string
  /** The folder the fixture server serves, and its URL: the catalog reads the template from there. */
  readonly served: string
  readonly fixtureUrl: string
}

interface DryRunAnswer {
  readonly status: number
  readonly body: {
    readonly errors?: { property?: string; message?: string; argument?: unknown }[]
    readonly error?: { name?: string; message?: string }
    readonly log?: { body: { stepId?: string; status?: string; message?: string } }[]
    readonly directoryContents?: { path: string; base64Content: string; executable?: boolean }[]
  }
}

const templatesDir = join(root, 'templates')
const templateDocument = parse(readFileSync(join(templatesDir, 'template.yaml'), 'utf8'))

/** The template's folder as the dry-run API takes it: template.yaml at the top, skeleton/ beside it. */
function templateFolderContents(): { path: string; base64Content: string }[] {
  const files: { path: string; base64Content: string }[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else
        files.push({
          path: relative(templatesDir, path).split(sep).join('/'),
          base64Content: readFileSync(path).toString('base64')
        })
    }
  }
  walk(templatesDir)
  return files
}

// The values OwnerPicker and RepoUrlPicker send. The description carries YAML and Markdown syntax
// on purpose: `| dump` must quote it the same way in the scaffolder and in idp init.
const DESCRIPTION = 'Takes payments: cards & "wallets" #1 <fast>'
const VALUES = {
  name: 'payments',
  owner: 'group:default/team-payments',
  description: DESCRIPTION,
  port: 8080,
  repoUrl: 'github.com?owner=acme&repo=payments'
}

/** Writes the dry run's files into a fresh folder, refusing a path that would leave it. */
function writeContents(answer: DryRunAnswer, folder: string): string[] {
  const paths: string[] = []
  for (const file of answer.body.directoryContents ?? []) {
    const target = resolve(folder, file.path)
    assert(
      target.startsWith(folder + sep),
      `the dry run returned a path outside its folder: ${file.path}`
    )
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, Buffer.from(file.base64Content, 'base64'))
    paths.push(file.path)
  }
  return paths.sort()
}

const files = (answer: DryRunAnswer) =>
  new Map(
    (answer.body.directoryContents ?? []).map(f => [
      f.path,
      Buffer.from(f.base64Content, 'base64').toString('utf8')
    ])
  )

/** The example platform config, copied into the folder (an action reads it only inside its workspace). */
function withExamplePlatform(folder: string): string {
  cpSync(join(root, 'examples', 'platform'), join(folder, '.idp-platform'), { recursive: true })
  return '.idp-platform/platform.yaml'
}

export async function scaffolderScenarios(run: ScaffolderRun): Promise<void> {
  const { scenario, baseUrl, token } = run
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' }
  const dryRun = async (values: Record<string, unknown>): Promise<DryRunAnswer> => {
    const response = await fetch(`${baseUrl}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        template: templateDocument,
        values,
        secrets: {},
        directoryContents: templateFolderContents()
      })
    })
    return { status: response.status, body: (await response.json()) as DryRunAnswer['body'] }
  }
  const scratch = mkdtempSync(join(tmpdir(), 'idp-e2e-scaffolder-'))
  let accepted: DryRunAnswer | undefined
  try {
    await scenario(
      'the catalog accepts the software template (kind Template) from a url location',
      async () => {
        cpSync(templatesDir, join(run.served, 'templates'), { recursive: true })
        const response = await fetch(`${baseUrl}/api/catalog/locations`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ type: 'url', target: `${run.fixtureUrl}/templates/template.yaml` })
        })
        assert(
          response.status === 201,
          `POST /locations answered ${response.status}: ${await response.text()}`
        )
        const deadline = Date.now() + 30_000
        for (;;) {
          const entity = await fetch(
            `${baseUrl}/api/catalog/entities/by-name/template/default/idp-service`,
            { headers }
          )
          if (entity.status === 200) {
            const stored = (await entity.json()) as { spec?: { steps?: unknown[]; type?: string } }
            assert(stored.spec?.type === 'service', `spec.type ${stored.spec?.type}`)
            assert(stored.spec?.steps?.length === templateDocument.spec.steps.length, 'steps lost')
            return
          }
          assert(
            Date.now() < deadline,
            'template:default/idp-service never appeared in the catalog'
          )
          await new Promise(r => setTimeout(r, 250))
        }
      }
    )

    await scenario(
      "the scaffolder refuses parameters that break the template's schema",
      async () => {
        const cases: [string, Record<string, unknown>, string][] = [
          ['an upper-case name with _', { ...VALUES, name: 'Pay_ments' }, 'instance.name'],
          ['a name longer than 63', { ...VALUES, name: 'a'.repeat(64) }, 'instance.name'],
          ['a user as owner', { ...VALUES, owner: 'user:default/jane' }, 'instance.owner'],
          ['a group in another namespace', { ...VALUES, owner: 'group:ops/sre' }, 'instance.owner'],
          [
            'a description with a carriage return',
            { ...VALUES, description: 'a\rb' },
            'instance.description'
          ],
          ['a port above 65535', { ...VALUES, port: 70000 }, 'instance.port'],
          ['no owner', { ...VALUES, owner: undefined }, 'owner'],
          // The form fills the default 8080; the API does not, and ${{ parameters.port }} would be empty.
          ['no port', { ...VALUES, port: undefined }, 'port']
        ]
        for (const [what, values, property] of cases) {
          const answer = await dryRun(values)
          assert(
            answer.status === 400,
            `${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`
          )
          const errors = answer.body.errors ?? []
          assert(
            errors.some(e => e.property === property || e.argument === property),
            `${what}: no error for ${property}: ${JSON.stringify(errors).slice(0, 300)}`
          )
        }
      }
    )

    await scenario(
      'a dry run writes the repository and the onboarding entry, skipping only publish:github',
      async () => {
        accepted = await dryRun(VALUES)
        assert(
          accepted.status === 200,
          `HTTP ${accepted.status}: ${JSON.stringify(accepted.body).slice(0, 600)}`
        )
        const statuses = Object.fromEntries(
          (accepted.body.log ?? [])
            .filter(
              l => l.body.stepId && ['completed', 'skipped', 'failed'].includes(l.body.status ?? '')
            )
            .map(l => [l.body.stepId, l.body.status])
        )
        assert(
          JSON.stringify(statuses) ===
            JSON.stringify({
              fetch: 'completed',
              publish: 'skipped',
              'onboarding-entry': 'completed',
              onboarding: 'completed'
            }),
          `step statuses ${JSON.stringify(statuses)}`
        )
        const paths = [...files(accepted).keys()].sort()
        assert(
          JSON.stringify(paths) ===
            JSON.stringify([
              '.github/workflows/deliver.yml',
              'Dockerfile',
              'docs/index.md',
              'idp.yaml',
              'mkdocs.yml',
              'onboarding/payments.yaml'
            ]),
          `files ${paths}`
        )
      }
    )

    await scenario("the dry run's repository renders and validates with idp", async () => {
      assert(accepted?.status === 200, 'no dry run to check')
      const folder = join(scratch, 'rendered-from-dry-run')
      writeContents(accepted, folder)
      rmSync(join(folder, 'onboarding'), { recursive: true })
      const platformConfig = withExamplePlatform(folder)
      const logger = new RecordingLogger()
      const rendered = await runLocal(
        renderCommand,
        {
          'platform-config': platformConfig,
          image: `ghcr.io/acme/payments@sha256:${'a'.repeat(64)}`
        },
        { workspace: folder, logger, env: {} }
      )
      assert(rendered.exitCode === 0, `idp render: ${rendered.failure}`)
      assert(
        rendered.outputs.environments === '["dev","staging","prod"]',
        `environments ${rendered.outputs.environments}`
      )
      const validated = await runLocal(
        validateCommand,
        { 'platform-config': platformConfig, manifests: 'rendered' },
        { workspace: folder, logger, env: {} }
      )
      assert(
        validated.exitCode === 0 && validated.outputs.errors === '0',
        `idp validate: exit ${validated.exitCode}, errors ${validated.outputs.errors} ${validated.failure ?? ''}\n${logger.text().slice(-1500)}`
      )
      const descriptor = parse(readFileSync(join(folder, 'idp.yaml'), 'utf8'))
      assert(
        descriptor.metadata.description === DESCRIPTION,
        `description ${descriptor.metadata.description}`
      )
    })

    await scenario(
      'the dry run writes byte for byte what idp init writes for the same values',
      async () => {
        assert(accepted?.status === 200, 'no dry run to check')
        const sameAsInit = async (answer: DryRunAnswer, description: string, folder: string) => {
          mkdirSync(folder)
          const init = await runLocal(
            initCommand,
            {
              name: VALUES.name,
              owner: 'team-payments',
              description,
              port: String(VALUES.port),
              image: 'ghcr.io/acme/payments',
              catalog: 'repository',
              'deliver-workflow': 'acme/idp/.github/workflows/deliver.yml@v1',
              'platform-config': withExamplePlatform(folder)
            },
            { workspace: folder, logger: new RecordingLogger(), env: {} }
          )
          assert(init.exitCode === 0, `idp init: ${init.failure}`)
          const written = Object.keys(JSON.parse(init.outputs.files) as Record<string, string>)
          const scaffolded = files(answer)
          const repository = [...scaffolded.keys()].filter(p => !p.startsWith('onboarding/'))
          assert(
            JSON.stringify(written.sort()) === JSON.stringify(repository.sort()),
            `idp init wrote ${written}, the dry run ${repository}`
          )
          for (const path of written) {
            const mine = readFileSync(join(folder, path), 'utf8')
            assert(
              mine === scaffolded.get(path),
              `${path} differs:\n--- idp init\n${mine}\n--- scaffolder\n${scaffolded.get(path)}`
            )
          }
        }
        await sameAsInit(accepted, DESCRIPTION, join(scratch, 'idp-init'))
        // Template syntax in a value: the scaffolder writes it as typed, and so must idp init.
        const curly = 'Uses {{ 7*7 }}, ${{ parameters.name }} and {% raw %}'
        const literal = await dryRun({ ...VALUES, description: curly })
        assert(literal.status === 200, `description ${curly}: HTTP ${literal.status}`)
        await sameAsInit(literal, curly, join(scratch, 'idp-init-curly'))
        // A typed group name (OwnerPicker allows free text) scaffolds the same files as the picked ref.
        const typed = await dryRun({ ...VALUES, owner: 'team-payments' })
        assert(typed.status === 200, `owner team-payments: HTTP ${typed.status}`)
        for (const [path, text] of files(typed))
          assert(
            text === files(accepted).get(path),
            `${path} differs between owner team-payments and group:default/team-payments`
          )
      }
    )

    await scenario(
      "the onboarding entry registers the service in the platform's registry",
      async () => {
        assert(accepted?.status === 200, 'no dry run to check')
        const scaffolded = files(accepted)
        const entries = parse(scaffolded.get('onboarding/payments.yaml')!)
        assert(
          JSON.stringify(entries) ===
            JSON.stringify([
              { name: 'payments', repository: 'acme/payments', owner: 'team-payments' }
            ]),
          `entry ${JSON.stringify(entries)}`
        )
        const platform = parse(readFileSync(join(root, 'examples/platform/platform.yaml'), 'utf8'))
        platform.spec.services = [...(platform.spec.services ?? []), ...entries]
        const file = join(scratch, 'platform-onboarded.yaml')
        writeFileSync(file, stringify(platform))
        const loaded = loadPlatform(file).config
        const descriptor = parse(scaffolded.get('idp.yaml')!)
        const binding = (repository: string) => () =>
          assertServiceBinding({
            platform: loaded,
            service: descriptor.metadata.name,
            owner: descriptor.metadata.owner,
            identity: { repository, source: "the template's repoUrl" },
            subject: 'idp.yaml'
          })
        binding('acme/payments')()
        let refused = ''
        try {
          binding('acme/someone-else')()
        } catch (error) {
          refused = (error as Error).message
        }
        assert(
          refused.includes('belongs to acme/payments'),
          `another repository was not refused: ${refused}`
        )
      }
    )
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}
