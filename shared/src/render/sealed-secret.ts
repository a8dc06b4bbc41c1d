import { secretTargetName } from '../descriptor/env-wiring.js'
import type { EffectiveSecret } from '../descriptor/effective.js'
import { escapePointer } from '../descriptor/origins.js'
import type { SealedSecretsStore } from '../descriptor/types.js'
import type { Problem } from '../runtime/errors.js'
import { sealedEntryProblem } from '../sealed-secrets/store.js'
import type { RenderContext, RenderedManifest } from './context.js'
import type { SourceMapBuilder } from './source-map.js'

export function sealedSecretFile(secret: string): string {
  return `sealedsecret-${secret}.yaml`
}

/**
 * A `bitnami.com/v1alpha1` SealedSecret per descriptor secret whose store the environment maps to
 * Sealed Secrets: the values sealed for this environment, in strict scope (no scope annotation), so the
 * controller opens them only as the Secret `<service>-<secret>` in this namespace — the same Secret an
 * ExternalSecret would write, so env references do not change with the store.
 */
export function renderSealedSecret(
  ctx: RenderContext,
  secret: EffectiveSecret,
  store: SealedSecretsStore,
  map: SourceMapBuilder,
  problems: Problem[]
): RenderedManifest | undefined {
  const environment = ctx.environment.name
  const declared = ctx.loaded.descriptor.spec.secrets?.find(s => s.name === secret.name)
  const encryptedData: Record<string, string> = {}
  for (const entry of secret.data) {
    const ref = declared?.data[entry.secretKey]
    const refused = sealedEntryProblem(ref, environment, store)
    if (refused) {
      problems.push({
        message: `Secret '${secret.name}' key '${entry.secretKey}' ${refused.message}.`,
        position: ctx.loaded.positionOf(entry.path)
      })
      continue
    }
    encryptedData[entry.secretKey] = ref!.sealed![environment]
    map.add(`/spec/encryptedData/${escapePointer(entry.secretKey)}`, [
      ...entry.path,
      'sealed',
      environment
    ])
  }
  const name = secretTargetName(ctx.loaded.descriptor.metadata.name, secret.name)
  map.add('', secret.path)
  map.add('/metadata/name', [...secret.path, 'name'])
  map.add('/spec/template/metadata/name', [...secret.path, 'name'])
  return {
    file: sealedSecretFile(secret.name),
    object: {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name, namespace: ctx.namespace, labels: ctx.labels },
      spec: {
        encryptedData,
        template: {
          metadata: { name, namespace: ctx.namespace, labels: ctx.labels },
          type: 'Opaque'
        }
      }
    }
  }
}
