import { serviceInputPath, platformInputPath } from '../boundary/inputs.js'
import { secretTargetName } from '../descriptor/env-wiring.js'
import { ownValue } from '../descriptor/own.js'
import {
  displayPath,
  environmentConfig,
  loadPlatform,
  namespaceFor
} from '../descriptor/platform.js'
import { checkSchema } from '../descriptor/schema-check.js'
import { serviceSchema } from '../descriptor/schemas/service.schema.js'
import type { ServiceDescriptor } from '../descriptor/types.js'
import { readYamlFile } from '../descriptor/yaml-file.js'
import type { CommandContext } from '../runtime/command.js'
import { UserError } from '../runtime/errors.js'
import { inputRefStart } from '../runtime/surface.js'
import { sealingKey, sealValue } from './crypto.js'
import { isSealedSecretsStore } from './store.js'

export interface SealRequest {
  readonly descriptor: string
  readonly platformConfig: string
  readonly environment: string
  readonly secret: string
  readonly key: string
}

/**
 * Seals `value` for the Secret idp renders for `secret` in `environment`. The descriptor is read for
 * the names only (its schema, not its per-environment checks: the value being sealed is not in it yet).
 */
export function sealForEnvironment(
  request: SealRequest,
  value: Buffer,
  context: CommandContext
): { value: string; namespace: string; name: string; index: number; descriptor: string } {
  const platform = loadPlatform(
    platformInputPath(context, request.platformConfig, 'The platform config')
  ).config
  const environment = environmentConfig(platform, request.environment)
  const file = serviceInputPath(context, request.descriptor, 'The service descriptor')
  const source = readYamlFile(file, displayPath(file), 'The service descriptor')
  const problems = checkSchema(serviceSchema, source.value, source, {
    basePath: [],
    subject: 'the service descriptor'
  })
  if (problems.length > 0) throw new UserError(problems)
  const descriptor = source.value as ServiceDescriptor
  const secrets = descriptor.spec.secrets ?? []
  const index = secrets.findIndex(s => s.name === request.secret)
  if (index < 0)
    throw new UserError({
      message: `${inputRefStart('secret')} '${request.secret}' is not declared under spec.secrets of ${displayPath(file)}.`,
      hint: secrets.length
        ? `Declared secrets: ${secrets.map(s => s.name).join(', ')}.`
        : 'Declare it under spec.secrets first.'
    })
  const secret = secrets[index]
  const at = source.positionOf(['spec', 'secrets', index])
  if (!ownValue(secret.data, request.key))
    throw new UserError({
      message: `${inputRefStart('key')} '${request.key}' is not a key of secret '${secret.name}'.`,
      position: at,
      hint: `Keys: ${Object.keys(secret.data).join(', ')}. Add it under data first.`
    })
  const alias =
    descriptor.spec.environments?.[environment.name]?.secrets?.[secret.name]?.store ?? secret.store
  const store = ownValue(environment.secretStores, alias)
  if (!store || !isSealedSecretsStore(store))
    throw new UserError({
      message: `Environment '${environment.name}' maps store '${alias}' of secret '${secret.name}' to ${store ? `${store.kind ?? 'SecretStore'} '${store.name}'` : 'nothing'}, not to Sealed Secrets; there is nothing to seal for it.`,
      position: at,
      hint: "The platform maps a store to Sealed Secrets with secretStores.<alias>: { kind: SealedSecrets, certificate: <the controller's certificate> }."
    })
  const service = descriptor.metadata.name
  const namespace = namespaceFor(environment, service)
  const name = secretTargetName(service, secret.name)
  return {
    value: sealValue(sealingKey(store.certificate), namespace, name, value),
    namespace,
    name,
    index,
    descriptor: displayPath(file)
  }
}
