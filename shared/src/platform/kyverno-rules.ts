// The built-in guardrails as Kyverno rules, per environment (`idp platform policies`). Rules on what a
// service's reconciler writes match only the reconciler's identity; rules on what runs (images, Pod
// Security, quotas) match every object in the service namespaces.
import { allowedTypes } from '../descriptor/type-registry.js'
import type { PlatformConfig } from '../descriptor/types.js'
import { OWNER_LABEL } from '../policy/engines/guardrails/rules.js'
import { externalSecretStores } from '../sealed-secrets/store.js'
import { ARGOCD_NAMESPACE } from './argocd.js'
import { FLUX_NAMESPACE } from './flux.js'
import { protectedMetadataRules } from './protected-metadata-rules.js'
import { applicationImageRule, applicationPodSecurityRule } from './kubevela-rules.js'
import type { KubeObject } from './namespaces.js'
import type { EnvironmentTenants } from './tenants.js'
import { exactServices } from './tenants.js'

/** Kinds that steer the platform's controllers (boundary/kinds.ts platformObjectReason), as Kyverno kind selectors. */
const PLATFORM_OBJECT_KINDS = [
  'argoproj.io/*/Application',
  'argoproj.io/*/ApplicationSet',
  'argoproj.io/*/AppProject',
  '*.toolkit.fluxcd.io/*/*',
  '*.extensions.fluxcd.io/*/*',
  'kyverno.io/*/PolicyException',
  'policies.kyverno.io/*/PolicyException',
  'core.oam.dev/*/*Definition',
  'core.oam.dev/*/Policy',
  'core.oam.dev/*/Workflow',
  'workflow.oam.dev/*/*'
]

/** Who applies a service's folder in this environment. */
export function reconcilerSubjects(tenants: EnvironmentTenants): KubeObject[] {
  if (tenants.engine === 'argocd')
    return [
      { kind: 'ServiceAccount', name: 'argocd-application-controller', namespace: ARGOCD_NAMESPACE }
    ]
  return exactServices(tenants).map(s => ({
    kind: 'ServiceAccount',
    name: `idp-${s.namespace}`,
    namespace: FLUX_NAMESPACE
  }))
}

export const serviceNamespaces = (tenants: EnvironmentTenants) =>
  [...new Set(tenants.services.map(s => s.namespace))].sort()

/** The guardrail rules of one environment as Kyverno rules; undefined when not exported here. */
export function kyvernoRules(
  id: string,
  tenants: EnvironmentTenants,
  platform: PlatformConfig
): KubeObject[] | undefined {
  const namespaces = serviceNamespaces(tenants)
  const subjects = reconcilerSubjects(tenants)
  const fromReconciler = (kinds: string[]) => ({
    any: [{ resources: { kinds, namespaces }, subjects }]
  })
  const inNamespaces = (kinds: string[]) => ({ any: [{ resources: { kinds, namespaces } }] })
  const registries = platform.spec.registries ?? []
  const podImages = (alternatives: string) => ({
    spec: {
      '=(initContainers)': [{ image: alternatives }],
      containers: [{ image: alternatives }],
      '=(ephemeralContainers)': [{ image: alternatives }]
    }
  })
  const imageRules = (
    name: string,
    message: string,
    alternatives: string,
    check: Parameters<typeof applicationImageRule>[2]
  ) => [
    {
      name: `${name}-pods`,
      match: inNamespaces(['Pod']),
      validate: { message, pattern: podImages(alternatives) }
    },
    applicationImageRule(name, message, check, inNamespaces(['core.oam.dev/*/Application']))
  ]
  switch (id) {
    case 'no-plain-secret':
      return [
        {
          name: 'no-plain-secret',
          match: fromReconciler(['v1/Secret']),
          validate: {
            message:
              'A plain Secret puts its value in Git; use an ExternalSecret (spec.secrets in idp.yaml) or a SealedSecret.',
            deny: {}
          }
        }
      ]
    case 'owner-label':
      return [
        {
          name: 'owner-label',
          match: fromReconciler(['*']),
          validate: {
            message: `Every resource carries the '${OWNER_LABEL}' label naming the owning team.`,
            pattern: { metadata: { labels: { [OWNER_LABEL]: '?*' } } }
          }
        }
      ]
    case 'no-platform-objects':
      return [
        {
          name: 'no-platform-objects',
          match: fromReconciler(PLATFORM_OBJECT_KINDS),
          validate: {
            message:
              "Objects that steer the platform's controllers (Argo CD, Flux, Kyverno exceptions, KubeVela definitions, policies and workflows) may not come from a service.",
            deny: {}
          }
        }
      ]
    case 'image-registry':
      if (registries.length === 0) return undefined
      return imageRules(
        'image-registry',
        `Images must come from the platform's registries: ${registries.join(', ')}.`,
        registries.map(r => (r.endsWith('/') ? `${r}*` : `${r}/*`)).join(' | '),
        { prefixes: registries.map(r => (r.endsWith('/') ? r : `${r}/`)) }
      )
    case 'image-digest':
      if (!tenants.environment.requireDigest) return undefined
      return imageRules(
        'image-digest',
        `Environment '${tenants.environment.name}' runs only images pinned by digest (image@sha256:<digest>).`,
        `*@sha256:${'?'.repeat(64)}`,
        { digest: true }
      )
    case 'pod-security-baseline':
      return [
        {
          name: 'pod-security-baseline',
          match: inNamespaces(['Pod']),
          validate: { podSecurity: { level: 'baseline', version: 'latest' } }
        },
        applicationPodSecurityRule(inNamespaces(['core.oam.dev/*/Application']))
      ]
    case 'secret-store-allowed': {
      const allowed = externalSecretStores(tenants.environment.secretStores).map(
        s => `${s.kind}/${s.name}`
      )
      const message = `An ExternalSecret may only read from the stores of environment '${tenants.environment.name}': ${allowed.join(', ') || 'none'}.`
      const refused = (key: string) => ({
        any: [{ key, operator: 'AnyNotIn', value: allowed.length > 0 ? allowed : [''] }]
      })
      const match = fromReconciler(['external-secrets.io/*/ExternalSecret'])
      return [
        {
          name: 'secret-store-ref',
          match,
          preconditions: {
            all: [
              {
                key: "{{ request.object.spec.secretStoreRef.name || '' }}",
                operator: 'NotEquals',
                value: ''
              }
            ]
          },
          validate: {
            message,
            deny: {
              conditions: refused(
                "{{ request.object.spec.secretStoreRef.kind || 'SecretStore' }}/{{ request.object.spec.secretStoreRef.name }}"
              )
            }
          }
        },
        ...(['data', 'dataFrom'] as const).map(field => ({
          name: `secret-store-${field.toLowerCase()}`,
          match,
          validate: {
            message,
            foreach: [
              {
                list: `request.object.spec.${field}[?sourceRef.storeRef]`,
                deny: {
                  conditions: refused(
                    "{{ element.sourceRef.storeRef.kind || 'SecretStore' }}/{{ element.sourceRef.storeRef.name }}"
                  )
                }
              }
            ]
          }
        }))
      ]
    }
    case 'component-types': {
      const list = (kind: 'component' | 'trait') => allowedTypes(platform, kind)
      const match = fromReconciler(['core.oam.dev/*/Application'])
      return [
        {
          name: 'component-types',
          match,
          validate: {
            message: `KubeVela Applications may use only the platform's component types (${list('component').join(', ')}) and trait types (${list('trait').join(', ')}).`,
            foreach: [
              {
                list: 'request.object.spec.components',
                deny: {
                  conditions: {
                    any: [
                      { key: '{{ element.type }}', operator: 'AnyNotIn', value: list('component') },
                      {
                        key: '{{ element.traits[].type || `[]` }}',
                        operator: 'AnyNotIn',
                        value: list('trait')
                      }
                    ]
                  }
                }
              }
            ]
          }
        },
        {
          name: 'no-policies-or-workflow',
          match,
          validate: {
            message:
              'An Application from a service may not carry spec.policies or spec.workflow: they can deploy to other namespaces and clusters.',
            pattern: { spec: { 'X(policies)': 'null', 'X(workflow)': 'null' } }
          }
        }
      ]
    }
    case 'protected-metadata':
      return protectedMetadataRules(tenants, platform, fromReconciler)
    case 'resource-quota':
      return resourceQuotaRules(platform, namespaces)
    default:
      return undefined
  }
}

/** `maximum`s of a resource type's properties schema, as Kyverno deny conditions. */
function resourceQuotaRules(
  platform: PlatformConfig,
  namespaces: string[]
): KubeObject[] | undefined {
  const rules = (platform.spec.resourceTypes ?? []).flatMap(type => {
    const limits: { path: string; max: number; exclusive: boolean }[] = []
    const walk = (schema: unknown, at: string[]) => {
      if (typeof schema !== 'object' || schema === null) return
      const s = schema as Record<string, unknown>
      if (typeof s.maximum === 'number')
        limits.push({ path: at.join('.'), max: s.maximum, exclusive: false })
      if (typeof s.exclusiveMaximum === 'number')
        limits.push({ path: at.join('.'), max: s.exclusiveMaximum, exclusive: true })
      if (typeof s.properties === 'object' && s.properties !== null)
        for (const [k, v] of Object.entries(s.properties)) walk(v, [...at, k])
    }
    walk(type.schema, [])
    if (limits.length === 0) return []
    const [group, version] = type.apiVersion.split('/')
    return [
      {
        name: `quota-${type.name}`,
        match: {
          any: [{ resources: { kinds: [`${group}/${version}/${type.kind}`], namespaces } }]
        },
        validate: {
          message: `Resource type '${type.name}' allows at most: ${limits.map(l => `${l.path} ${l.exclusive ? '<' : '<='} ${l.max}`).join(', ')}.`,
          deny: {
            conditions: {
              any: limits.flatMap(l =>
                ['request.object.spec.parameters', 'request.object.spec'].map(base => ({
                  key: `{{ ${base}.${l.path} || \`0\` }}`,
                  operator: l.exclusive ? 'GreaterThanOrEquals' : 'GreaterThan',
                  value: l.max
                }))
              )
            }
          }
        }
      }
    ]
  })
  return rules.length > 0 ? rules : undefined
}
