// Guardrails on what kinds a service's folder may carry: a kind of unknown scope is refused rather than
// assumed namespaced, and kinds that steer the platform's own controllers are refused outright.
import { declareKindHint, platformObjectReason } from '../../../boundary/kinds.js'
import type { Guardrail } from './rules.js'

const described = (apiVersion: unknown, kind: unknown) => `${String(kind)} (${String(apiVersion)})`

export const knownScope: Guardrail = {
  id: 'known-scope',
  title: 'Kinds of known scope',
  defaultSeverity: 'error',
  help: "idp must know whether each kind is namespaced or cluster-scoped to keep a service inside its namespace; a kind it does not know is refused. Give the kind's CRD (input `crds` or the platform config's `spec.crds`) or declare it in the platform config's `spec.kinds`.",
  check: (m, ctx) => {
    const { apiVersion, kind } = m.object
    if (ctx.scopeOf(String(apiVersion), String(kind)) !== undefined) return []
    return [
      {
        pointer: '/kind',
        message: `${described(apiVersion, kind)}: idp does not know whether it is namespaced or cluster-scoped, so it cannot keep it in the service's namespace. ${declareKindHint(String(apiVersion), String(kind))}`
      }
    ]
  }
}

export const noPlatformObjects: Guardrail = {
  id: 'no-platform-objects',
  title: "No objects that steer the platform's controllers",
  defaultSeverity: 'error',
  help: "Argo CD Applications and AppProjects, Flux objects, Kyverno PolicyExceptions and KubeVela definitions decide what the platform's controllers apply, where and with which rights; from a service folder they could reach past its namespace. The platform manages them; a platform that wants them from services switches this rule off in `spec.guardrails`.",
  check: m => {
    const reason = platformObjectReason(String(m.object.apiVersion), String(m.object.kind))
    return reason === undefined
      ? undefined
      : [
          {
            pointer: '/kind',
            message: `${described(m.object.apiVersion, m.object.kind)} may not come from a service: ${reason}.`
          }
        ]
  }
}
