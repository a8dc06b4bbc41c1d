// The validate side of the protected-metadata boundary (boundary/metadata.ts): a folder that did not
// come from render (or was edited after it) must not set or remove, through a KubeVela Application's
// component or trait properties, the labels and annotations the platform and idp own; and objects
// carrying the platform's own labels and annotations must carry the platform's values.
import {
  applicationMetadataFindings,
  identityLabelValues,
  metadataWrites,
  protectedMetadata,
  protectedWrites,
  type ProtectedMetadata
} from '../../../boundary/metadata.js'
import type { Manifest } from '../../engine.js'
import { isObject } from '../../manifest-documents.js'
import { joinPointer } from '../../manifest-positions.js'
import type { Guardrail, Violation } from './rules.js'

const isKubeVelaApplication = (m: Manifest) =>
  m.object.kind === 'Application' && String(m.object.apiVersion).startsWith('core.oam.dev/')

const isExternalSecret = (m: Manifest) =>
  m.object.kind === 'ExternalSecret' &&
  String(m.object.apiVersion).startsWith('external-secrets.io/')

/** The Secret an ExternalSecret creates takes its labels and annotations from the target template. */
function secretTemplateFindings(m: Manifest, owned: ProtectedMetadata): Violation[] {
  const spec = isObject(m.object.spec) ? m.object.spec : {}
  const target = isObject(spec.target) ? spec.target : {}
  const template = isObject(target.template) ? target.template : {}
  const metadata = isObject(template.metadata) ? template.metadata : {}
  const base = '/spec/target/template/metadata'
  return protectedWrites(
    [
      ...metadataWrites(metadata.labels, 'label').map(w => ({
        ...w,
        pointer: `/labels${w.pointer}`
      })),
      ...metadataWrites(metadata.annotations, 'annotation').map(w => ({
        ...w,
        pointer: `/annotations${w.pointer}`
      }))
    ],
    owned
  ).map(w => ({
    pointer: `${base}${w.pointer}`,
    message: `ExternalSecret's target template sets ${w.kind} '${w.key}' on the Secret: ${w.reason}.`
  }))
}

/** Where an object and its pod templates keep their labels (Deployment-likes, Pods, CronJobs). */
const LABEL_PLACES: readonly (readonly string[])[] = [
  ['metadata'],
  ['spec', 'template', 'metadata'],
  ['spec', 'jobTemplate', 'spec', 'template', 'metadata']
]

/** Identity labels (service, team, environment) whose value is not the render record's. */
function identityFindings(m: Manifest, expected: Readonly<Record<string, string>>): Violation[] {
  const violations: Violation[] = []
  for (const place of LABEL_PLACES) {
    let node: unknown = m.object
    for (const segment of place) node = isObject(node) ? node[segment] : undefined
    const labels = isObject(node) && isObject(node.labels) ? node.labels : {}
    for (const [key, value] of Object.entries(labels))
      if (Object.hasOwn(expected, key) && expected[key] !== value)
        violations.push({
          pointer: joinPointer([...place, 'labels', key]),
          message: `${String(m.object.kind)} sets label '${key}' to '${String(value)}'; this folder's render record says '${expected[key]}'.`
        })
  }
  return violations
}

export const protectedMetadataRule: Guardrail = {
  id: 'protected-metadata',
  title: 'Labels and annotations the platform owns',
  defaultSeverity: 'error',
  help: "The labels and annotations the platform sets (`spec.defaults`, the environment's `labels`/`annotations`) and the ones idp and KubeVela own (`idp.dev/*`, `app.kubernetes.io/name`, `part-of`, `managed-by`, `backstage.io/kubernetes-id`, `app.oam.dev/*`, the Argo CD and Flux tracking keys) cannot be set or removed by a KubeVela Application's component or trait properties (`labels`/`annotations` traits, `labels`, `annotations` and `*Labels`/`*Annotations` properties), and where an object carries a platform label or annotation it has the platform's value. Render refuses the same keys in idp.yaml.",
  check: (m, ctx) => {
    // idp's and KubeVela's own keys are protected even when no platform config is given.
    const owned = protectedMetadata(ctx.platform, ctx.environmentConfig)
    const violations: Violation[] = isKubeVelaApplication(m)
      ? applicationMetadataFindings(m.object, owned)
      : []
    if (isExternalSecret(m)) violations.push(...secretTemplateFindings(m, owned))
    if (m.render) violations.push(...identityFindings(m, identityLabelValues(m.render.record)))
    const metadata = isObject(m.object.metadata) ? m.object.metadata : {}
    for (const kind of ['labels', 'annotations'] as const) {
      const expected = {
        ...(ctx.platform?.spec.defaults?.[kind] ?? {}),
        ...(ctx.environmentConfig?.[kind] ?? {})
      }
      const actual = isObject(metadata[kind]) ? metadata[kind] : {}
      for (const [key, value] of Object.entries(actual))
        if (Object.hasOwn(expected, key) && expected[key] !== value)
          violations.push({
            pointer: joinPointer(['metadata', kind, key]),
            message: `${String(m.object.kind)} sets ${kind === 'labels' ? 'label' : 'annotation'} '${key}' to '${String(value)}'; the platform sets it to '${expected[key]}'.`
          })
    }
    return violations
  }
}
