import type { EvaluationContext, Manifest, PolicyEngine } from '../engine.js'
import type { Finding } from '../finding.js'
import { isObject } from '../manifest-documents.js'
import { findingOn } from '../source-map.js'

type Obj = Record<string, unknown>

export const ESO_POLICY = 'external-secrets'

/** A rule of ESO's admission webhook (`apis/externalsecrets/v1/externalsecret_validator.go`). */
interface WebhookRule {
  readonly id: string
  readonly help: string
  /** Violations as pointer (relative to the ExternalSecret spec) + message. */
  check(spec: Obj): { pointer: string; message: string }[]
}

const list = (value: unknown): Obj[] => (Array.isArray(value) ? value.filter(isObject) : [])

export const ESO_RULES: readonly WebhookRule[] = [
  {
    id: 'data-or-datafrom',
    help: 'An ExternalSecret needs `data` or `dataFrom`; the webhook rejects one with neither.',
    check: spec =>
      list(spec.data).length === 0 && list(spec.dataFrom).length === 0
        ? [{ pointer: '', message: 'Either `data` or `dataFrom` must be specified.' }]
        : []
  },
  {
    id: 'datafrom-one-source',
    help: 'Each `dataFrom` entry takes exactly one of `extract`, `find` or `sourceRef.generatorRef`.',
    check: spec =>
      list(spec.dataFrom).flatMap((entry, i) => {
        const sources = [
          entry.extract !== undefined,
          entry.find !== undefined,
          isObject(entry.sourceRef) && entry.sourceRef.generatorRef !== undefined
        ].filter(Boolean).length
        if (sources === 1) return []
        return [
          {
            pointer: `/dataFrom/${i}`,
            message:
              sources === 0
                ? `\`dataFrom[${i}]\` needs one of \`extract\`, \`find\` or \`sourceRef.generatorRef\`.`
                : `\`dataFrom[${i}]\` sets more than one of \`extract\`, \`find\` and \`sourceRef.generatorRef\`; keep one.`
          }
        ]
      })
  },
  {
    id: 'source-ref',
    help: 'A `sourceRef` must name a `storeRef` or a `generatorRef`.',
    check: spec =>
      [
        ...list(spec.data).map((e, i) => ['data', i, e] as const),
        ...list(spec.dataFrom).map((e, i) => ['dataFrom', i, e] as const)
      ].flatMap(([field, i, entry]) =>
        isObject(entry.sourceRef) &&
        entry.sourceRef.storeRef === undefined &&
        entry.sourceRef.generatorRef === undefined
          ? [
              {
                pointer: `/${field}/${i}/sourceRef`,
                message: `\`${field}[${i}].sourceRef\` needs \`storeRef\` or \`generatorRef\`.`
              }
            ]
          : []
      )
  },
  {
    id: 'deletion-policy',
    help: '`deletionPolicy: Delete` needs a Secret the controller owns (`creationPolicy: Owner` or `Orphan`); `deletionPolicy: Merge` needs a Secret to merge into (not `creationPolicy: None`).',
    check: spec => {
      const target = isObject(spec.target) ? spec.target : {}
      const creation = (target.creationPolicy as string | undefined) ?? 'Owner'
      const deletion = (target.deletionPolicy as string | undefined) ?? 'Retain'
      if (deletion === 'Delete' && ['Merge', 'None', 'CreateOrMerge'].includes(creation))
        return [
          {
            pointer: '/target/deletionPolicy',
            message: `\`deletionPolicy: Delete\` must not be used with \`creationPolicy: ${creation}\` (the controller does not own the Secret); set \`creationPolicy: Owner\`.`
          }
        ]
      if (deletion === 'Merge' && creation === 'None')
        return [
          {
            pointer: '/target/deletionPolicy',
            message:
              '`deletionPolicy: Merge` must not be used with `creationPolicy: None`: there is no Secret to merge with.'
          }
        ]
      return []
    }
  },
  {
    id: 'duplicate-keys',
    help: 'With `deletionPolicy: Retain` (the default) two `data` entries may not write the same `secretKey`.',
    check: spec => {
      const target = isObject(spec.target) ? spec.target : {}
      if (((target.deletionPolicy as string | undefined) ?? 'Retain') !== 'Retain') return []
      const seen = new Map<string, number>()
      const out: { pointer: string; message: string }[] = []
      list(spec.data).forEach((entry, i) => {
        if (typeof entry.secretKey !== 'string') return
        const first = seen.get(entry.secretKey)
        if (first === undefined) seen.set(entry.secretKey, i)
        else
          out.push({
            pointer: `/data/${i}/secretKey`,
            message: `\`data[${i}].secretKey\` '${entry.secretKey}' repeats \`data[${first}]\`; each key may be written once.`
          })
      })
      return out
    }
  },
  {
    id: 'template-type',
    help: 'The webhook rejects a template of type `bootstrap.kubernetes.io/token`, and a `kubernetes.io/service-account-token` template that carries the `kubernetes.io/service-account.name` annotation.',
    check: spec => {
      const template =
        isObject(spec.target) && isObject(spec.target.template) ? spec.target.template : undefined
      if (!template) return []
      if (template.type === 'bootstrap.kubernetes.io/token')
        return [
          {
            pointer: '/target/template/type',
            message: 'Template type `bootstrap.kubernetes.io/token` is not allowed.'
          }
        ]
      const annotations =
        isObject(template.metadata) && isObject(template.metadata.annotations)
          ? template.metadata.annotations
          : {}
      if (
        template.type === 'kubernetes.io/service-account-token' &&
        'kubernetes.io/service-account.name' in annotations
      )
        return [
          {
            pointer: '/target/template/type',
            message:
              'A `kubernetes.io/service-account-token` template must not carry the `kubernetes.io/service-account.name` annotation.'
          }
        ]
      return []
    }
  },
  {
    id: 'template-from-target',
    help: 'When the target is a Secret, each `templateFrom[].target` must be `Data`, `Annotations` or `Labels`.',
    check: spec => {
      const target = isObject(spec.target) ? spec.target : {}
      const manifest = isObject(target.manifest) ? target.manifest : undefined
      if (manifest && manifest.kind !== 'Secret') return []
      const template = isObject(target.template) ? target.template : {}
      return list(template.templateFrom).flatMap((entry, i) =>
        entry.target !== undefined &&
        !['Data', 'Annotations', 'Labels'].includes(String(entry.target))
          ? [
              {
                pointer: `/target/template/templateFrom/${i}/target`,
                message: `\`templateFrom[${i}].target\` is '${String(entry.target)}'; for a Secret it must be Data, Annotations or Labels.`
              }
            ]
          : []
      )
    }
  }
]

/** The spec an ExternalSecret or ClusterExternalSecret carries, with the pointer to it. */
function externalSecretSpec(manifest: Manifest): { spec: Obj; at: string } | undefined {
  const { apiVersion, kind, spec } = manifest.object
  if (typeof apiVersion !== 'string' || !apiVersion.startsWith('external-secrets.io/'))
    return undefined
  if (!isObject(spec)) return kind === 'ExternalSecret' ? { spec: {}, at: '/spec' } : undefined
  if (kind === 'ExternalSecret') return { spec, at: '/spec' }
  if (kind === 'ClusterExternalSecret' && isObject(spec.externalSecretSpec))
    return { spec: spec.externalSecretSpec, at: '/spec/externalSecretSpec' }
  return undefined
}

/** ESO's admission-webhook rules, which the ExternalSecret CRD schema does not express. */
export class ExternalSecretsEngine implements PolicyEngine {
  readonly name = 'external-secrets'

  async evaluate(manifests: readonly Manifest[], _context: EvaluationContext): Promise<Finding[]> {
    const findings: Finding[] = []
    for (const manifest of manifests) {
      const found = externalSecretSpec(manifest)
      if (!found) continue
      for (const rule of ESO_RULES) {
        const base = {
          source: 'external-secrets',
          policy: ESO_POLICY,
          rule: rule.id,
          severity: 'error',
          category: 'External Secrets',
          help: rule.help
        } as const
        const violations = rule.check(found.spec)
        if (violations.length === 0) {
          findings.push(
            findingOn(manifest, { ...base, result: 'pass', message: `${rule.id}: passed.` })
          )
          continue
        }
        for (const v of violations)
          findings.push(
            findingOn(manifest, {
              ...base,
              result: 'fail',
              pointer: found.at + v.pointer,
              message: v.message
            })
          )
      }
    }
    return findings
  }
}
