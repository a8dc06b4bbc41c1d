// Guardrails on single objects a service's folder holds whose checks CEL says plainly: SealedSecrets
// (`sealed-secret-scope`) and Crossplane claims and XRs (`composition-pinned`). One set of CEL
// expressions serves both exports: a Kyverno ClusterPolicy rule with `validate.cel`, and a
// ValidatingAdmissionPolicy. Both hold for every such object in the service namespaces, whoever
// creates it (KubeVela applies `k8s-objects` components as itself).
import type { PlatformConfig, ResourceTypeConfig } from '../descriptor/types.js'
import { isSealedSecretsStore, storeModulus } from '../sealed-secrets/store.js'
import { namespaceRegex, validatingPolicy } from './admission.js'
import { celString } from './expression-text.js'
import { serviceNamespaces } from './kyverno-rules.js'
import type { KubeObject } from './namespaces.js'
import type { EnvironmentTenants } from './tenants.js'

interface CelChecks {
  /** The kinds, as Kyverno `group/version/Kind` selectors and as VAP resource rules. */
  readonly kinds: readonly { group: string; version: string; kind: string; plural: string }[]
  readonly validations: readonly { expression: string; message: string }[]
}

/** A CEL literal of a JSON-like value (maps, lists, strings, numbers, booleans). */
function celLiteral(value: unknown): string {
  if (typeof value === 'string') return celString(value)
  if (Array.isArray(value)) return `[${value.map(celLiteral).join(', ')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.entries(value)
      .map(([k, v]) => `${celString(k)}: ${celLiteral(v)}`)
      .join(', ')}}`
  return JSON.stringify(value)
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const B64_CHAR = '[A-Za-z0-9+/]'

/**
 * A sealed value for a key of `modulus` bytes (sealed-secrets/crypto.ts sealedValueProblem): standard
 * base64 whose first two bytes are the modulus size, at least 2 + modulus + 16 bytes long.
 */
export function sealedValueBody(modulus: number): string {
  const [b0, b1] = [modulus >> 8, modulus & 255]
  const third = [0, 1, 2, 3].map(b2top => B64[((b1 & 15) << 2) | b2top]).join('')
  const first = `${B64[b0 >> 2]}${B64[((b0 & 3) << 4) | (b1 >> 4)]}[${third}]${B64_CHAR}`
  const bytes = 2 + modulus + 16
  // `first` and K full groups, then a last group with 0, 1 or 2 padding characters: 3(2+K) - pad bytes.
  const groups = (pad: number) => Math.max(0, Math.ceil((bytes + pad) / 3) - 2)
  const last = [`${B64_CHAR}{4}`, `${B64_CHAR}{3}=`, `${B64_CHAR}{2}==`]
  return `${first}(?:${last.map((l, pad) => `(?:${B64_CHAR}{4}){${groups(pad)},}${l}`).join('|')})`
}

function sealedSecretChecks(tenants: EnvironmentTenants): CelChecks {
  const env = tenants.environment.name
  const kinds = [
    { group: 'bitnami.com', version: 'v1alpha1', kind: 'SealedSecret', plural: 'sealedsecrets' }
  ]
  const sizes = Object.values(tenants.environment.secretStores)
    .filter(isSealedSecretsStore)
    .map(storeModulus)
    .filter((s): s is number => typeof s === 'number')
  if (sizes.length === 0)
    return {
      kinds,
      validations: [
        {
          expression: 'false',
          message: `Environment '${env}' maps no store to Sealed Secrets; no controller key of this environment opens a SealedSecret.`
        }
      ]
    }
  const values = `^(?:${[...new Set(sizes)].map(sealedValueBody).join('|')})$`
  const template = (field: 'name' | 'namespace') =>
    `!has(object.spec.template) || !has(object.spec.template.metadata) || !has(object.spec.template.metadata.${field}) || object.spec.template.metadata.${field} == object.metadata.${field}`
  return {
    kinds,
    validations: [
      {
        expression:
          "!has(object.metadata.annotations) || !['sealedsecrets.bitnami.com/namespace-wide', 'sealedsecrets.bitnami.com/cluster-wide'].exists(k, k in object.metadata.annotations)",
        message:
          'A SealedSecret is sealed in strict scope (idp secret seal): the namespace-wide and cluster-wide annotations would let another Secret name or namespace open it.'
      },
      {
        expression: '!has(object.spec.data)',
        message: 'spec.data is the deprecated one-blob form; seal each key into spec.encryptedData.'
      },
      {
        expression: `(${template('name')}) && (${template('namespace')})`,
        message:
          "spec.template.metadata may not name another Secret or namespace than the SealedSecret's own."
      },
      {
        expression: `!has(object.spec.encryptedData) || object.spec.encryptedData.all(k, type(object.spec.encryptedData[k]) == string && object.spec.encryptedData[k].matches(${celString(values)}))`,
        message: `Every encryptedData value is sealed for the Sealed Secrets key of environment '${env}' (idp secret seal).`
      }
    ]
  }
}

/** The Composition machinery render never writes (policy/engines/guardrails/resource-rules.ts). */
const FORBIDDEN = [
  'resourceRef',
  'resourceRefs',
  'compositionRevisionRef',
  'compositionRevisionSelector'
]

function typeAllows(type: ResourceTypeConfig): string {
  const base = type.style === 'claim' ? 'object.spec' : 'object.spec.crossplane'
  const present = (field: string) => `has(${base}.${field})`
  const pinned = (['compositionRef', 'compositionSelector'] as const).map(field =>
    type[field]
      ? `(!${present(field)} || ${base}.${field} == ${celLiteral(type[field])})`
      : `!${present(field)}`
  )
  const clauses = [...pinned, ...FORBIDDEN.map(f => `!${present(f)}`)]
  const all = clauses.join(' && ')
  return type.style === 'claim' ? `(${all})` : `(!has(object.spec.crossplane) || (${all}))`
}

function compositionChecks(platform: PlatformConfig): CelChecks[] {
  const byKind = new Map<string, ResourceTypeConfig[]>()
  for (const type of platform.spec.resourceTypes ?? []) {
    const key = `${type.apiVersion}/${type.kind}`
    byKind.set(key, [...(byKind.get(key) ?? []), type])
  }
  return [...byKind.values()].map(types => {
    const [group, version] = types[0].apiVersion.split('/')
    const names = types.map(t => `'${t.name}'`).join(', ')
    return {
      kinds: [{ group, version, kind: types[0].kind, plural: `${types[0].kind.toLowerCase()}s` }],
      // Two types may share a kind (a claim and an XR): the object passes when it fits one of them.
      validations: [
        {
          expression: types.map(typeAllows).join(' || '),
          message: `Resource type ${names} uses the platform's Composition: no other compositionRef or compositionSelector, and no resourceRef(s) or compositionRevisionRef/Selector (they bind or pin composites the platform did not choose).`
        }
      ]
    }
  })
}

function checksOf(id: string, tenants: EnvironmentTenants, platform: PlatformConfig): CelChecks[] {
  if (id === 'sealed-secret-scope') return [sealedSecretChecks(tenants)]
  if (id === 'composition-pinned') return compositionChecks(platform)
  return []
}

/** The Kyverno rules (`validate.cel`) of these guardrails; undefined for other ids or nothing to check. */
export function objectKyvernoRules(
  id: string,
  tenants: EnvironmentTenants,
  platform: PlatformConfig
): KubeObject[] | undefined {
  const checks = checksOf(id, tenants, platform)
  if (checks.length === 0) return undefined
  return checks.map((c, i) => ({
    name: checks.length > 1 ? `${id}-${c.kinds[0].kind.toLowerCase()}-${i}` : id,
    match: {
      any: [
        {
          resources: {
            kinds: c.kinds.map(k => `${k.group}/${k.version}/${k.kind}`),
            namespaces: serviceNamespaces(tenants)
          }
        }
      ]
    },
    validate: { cel: { expressions: c.validations } }
  }))
}

/** The ValidatingAdmissionPolicy of these guardrails (every kind they judge), with its binding. */
export function objectAdmissionPolicies(
  id: string,
  tenants: EnvironmentTenants,
  platform: PlatformConfig,
  enforce: boolean
): KubeObject[] {
  const checks = checksOf(id, tenants, platform)
  if (checks.length === 0) return []
  // One policy per guardrail: each kind's expressions hold for that kind only.
  const forKind = (c: CelChecks, expression: string) =>
    checks.length === 1
      ? expression
      : `!(${c.kinds.map(k => `(object.apiVersion == ${celString(`${k.group}/${k.version}`)} && object.kind == ${celString(k.kind)})`).join(' || ')}) || (${expression})`
  return validatingPolicy(id, tenants, enforce, {
    resourceRules: checks.flatMap(c =>
      c.kinds.map(k => ({
        apiGroups: [k.group],
        apiVersions: [k.version],
        operations: ['CREATE', 'UPDATE'],
        resources: [k.plural]
      }))
    ),
    matchConditions: [
      {
        name: 'service-namespace',
        expression: `request.namespace.matches(${celString(namespaceRegex(serviceNamespaces(tenants)))})`
      }
    ],
    validations: checks.flatMap(c =>
      c.validations.map(v => ({ expression: forKind(c, v.expression), message: v.message }))
    )
  })
}
