// `idp init`: scaffolds a service repository in the current folder (shared/src/init/init.ts). A name
// or owner not given is asked for on a terminal, and refused with the flag to give everywhere else.
import { createInterface } from 'node:readline/promises'
import type { InitCatalogMode, InitSettings } from '../init/init.js'
import type { Command, CommandContext } from '../runtime/command.js'
import { booleanInput, choiceInput, integerInput, requiredInput } from '../runtime/command.js'
import { UserError } from '../runtime/errors.js'
import { inputRefStart } from '../runtime/surface.js'

const CATALOG_MODES: readonly InitCatalogMode[] = ['file', 'repository', 'backstage', 'none']

interface Settings extends Omit<InitSettings, 'name' | 'owner'> {
  readonly name?: string
  readonly owner?: string
}

/** Asks on a terminal; elsewhere (CI, pipes, tests) a missing value is the user's to give. */
async function ask(name: string, question: string, fallback: string | undefined): Promise<string> {
  if (!process.stdin.isTTY || !process.stderr.isTTY)
    throw new UserError({
      message: `${inputRefStart(name)} is required but was not given.`,
      hint: `Give --${name}, or run idp init in a terminal to be asked.`
    })
  const prompt = createInterface({ input: process.stdin, output: process.stderr })
  try {
    const answer = (
      await prompt.question(`${question}${fallback ? ` (${fallback})` : ''}: `)
    ).trim()
    if (answer || fallback) return answer || fallback!
    throw new UserError({ message: `${inputRefStart(name)} is required but was not given.` })
  } finally {
    prompt.close()
  }
}

export const initCommand: Command<Settings> = {
  cli: 'init',
  description:
    "Scaffold a service repository in the current folder: idp.yaml, the workflow calling the platform's deliver.yml, a Dockerfile stub, mkdocs.yml and docs/, and catalog-info.yaml in file mode — rendered for every environment of the platform config before anything is written. Re-running changes nothing; files you edited are kept unless --force.",
  inputs: [
    { name: 'name', description: 'The service name (a DNS-1123 label); asked for on a terminal.' },
    {
      name: 'owner',
      description: 'The owning Backstage group, e.g. team-payments; asked for on a terminal.'
    },
    {
      name: 'platform-config',
      description: 'Path of the platform config (platform.yaml) to check the service against.',
      required: true
    },
    { name: 'description', description: 'One line saying what the service does.' },
    {
      name: 'image',
      description:
        "The image repository without tag. Default: the platform config's first registry + the name."
    },
    { name: 'port', description: 'The port the service listens on.', default: '8080' },
    {
      name: 'catalog',
      description:
        'How the catalog learns of the service: file (catalog-info.yaml in the repository), repository, backstage or none. Default: repository when the platform config names a catalog repository, else file.'
    },
    {
      name: 'deliver-workflow',
      description: "The platform's reusable delivery workflow the generated workflow calls.",
      default: 'acme/idp/.github/workflows/deliver.yml@v1'
    },
    {
      name: 'force',
      boolean: true,
      description: 'Overwrite files that differ from the skeleton (your edits).',
      default: 'false'
    }
  ],
  outputs: [
    { name: 'files', description: 'JSON map path → created, unchanged, kept or overwritten.' },
    { name: 'catalog-mode', description: 'How the catalog learns of the service.' }
  ],
  settings: (read, context: CommandContext) => {
    const catalog = read('catalog')
    return {
      name: read('name'),
      owner: read('owner'),
      platformConfig: requiredInput(read, 'platform-config'),
      description: read('description'),
      image: read('image'),
      port: integerInput(read, 'port', 8080, 1, 65535),
      catalog:
        catalog === undefined ? undefined : choiceInput(read, 'catalog', CATALOG_MODES, 'file'),
      deliverWorkflow: read('deliver-workflow') ?? 'acme/idp/.github/workflows/deliver.yml@v1',
      force: booleanInput(read, 'force', false),
      workspace: context.workspace
    }
  },
  async run(settings, context) {
    const folder = context.workspace.split('/').filter(Boolean).at(-1)
    const name = settings.name ?? (await ask('name', 'Service name', folder))
    const owner = settings.owner ?? (await ask('owner', 'Owning group', undefined))
    if (settings.port > 65535)
      throw new UserError({ message: `${inputRefStart('port')} must be at most 65535.` })
    // Render, the catalog model and the schemas load only when init runs.
    const { initService } = await import('../init/init.js')
    const result = await initService({ ...settings, name, owner }, context)
    for (const file of result.files) {
      const note =
        file.status === 'kept' ? ' (differs from the skeleton: your edit; --force overwrites)' : ''
      context.logger.info(`${file.status.padEnd(11)} ${file.path}${note}`)
    }
    return {
      outputs: {
        files: JSON.stringify(Object.fromEntries(result.files.map(f => [f.path, f.status]))),
        'catalog-mode': result.catalogMode
      }
    }
  }
}
