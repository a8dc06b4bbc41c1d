// The guardrails that keep a service inside its namespace (`namespace`, `no-cluster-scoped`) at
// admission. Who applies a service's folder decides how the cluster knows whose object it is:
// - Flux: each service's Kustomization applies as the service's own ServiceAccount (`idp-<namespace>`),
//   so the request's user names the service, and its namespace is in the account's name.
// - Argo CD: one controller applies every Application, the platform's own included; it marks each
//   object with the Application that applied it (annotation `argocd.argoproj.io/tracking-id`
//   `<app>:<group>/<kind>:<namespace>/<name>`, or label `app.kubernetes.io/instance: <app>` under label
//   tracking), and overwrites what the folder says there. The ApplicationSet of `idp platform bootstrap`
//   names a service's Application by `spec.catalog.argocdAppPattern` (`{service}-{environment}`), so the
//   tracking names the service. An object tracked by a service's Application must be in that service's
//   namespace and may not be cluster-scoped; the platform's own Applications (other names) are not
//   held to that. Both tracking forms are read: Argo CD writes one of them, and a folder cannot forge
//   the one it writes.
import type { PlatformConfig } from '../descriptor/types.js'
import { validatingPolicy } from './admission.js'
import { celString, escapeRegex, rawString, regexText } from './expression-text.js'
import { ARGOCD_NAMESPACE } from './argocd.js'
import { FLUX_NAMESPACE } from './flux.js'
import { reconcilerSubjects } from './kyverno-rules.js'
import type { KubeObject } from './namespaces.js'
import type { EnvironmentTenants } from './tenants.js'
import { exactServices } from './tenants.js'

const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id'
const INSTANCE_LABEL = 'app.kubernetes.io/instance'
const DEFAULT_APP_PATTERN = '{service}-{environment}'

/** A pattern with `{environment}` filled, split at its one `{service}`; undefined when it has not exactly one. */
function aroundService(pattern: string, environment: string) {
  const parts = pattern.replace(/\{environment\}/g, environment).split('{service}')
  return parts.length === 2 ? { prefix: parts[0], suffix: parts[1] } : undefined
}

/** How the Argo CD tracking of an environment names its services' Applications and namespaces. */
export interface ArgoTracking {
  /** Matches exactly the Application names of registered services; group 1 is the service. */
  readonly appRegex: string
  readonly app: { readonly prefix: string; readonly suffix: string }
  readonly namespace: { readonly prefix: string; readonly suffix: string }
}

export function argoTracking(
  tenants: EnvironmentTenants,
  platform: PlatformConfig
): ArgoTracking | undefined {
  const env = tenants.environment.name
  const app = aroundService(platform.spec.catalog?.argocdAppPattern ?? DEFAULT_APP_PATTERN, env)
  const namespace = aroundService(tenants.environment.namespace, env)
  if (!app || !namespace) return undefined
  const names = tenants.services.map(s => s.name.split('*').map(escapeRegex).join('[a-z0-9.-]*'))
  return {
    appRegex: `^${escapeRegex(app.prefix)}(${names.join('|')})${escapeRegex(app.suffix)}$`,
    app,
    namespace
  }
}

/** Why `namespace` / `no-cluster-scoped` cannot be exported for this environment; undefined when they can. */
export function tenancyNotExported(
  id: string,
  tenants: EnvironmentTenants,
  platform: PlatformConfig
): string | undefined {
  if (id !== 'namespace' && id !== 'no-cluster-scoped') return undefined
  if (tenants.engine !== 'argocd' || argoTracking(tenants, platform)) return undefined
  return "spec.catalog.argocdAppPattern and the environment's namespace pattern must each name {service} exactly once, so that an Application's name tells the service and its namespace; the AppProject's destinations and empty clusterResourceWhitelist still refuse it at sync time."
}

const trackedApps = [
  `split(request.object.metadata.annotations."${TRACKING_ANNOTATION}" || '', ':')[0]`,
  `request.object.metadata.labels."${INSTANCE_LABEL}" || ''`
]

const fluxAccounts = (tenants: EnvironmentTenants) =>
  exactServices(tenants).map(s => `system:serviceaccount:${FLUX_NAMESPACE}:idp-${s.namespace}`)

const ARGOCD_CONTROLLER = `system:serviceaccount:${ARGOCD_NAMESPACE}:argocd-application-controller`

const NAMESPACE_MESSAGE =
  "A service's objects belong in the service's own namespace; this one is in another namespace."
const CLUSTER_MESSAGE =
  'A service may only create namespaced resources; cluster-scoped kinds belong to the platform.'

/** The request's scope; and a user, which every admission request has (validate offline has none). */
const namespaced = (equals: boolean) => ({
  all: [
    { key: '{{ request.namespace }}', operator: equals ? 'Equals' : 'NotEquals', value: '' },
    { key: "{{ request.userInfo.username || '' }}", operator: 'NotEquals', value: '' }
  ]
})

/** `namespace` and `no-cluster-scoped` as Kyverno rules; undefined when not exported here. */
export function tenancyKyvernoRules(
  id: string,
  tenants: EnvironmentTenants,
  platform: PlatformConfig
): KubeObject[] | undefined {
  if (id !== 'namespace' && id !== 'no-cluster-scoped') return undefined
  const match = { any: [{ resources: { kinds: ['*'] }, subjects: reconcilerSubjects(tenants) }] }
  if (tenants.engine === 'flux') {
    const deny =
      id === 'namespace'
        ? {
            conditions: {
              any: [
                {
                  key: '{{ request.userInfo.username }}',
                  operator: 'NotEquals',
                  value: `system:serviceaccount:${FLUX_NAMESPACE}:idp-{{ request.namespace }}`
                }
              ]
            }
          }
        : {}
    return [
      {
        name: id,
        match,
        preconditions: namespaced(id === 'no-cluster-scoped'),
        validate: { message: id === 'namespace' ? NAMESPACE_MESSAGE : CLUSTER_MESSAGE, deny }
      }
    ]
  }
  const tracking = argoTracking(tenants, platform)
  if (!tracking) return undefined
  const regex = rawString(regexText(tracking.appRegex))
  const expected = rawString(
    `${tracking.namespace.prefix.replace(/\$/g, '$$$$')}\${1}${tracking.namespace.suffix.replace(/\$/g, '$$$$')}`
  )
  const conditions = trackedApps.map(app => ({
    key:
      id === 'namespace'
        ? `{{ regex_match(${regex}, ${app}) && regex_replace_all(${regex}, ${app}, ${expected}) != request.namespace }}`
        : `{{ regex_match(${regex}, ${app}) }}`,
    operator: 'Equals',
    value: true
  }))
  return [
    {
      name: id,
      match,
      preconditions: namespaced(id === 'no-cluster-scoped'),
      validate: {
        message: id === 'namespace' ? NAMESPACE_MESSAGE : CLUSTER_MESSAGE,
        deny: { conditions: { any: conditions } }
      }
    }
  ]
}

/** `namespace` and `no-cluster-scoped` as ValidatingAdmissionPolicies with bindings. */
export function tenancyAdmissionPolicies(
  id: string,
  tenants: EnvironmentTenants,
  platform: PlatformConfig,
  enforce: boolean
): KubeObject[] {
  if (id !== 'namespace' && id !== 'no-cluster-scoped') return []
  const everything = [
    {
      apiGroups: ['*'],
      apiVersions: ['*'],
      operations: ['CREATE', 'UPDATE'],
      resources: ['*'],
      scope: '*'
    }
  ]
  // `no-cluster-scoped` judges every object (a namespaced one passes), as the built-in rule does.
  const scope =
    id === 'namespace' ? [{ name: 'namespaced', expression: "request.namespace != ''" }] : []
  const message = id === 'namespace' ? NAMESPACE_MESSAGE : CLUSTER_MESSAGE
  if (tenants.engine === 'flux') {
    const accounts = fluxAccounts(tenants)
    if (accounts.length === 0) return []
    return validatingPolicy(id, tenants, enforce, {
      resourceRules: everything,
      matchConditions: [
        {
          name: 'service-reconciler',
          expression: `[${accounts.map(celString).join(', ')}].exists(a, a == request.userInfo.username)`
        },
        ...scope
      ],
      validations: [
        {
          expression:
            id === 'namespace'
              ? `request.userInfo.username == ${celString(`system:serviceaccount:${FLUX_NAMESPACE}:idp-`)} + request.namespace`
              : "request.namespace != ''",
          message
        }
      ]
    })
  }
  const tracking = argoTracking(tenants, platform)
  if (!tracking) return []
  const { app, namespace } = tracking
  // The service's namespace from the Application's name: the name without the pattern's prefix and suffix.
  const namespaceOf = (name: string) =>
    `${celString(namespace.prefix)} + ${name}.substring(${app.prefix.length}, size(${name}) - ${app.suffix.length}) + ${celString(namespace.suffix)}`
  const refused = (name: string) =>
    id === 'namespace'
      ? `(${name}.matches(${celString(tracking.appRegex)}) && ${namespaceOf(name)} != request.namespace)`
      : `(request.namespace == '' && ${name}.matches(${celString(tracking.appRegex)}))`
  return validatingPolicy(id, tenants, enforce, {
    resourceRules: everything,
    matchConditions: [
      {
        name: 'argocd-controller',
        expression: `request.userInfo.username == ${celString(ARGOCD_CONTROLLER)}`
      },
      ...scope
    ],
    variables: [
      {
        name: 'trackingApp',
        expression: `has(object.metadata.annotations) && ${celString(TRACKING_ANNOTATION)} in object.metadata.annotations ? object.metadata.annotations[${celString(TRACKING_ANNOTATION)}].split(':')[0] : ''`
      },
      {
        name: 'instanceApp',
        expression: `has(object.metadata.labels) && ${celString(INSTANCE_LABEL)} in object.metadata.labels ? object.metadata.labels[${celString(INSTANCE_LABEL)}] : ''`
      }
    ],
    validations: [
      {
        expression: `!(${refused('variables.trackingApp')} || ${refused('variables.instanceApp')})`,
        message
      }
    ]
  })
}
