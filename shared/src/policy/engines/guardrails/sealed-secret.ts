// The guardrail on SealedSecrets in a service folder. A SealedSecret's scope decides under which name
// and namespace the controller opens it: namespace-wide lets any Secret name of the namespace take the
// value, cluster-wide any namespace. idp seals in strict scope only (`idp secret seal`), so a folder's
// SealedSecret must be strict, carry its values per key (not the deprecated one-blob `data`), and be
// bound to the environment: the platform maps a store of that environment to Sealed Secrets, and each
// value was sealed for a key of that controller's size.
import { sealedValueProblem } from '../../../sealed-secrets/crypto.js'
import { isSealedSecretsStore, storeModulus } from '../../../sealed-secrets/store.js'
import { isObject } from '../../manifest-documents.js'
import { joinPointer } from '../../manifest-positions.js'
import type { Guardrail, Violation } from './rules.js'

const SCOPE_ANNOTATIONS = [
  'sealedsecrets.bitnami.com/namespace-wide',
  'sealedsecrets.bitnami.com/cluster-wide'
]

export const sealedSecretScope: Guardrail = {
  id: 'sealed-secret-scope',
  title: 'SealedSecrets are strict-scope and sealed for their environment',
  defaultSeverity: 'error',
  help: "A SealedSecret is opened only under the name and namespace it was sealed for when it is strict-scope; namespace-wide or cluster-wide sealing lets another Secret name or namespace take the value. Seal with `idp secret seal` (strict scope); the environment must map a store to Sealed Secrets (`secretStores.<alias>: { kind: SealedSecrets, certificate }`), and each value must be sealed for that controller's key.",
  check: (m, ctx) => {
    if (m.object.kind !== 'SealedSecret' || m.object.apiVersion !== 'bitnami.com/v1alpha1')
      return undefined
    const out: Violation[] = []
    const metadata = isObject(m.object.metadata) ? m.object.metadata : {}
    const annotations = isObject(metadata.annotations) ? metadata.annotations : {}
    for (const key of SCOPE_ANNOTATIONS)
      if (key in annotations)
        out.push({
          pointer: joinPointer(['metadata', 'annotations', key]),
          message: `${key} widens the SealedSecret's scope: the value would open under another ${key.endsWith('cluster-wide') ? 'name or namespace' : 'Secret name'}. Seal in strict scope (idp secret seal).`
        })
    const spec = isObject(m.object.spec) ? m.object.spec : {}
    if (spec.data !== undefined)
      out.push({
        pointer: '/spec/data',
        message:
          'spec.data is the deprecated one-blob form the controller opens only behind a feature flag; seal each key into spec.encryptedData.'
      })
    const template = isObject(spec.template) ? spec.template : {}
    const templateMeta = isObject(template.metadata) ? template.metadata : {}
    for (const field of ['name', 'namespace'] as const)
      if (templateMeta[field] !== undefined && templateMeta[field] !== metadata[field])
        out.push({
          pointer: joinPointer(['spec', 'template', 'metadata', field]),
          message: `spec.template.metadata.${field} '${String(templateMeta[field])}' is not the SealedSecret's own ${field}; the controller writes the Secret under its own, so the template misleads.`
        })
    if (!ctx.environmentConfig) return out
    const stores = Object.values(ctx.environmentConfig.secretStores).filter(isSealedSecretsStore)
    if (stores.length === 0) {
      out.push({
        pointer: '/kind',
        message: `Environment '${ctx.environment}' maps no store to Sealed Secrets; no controller key of this environment opens this SealedSecret.`
      })
      return out
    }
    const sizes = stores.map(storeModulus).filter((s): s is number => typeof s === 'number')
    const encrypted = isObject(spec.encryptedData) ? spec.encryptedData : {}
    for (const [key, value] of Object.entries(encrypted)) {
      const why =
        typeof value !== 'string'
          ? 'is not text'
          : sizes.every(size => sealedValueProblem(value, size) !== undefined)
            ? sealedValueProblem(value, sizes[0])
            : undefined
      if (why)
        out.push({
          pointer: joinPointer(['spec', 'encryptedData', key]),
          message: `encryptedData.${key} ${why}; seal it for environment '${ctx.environment}' (idp secret seal).`
        })
    }
    return out
  }
}
