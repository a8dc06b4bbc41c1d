import { secretTargetName } from '../descriptor/env-wiring.js'
import type { EffectiveSecret } from '../descriptor/effective.js'
import type { Problem } from '../runtime/errors.js'
import type { RenderContext, RenderedManifest } from './context.js'
import type { SourceMapBuilder } from './source-map.js'
import { ownValue } from '../descriptor/own.js'
import { isSealedSecretsStore } from '../sealed-secrets/store.js'

export const DEFAULT_REFRESH_INTERVAL = '1h'

export function externalSecretFile(secret: string): string {
  return `externalsecret-${secret}.yaml`
}

/**
 * An `external-secrets.io/v1` ExternalSecret per descriptor secret: a reference to the environment's
 * store and the keys to fetch, never a value.
 */
export function renderExternalSecret(
  ctx: RenderContext,
  secret: EffectiveSecret,
  map: SourceMapBuilder,
  problems: Problem[]
): RenderedManifest | undefined {
  const store = ownValue(ctx.environment.secretStores, secret.store.value)
  if (!store) {
    problems.push({
      message: `Secret '${secret.name}' uses store '${secret.store.value}', which environment '${ctx.environment.name}' does not map.`,
      position: ctx.loaded.positionOf(secret.store.path),
      hint: `Stores in ${ctx.environment.name}: ${Object.keys(ctx.environment.secretStores).join(', ') || 'none'}.`
    })
    return undefined
  }
  // Routed to sealed-secret.ts by render; never an ExternalSecret.
  if (isSealedSecretsStore(store)) return undefined
  const name = secretTargetName(ctx.loaded.descriptor.metadata.name, secret.name)
  map.add('', secret.path)
  map.add('/metadata/name', [...secret.path, 'name'])
  map.add('/spec/secretStoreRef', secret.store.path)
  map.add('/spec/secretStoreRef/name', secret.store.path)
  map.add('/spec/target/name', [...secret.path, 'name'])
  if (secret.refreshInterval) map.add('/spec/refreshInterval', secret.refreshInterval.path)
  const data = secret.data.map((entry, j) => {
    map.add(`/spec/data/${j}`, entry.path)
    map.add(`/spec/data/${j}/secretKey`, entry.path)
    map.add(`/spec/data/${j}/remoteRef`, entry.path)
    map.add(`/spec/data/${j}/remoteRef/key`, [...entry.path, 'key'])
    if (entry.property !== undefined)
      map.add(`/spec/data/${j}/remoteRef/property`, [...entry.path, 'property'])
    if (entry.version !== undefined)
      map.add(`/spec/data/${j}/remoteRef/version`, [...entry.path, 'version'])
    return {
      secretKey: entry.secretKey,
      remoteRef: {
        key: entry.key,
        ...(entry.property !== undefined ? { property: entry.property } : {}),
        ...(entry.version !== undefined ? { version: entry.version } : {})
      }
    }
  })
  return {
    file: externalSecretFile(secret.name),
    object: {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name, namespace: ctx.namespace, labels: ctx.labels },
      spec: {
        refreshInterval:
          secret.refreshInterval?.value ??
          ctx.platform.spec.defaults?.refreshInterval ??
          DEFAULT_REFRESH_INTERVAL,
        secretStoreRef: { name: store.name, kind: store.kind ?? 'SecretStore' },
        target: { name, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
        data
      }
    }
  }
}
