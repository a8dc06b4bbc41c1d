import { parse } from 'yaml'

/** Upstream CRDs idp copies (served versions only, descriptions dropped) for the kinds it renders. */
export const VENDORED_CRDS = [
  {
    upstream: 'kubevela/crds/core.oam.dev_applications.yaml',
    release: 'KubeVela master 5a44b5f, after v1.11.0-alpha.4',
    file: 'kubevela-application-crd.ts',
    exportName: 'kubevelaApplicationCrd'
  },
  {
    upstream: 'external-secrets/crds/external-secrets.io_externalsecrets.yaml',
    release: 'External Secrets Operator v2.9.0',
    file: 'external-secret-crd.ts',
    exportName: 'externalSecretCrd'
  }
] as const

/** The CRD as idp ships it: served versions only, no `description` fields (they do not validate). */
export function vendoredCrd(upstreamYaml: string): Record<string, unknown> {
  const crd = parse(upstreamYaml) as {
    apiVersion: string
    kind: string
    metadata: { name: string }
    spec: { versions: { served?: boolean }[] } & Record<string, unknown>
  }
  return withoutDescriptions({
    apiVersion: crd.apiVersion,
    kind: crd.kind,
    metadata: { name: crd.metadata.name },
    spec: { ...crd.spec, versions: crd.spec.versions.filter(v => v.served !== false) }
  }) as Record<string, unknown>
}

function withoutDescriptions(value: unknown, parentKey = ''): unknown {
  if (Array.isArray(value)) return value.map(v => withoutDescriptions(v))
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    // `properties.description` is a field named description, not a schema annotation: keep it.
    if (key === 'description' && parentKey !== 'properties' && typeof item === 'string') continue
    out[key] = withoutDescriptions(item, key)
  }
  return out
}
