// The validate side of the protected-metadata boundary (boundary/metadata.ts): a folder that did not
// come from render (or was edited after it) must not set or remove, through a KubeVela Application's
// component or trait properties, the labels and annotations the platform and idp own; and objects
// carrying the platform's own labels and annotations must carry the platform's values.
import { applicationMetadataFindings, protectedMetadata } from '../../../boundary/metadata.js'
import type { Manifest } from '../../engine.js'
import { isObject, joinPointer } from '../../manifests.js'
import type { Guardrail, Violation } from './rules.js'

const isKubeVelaApplication = (m: Manifest) =>
  m.object.kind === 'Application' && String(m.object.apiVersion).startsWith('core.oam.dev/')

export const protectedMetadataRule: Guardrail = {
  id: 'protected-metadata',
  title: 'Labels and annotations the platform owns',
  defaultSeverity: 'error',
  help: "The labels and annotations the platform sets (`spec.defaults`, the environment's `labels`/`annotations`) and the ones idp and KubeVela own (`idp.dev/*`, `app.kubernetes.io/name`, `part-of`, `managed-by`, `backstage.io/kubernetes-id`, `app.oam.dev/*`, the Argo CD and Flux tracking keys) cannot be set or removed by a KubeVela Application's component or trait properties (`labels`/`annotations` traits, `labels`, `annotations` and `*Labels`/`*Annotations` properties), and where an object carries a platform label or annotation it has the platform's value. Render refuses the same keys in idp.yaml.",
  check: (m, ctx) => {
    if (!ctx.platform) return undefined
    const owned = protectedMetadata(ctx.platform, ctx.environmentConfig)
    const violations: Violation[] = isKubeVelaApplication(m)
      ? applicationMetadataFindings(m.object, owned)
      : []
    const metadata = isObject(m.object.metadata) ? m.object.metadata : {}
    for (const kind of ['labels', 'annotations'] as const) {
      const expected = {
        ...(ctx.platform.spec.defaults?.[kind] ?? {}),
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
