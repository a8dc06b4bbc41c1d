// Test helpers: run the promote command in-process exactly as the CLI and the action do (settings from
// kebab-case inputs, then run), and write a small platform config.
import { writeFileSync } from 'node:fs'
import { promoteCommand } from '../../commands/promote.js'
import type { CommandResult } from '../../runtime/command.js'
import { withDefaults } from '../../runtime/command.js'
import { RecordingLogger } from '../../runtime/logger.js'

export interface InProcessRun {
  readonly result?: CommandResult
  readonly error?: Error
  readonly logger: RecordingLogger
  readonly summary: string
}

export async function runPromote(
  inputs: Readonly<Record<string, string>>,
  options: { workspace: string; env?: NodeJS.ProcessEnv; tweak?: (s: object) => object }
): Promise<InProcessRun> {
  const logger = new RecordingLogger()
  const parts: string[] = []
  const context = {
    logger,
    summary: { append: (markdown: string) => void parts.push(markdown) },
    // The identity of a run comes from GITHUB_REPOSITORY: a test says which one, never the CI's own.
    env: { ...process.env, GITHUB_REPOSITORY: undefined, ...options.env },
    workspace: options.workspace
  }
  const read = withDefaults(promoteCommand as never, name => inputs[name])
  try {
    if (inputs.token) logger.setSecret(inputs.token)
    let settings = promoteCommand.settings(read, context)
    if (options.tweak) settings = options.tweak(settings) as typeof settings
    const result = await promoteCommand.run(settings, context)
    return { result, logger, summary: parts.join('\n') }
  } catch (error) {
    return { error: error as Error, logger, summary: parts.join('\n') }
  }
}

/** A platform config with dev → staging → prod (prod requires staging, in pull-request mode). */
export function writePlatformConfig(
  file: string,
  repository: string,
  options: { prodMode?: 'push' | 'pull-request'; baseMode?: 'push' | 'pull-request' } = {}
): void {
  const store = 'secretStores:\n        vault: { name: vault, kind: ClusterSecretStore }'
  writeFileSync(
    file,
    [
      'apiVersion: idp.dev/v1alpha1',
      'kind: Platform',
      'metadata:',
      '  name: test',
      'spec:',
      '  gitops:',
      `    repository: ${repository}`,
      '    path: envs/{environment}/{service}',
      `    mode: ${options.baseMode ?? 'push'}`,
      '    author:',
      '      name: idp-test-bot',
      '      email: idp-test-bot@example.com',
      '  environments:',
      '    - name: dev',
      "      namespace: '{service}-dev'",
      `      ${store}`,
      '    - name: staging',
      "      namespace: '{service}-staging'",
      `      ${store}`,
      '    - name: prod',
      "      namespace: '{service}-prod'",
      '      requires: [staging]',
      '      gitops:',
      `        mode: ${options.prodMode ?? 'push'}`,
      `      ${store}`,
      ''
    ].join('\n')
  )
}
