import type { Position, Problem } from '../runtime/errors.js'
import type {
  SealedSecretsStore,
  SecretDataRef,
  SecretStoreMapping,
  SecretStoreRef
} from '../descriptor/types.js'
import { modulusBytes, sealedValueProblem, sealingKey } from './crypto.js'

export function isSealedSecretsStore(store: SecretStoreMapping): store is SealedSecretsStore {
  return store.kind === 'SealedSecrets'
}

/** The (Cluster)SecretStores of an environment's mapping, without the Sealed Secrets aliases. */
export function externalSecretStores(
  stores: Readonly<Record<string, SecretStoreMapping>>
): SecretStoreRef[] {
  return Object.values(stores).filter((s): s is SecretStoreRef => !isSealedSecretsStore(s))
}

/** The RSA modulus size of a store's certificate, or why the certificate cannot be used. */
export function storeModulus(store: SealedSecretsStore): number | { problem: string } {
  try {
    return modulusBytes(sealingKey(store.certificate))
  } catch (error) {
    return { problem: (error as Error).message }
  }
}

/** A platform's Sealed Secrets store: its certificate must be the controller's RSA key. */
export function sealedSecretsStoreProblems(
  store: SealedSecretsStore,
  position: Position | undefined
): Problem[] {
  const modulus = storeModulus(store)
  if (typeof modulus === 'number') return []
  return [
    {
      message: `The Sealed Secrets certificate cannot be read: ${modulus.problem}.`,
      position,
      hint: "Paste the controller's certificate as `kubeseal --fetch-cert` prints it (-----BEGIN CERTIFICATE-----)."
    }
  ]
}

/**
 * Why a descriptor secret value cannot be used in an environment that maps its store to Sealed
 * Secrets: it has no value sealed for the environment, or one that is not a sealed value for the
 * environment's key size. Undefined when it can.
 */
export function sealedEntryProblem(
  entry: SecretDataRef | undefined,
  environment: string,
  store: SealedSecretsStore
): { message: string; field: 'sealed' | 'environment' } | undefined {
  const value = entry?.sealed?.[environment]
  if (value === undefined)
    return {
      field: 'sealed',
      message: `has no value sealed for environment '${environment}', which maps its store to Sealed Secrets`
    }
  const modulus = storeModulus(store)
  const why = sealedValueProblem(value, typeof modulus === 'number' ? modulus : undefined)
  return why ? { field: 'environment', message: `sealed for '${environment}' ${why}` } : undefined
}
