// `protected-metadata` as Kyverno rules, with the keys boundary/metadata.ts protects for the platform
// and environment: objects carry the platform's labels and annotations with the platform's values; a
// KubeVela Application's component and trait properties (`labels`/`annotations` traits, and any
// `*labels`/`*annotations` property at any depth, `matchLabels` aside) and an ExternalSecret's target
// template set or remove no protected key. Keys compare without case, as the boundary does.
//
// Kyverno's `{{ }}` may hold no braces, so the regular expressions below spell `{` and `}` as \x7b and
// \x7d and repeat without counted `{m,n}`.
import {
  IDP_WRITTEN_KEYS,
  protectedMetadata,
  RESERVED_DOMAINS,
  TRACKING_KEYS,
  type MetadataKind,
  type ProtectedMetadata
} from '../boundary/metadata.js'
import type { PlatformConfig } from '../descriptor/types.js'
import { escapeRegex, jsonLiteral, rawString, regexText } from './expression-text.js'
import type { KubeObject } from './namespaces.js'
import type { EnvironmentTenants } from './tenants.js'

/** A domain and its subdomains, then `/` and anything: `idp.dev/x`, `a.idp.dev/x`. */
const underDomain = (domain: string) => `(?:[^"/]*\\.)?${escapeRegex(domain)}/[^"]*`

/** The keys a service may not set or remove, of one kind, as one alternation (boundary/metadata protectedKeyReason). */
export function protectedKeyAlternation(owned: ProtectedMetadata, kind: MetadataKind): string {
  const platformKeys = owned.platformKeys.map(entry => {
    if (!entry.endsWith('/*')) return escapeRegex(entry)
    const prefix = entry.slice(0, -2)
    return prefix.startsWith('*.') ? underDomain(prefix.slice(2)) : `${escapeRegex(prefix)}/[^"]*`
  })
  const alternatives = [
    ...RESERVED_DOMAINS.map(underDomain),
    ...[...IDP_WRITTEN_KEYS, ...TRACKING_KEYS].map(escapeRegex),
    ...[...(kind === 'label' ? owned.labels : owned.annotations).keys()].map(escapeRegex),
    ...platformKeys
  ]
  return regexText(`(?:${alternatives.join('|')})`)
}

/** Any property name but exactly `match` (so `matchLabels` is no labels map). */
const NOT_MATCH =
  '(?:[^"]?[^"]?[^"]?[^"]?|[^"][^"][^"][^"][^"][^"]+|[^m"][^"][^"][^"][^"]|m[^a"][^"][^"][^"]|ma[^t"][^"][^"]|mat[^c"][^"]|matc[^h"])'
const STRING = '"(?:[^"\\x5c]|\\x5c.)*"'
const SCALAR = `(?:${STRING}|[^,"\\x7b\\x7d\\[\\]]*)`

/** In the JSON text: a `*labels` / `*annotations` map with a protected key among its (scalar) entries. */
function jsonMapRegex(owned: ProtectedMetadata, kind: MetadataKind): string {
  const name = kind === 'label' ? `${NOT_MATCH}labels` : '[^"]*annotations'
  return `(?i)"${name}":\\x7b(?:${STRING}:${SCALAR},)*"${protectedKeyAlternation(owned, kind)}":`
}

const PROPERTIES_TEXT =
  'to_string(request.object.spec.components[].[properties, traits[].properties])'

const protectedKeysOf = (maps: string, owned: ProtectedMetadata, kind: MetadataKind) =>
  `${maps} | [?type(@) == 'object'] | [].keys(@)[] | [?regex_match(${rawString(`(?i)^${protectedKeyAlternation(owned, kind)}$`)}, @)]`

const nonEmpty = (expression: string) => ({
  key: `{{ ${expression} | length(@) }}`,
  operator: 'GreaterThan',
  value: 0
})

export function protectedMetadataRules(
  tenants: EnvironmentTenants,
  platform: PlatformConfig,
  fromReconciler: (kinds: string[]) => KubeObject
): KubeObject[] {
  const owned = protectedMetadata(platform, tenants.environment)
  const rules: KubeObject[] = []
  const values = (['labels', 'annotations'] as const).flatMap(kind =>
    Object.entries({
      ...(platform.spec.defaults?.[kind] ?? {}),
      ...(tenants.environment[kind] ?? {})
    }).map(([key, value]) => ({
      key: `{{ contains(${jsonLiteral([null, value])}, request.object.metadata.${kind}.${JSON.stringify(key)}) }}`,
      operator: 'Equals',
      value: false
    }))
  )
  if (values.length > 0)
    rules.push({
      name: 'protected-metadata-values',
      match: fromReconciler(['*']),
      validate: {
        message:
          "Where an object carries a label or annotation the platform sets (platform.yaml spec.defaults, the environment's labels and annotations), it has the platform's value.",
        deny: { conditions: { any: values } }
      }
    })
  const traitMaps = (type: string) =>
    `request.object.spec.components[].traits[] | [?type == '${type}'].properties`
  rules.push(
    {
      name: 'protected-metadata-kubevela',
      match: fromReconciler(['core.oam.dev/*/Application']),
      validate: {
        message:
          "KubeVela component and trait properties may not set or remove the labels and annotations the platform and idp own (idp.dev/*, oam.dev/*, app.kubernetes.io/name, part-of, managed-by, backstage.io/kubernetes-id, the Argo CD and Flux tracking keys, the platform's own and spec.defaults.protectedKeys).",
        deny: {
          conditions: {
            any: [
              nonEmpty(protectedKeysOf(traitMaps('labels'), owned, 'label')),
              nonEmpty(protectedKeysOf(traitMaps('annotations'), owned, 'annotation')),
              ...(['label', 'annotation'] as const).map(kind => ({
                key: `{{ regex_match(${rawString(jsonMapRegex(owned, kind))}, ${PROPERTIES_TEXT}) }}`,
                operator: 'Equals',
                value: true
              }))
            ]
          }
        }
      }
    },
    {
      name: 'protected-metadata-external-secret',
      match: fromReconciler(['external-secrets.io/*/ExternalSecret']),
      validate: {
        message:
          "An ExternalSecret's target template may not put on its Secret the labels and annotations the platform and idp own.",
        deny: {
          conditions: {
            any: (['label', 'annotation'] as const).map(kind =>
              nonEmpty(
                protectedKeysOf(
                  `[request.object.spec.target.template.metadata.${kind}s]`,
                  owned,
                  kind
                )
              )
            )
          }
        }
      }
    }
  )
  return rules
}
