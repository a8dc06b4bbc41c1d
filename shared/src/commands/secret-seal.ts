// `idp secret seal`: seals one value for one environment's Sealed Secrets controller, in strict scope
// for the Secret idp renders for that descriptor secret (`<service>-<secret>` in the environment's
// namespace), and prints it for `spec.secrets[].data.<key>.sealed.<environment>` in idp.yaml. The value
// is read from stdin or a file, never from a flag (shell history, process lists).
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { readServiceBytes } from '../boundary/files.js'
import type { Command, CommandContext } from '../runtime/command.js'
import { requiredInput } from '../runtime/command.js'
import { UserError } from '../runtime/errors.js'
import { inputRefStart } from '../runtime/surface.js'

interface SealSettings {
  readonly descriptor: string
  readonly platformConfig: string
  readonly environment: string
  readonly secret: string
  readonly key: string
  readonly valueFile?: string
}

export const secretSealCommand: Command<SealSettings> = {
  cli: 'secret seal',
  description:
    "Seal a secret value for one environment's Sealed Secrets controller (strict scope: only the Secret <service>-<secret> in that environment's namespace can open it) and print it for spec.secrets[].data.<key>.sealed.<environment> in idp.yaml. The value is read from stdin (one trailing newline dropped) or --value-file (as is).",
  inputs: [
    { name: 'descriptor', description: 'Path of the service descriptor.', default: 'idp.yaml' },
    {
      name: 'platform-config',
      description:
        "Path of the platform config; the environment's store must map to Sealed Secrets with the controller's certificate.",
      required: true
    },
    { name: 'environment', description: 'The environment to seal for.', required: true },
    { name: 'secret', description: 'The descriptor secret (spec.secrets[].name).', required: true },
    {
      name: 'key',
      description: 'The key in that secret (spec.secrets[].data.<key>).',
      required: true
    },
    {
      name: 'value-file',
      description: 'Read the value from this file, byte for byte, instead of stdin.'
    }
  ],
  outputs: [],
  settings(read): SealSettings {
    return {
      descriptor: read('descriptor') ?? 'idp.yaml',
      platformConfig: requiredInput(read, 'platform-config'),
      environment: requiredInput(read, 'environment'),
      secret: requiredInput(read, 'secret'),
      key: requiredInput(read, 'key'),
      valueFile: read('value-file')
    }
  },
  async run(settings, context: CommandContext) {
    const { sealForEnvironment } = await import('../sealed-secrets/seal-command.js')
    const value =
      settings.valueFile !== undefined
        ? readValueFile(settings.valueFile)
        : dropOneNewline(readFileSync(0))
    if (value.length === 0)
      throw new UserError({
        message: `The value to seal is empty (${settings.valueFile !== undefined ? inputRefStart('value-file') : 'stdin'}).`,
        hint: 'Pipe the value in: printf \'%s\' "$VALUE" | idp secret seal ...'
      })
    const sealed = sealForEnvironment(settings, value, context)
    process.stdout.write(`${sealed.value}\n`)
    context.logger.info(
      `Sealed for ${sealed.namespace}/${sealed.name} (environment ${settings.environment}, strict scope). Put it in ${sealed.descriptor} under spec.secrets[${sealed.index}].data.${settings.key}.sealed.${settings.environment}.`
    )
    return { outputs: {} }
  }
}

function dropOneNewline(bytes: Buffer): Buffer {
  if (bytes.at(-1) !== 0x0a) return bytes
  return bytes.subarray(0, bytes.at(-2) === 0x0d ? -2 : -1)
}

/**
 * The developer's own file, wherever it lies, read like every other file idp reads: a regular file
 * (no FIFO, device or link), at most 64 KiB — a Secret value, not a download.
 */
function readValueFile(file: string): Buffer {
  const absolute = resolve(file)
  return readServiceBytes(dirname(absolute), absolute, {
    what: 'The value file',
    display: file,
    maxBytes: 64 * 1024
  })
}
