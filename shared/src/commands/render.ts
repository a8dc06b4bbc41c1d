// The renderer is loaded when the command runs, so `--help` and a missing input answer at once.
import type { renderManifests, RenderManifestsSettings } from '../render/index.js'
import type { Command } from '../runtime/command.js'
import { requiredInput } from '../runtime/command.js'

/** `render-manifests` / `idp render`: idp.yaml → per-environment KubeVela, ESO and Crossplane manifests. */
export const renderCommand: Command<RenderManifestsSettings> = {
  cli: 'render',
  action: 'render-manifests',
  description:
    'Render idp.yaml into per-environment manifests: a KubeVela Application, ExternalSecrets and Crossplane claims or XRs, with a kustomization and .idp/render.json (provenance and source map).',
  inputs: [
    { name: 'descriptor', description: 'Path of the service descriptor.', default: 'idp.yaml' },
    {
      name: 'platform-config',
      description: 'Path of the platform config (platform.yaml).',
      required: true
    },
    {
      name: 'environment',
      description: "Environment to render: one name, a comma list, or 'all'.",
      default: 'all'
    },
    {
      name: 'image',
      multiple: true,
      description:
        'Image to deploy: one reference (tag or @sha256: digest) for a single component, or component=reference per component, separated by new lines, commas or spaces (on the CLI: repeat --image). Rendered exactly as given.'
    },
    {
      name: 'output-dir',
      description: 'Folder to write <output-dir>/<environment>/ into.',
      default: 'rendered'
    }
  ],
  outputs: [
    {
      name: 'output-dir',
      description: 'The folder holding one sub-folder per rendered environment.'
    },
    { name: 'environments', description: 'JSON list of the rendered environment names.' },
    {
      name: 'digest',
      description:
        'Content digest of the rendered environment (JSON map environment → digest when several were rendered).'
    },
    { name: 'digests', description: 'JSON map environment → content digest.' }
  ],
  settings: (read, context) => ({
    descriptor: read('descriptor') ?? 'idp.yaml',
    platformConfig: requiredInput(read, 'platform-config'),
    environment: read('environment') ?? 'all',
    image: read('image'),
    outputDir: read('output-dir') ?? 'rendered',
    workspace: context.workspace,
    env: context.env
  }),
  async run(settings, context) {
    const { renderManifests } = await import('../render/index.js')
    const result = await renderManifests(settings, context.logger)
    const digests = Object.fromEntries(
      result.environments.map(e => [e.environment, e.record.digest])
    )
    context.summary.append(renderSummary(result.environments))
    return {
      outputs: {
        'output-dir': result.outputDir,
        environments: JSON.stringify(result.environments.map(e => e.environment)),
        digest:
          result.environments.length === 1
            ? result.environments[0].record.digest
            : JSON.stringify(digests),
        digests: JSON.stringify(digests)
      }
    }
  }
}

function renderSummary(
  environments: Awaited<ReturnType<typeof renderManifests>>['environments']
): string {
  const rows = environments.map(e => {
    const images = Object.entries(e.record.images)
      .map(([c, i]) => `\`${c}=${i}\``)
      .join('<br>')
    return `| ${e.environment} | \`${e.record.namespace}\` | ${e.record.files.length} | ${images} | \`${e.record.digest.slice(0, 19)}…\` |`
  })
  return [
    `### Rendered ${environments[0]?.record.service ?? ''}`,
    '',
    '| environment | namespace | files | images | digest |',
    '|---|---|---|---|---|',
    ...rows
  ].join('\n')
}
