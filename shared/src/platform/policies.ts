// `idp platform policies`: the built-in guardrails as admission policies, per environment, as the
// platform configured them (switched off → not exported; severity error → Enforce / Deny, else Audit /
// Warn). Rules on what a service's reconciler writes are scoped to that reconciler's identity (Argo CD's
// application controller, or the Flux ServiceAccounts bootstrap creates), so the platform's own
// controllers (External Secrets creating Secrets, KubeVela creating Deployments) are not refused; rules
// on what runs (images, Pod Security) hold for every object in the service namespaces.
import { stringify } from 'yaml'
import type { PlatformConfig } from '../descriptor/types.js'
import { activeGuardrails } from '../policy/engines/guardrails/index.js'
import { silentLogger } from '../runtime/logger.js'
import { UserError } from '../runtime/errors.js'
import type { Problem } from '../runtime/errors.js'
import { admissionPolicies } from './admission.js'
import { kyvernoRules } from './kyverno-rules.js'
import type { KubeObject } from './namespaces.js'
import { MANAGED_BY } from './namespaces.js'
import { objectAdmissionPolicies, objectKyvernoRules } from './object-rules.js'
import { secretKeyAdmissionPolicies, secretKeyKyvernoRules } from './secret-key-rules.js'
import {
  tenancyAdmissionPolicies,
  tenancyKyvernoRules,
  tenancyNotExported
} from './tenancy-rules.js'
import { environmentTenants } from './tenants.js'

/** Exported policies carry the guardrail they express, so findings map back to it. */
export const GUARDRAIL_ANNOTATION = 'idp.dev/guardrail'
export const policyName = (id: string) => `idp-${id}`

/** Guardrails that no admission policy exports, and why; README, docs and the differential test say so. */
export const NOT_EXPORTED: Readonly<Record<string, string>> = {
  'known-scope':
    'It lets idp judge namespace and no-cluster-scoped offline; at admission the API server knows the scope of every kind it serves and refuses kinds it does not, and the namespace and no-cluster-scoped policies use exactly that.',
  kustomization:
    'It checks kustomization.yaml build files, which never reach the API server; what they build is admitted object by object and judged by the other policies.',
  'no-plain-secret-value':
    'A heuristic scan (credential formats through secretlint rules, secret-named variables with literal values, random-looking values) that neither Kyverno patterns nor CEL can reproduce without refusing different values than validate does.'
}

/** Exported guardrails whose admission form judges part of what the built-in rule does elsewhere. */
export const PARTLY_EXPORTED: Readonly<Record<string, string>> = {
  'protected-metadata':
    "The identity labels (app.kubernetes.io/name, managed-by, backstage.io/kubernetes-id, idp.dev/owner, idp.dev/environment) are held to the folder's render record, which only the GitOps side reads (verify-gitops); at admission the platform's own labels and annotations keep their values and no KubeVela property or ExternalSecret template sets or removes a protected key.",
  'image-registry':
    'Docker Hub short names (nginx) are not expanded: a docker.io/ registry entry refuses them at admission (stricter, never looser).'
}

const NO_RECONCILER =
  'No service of this environment is applied by an account of its own (Flux, registry globs only: bootstrap creates no Kustomization for them), so there is no reconciler to hold to it.'

/** Whether a rule's match names subjects and the list is empty (Kyverno would then match every user). */
function matchesNobodyNamed(rule: KubeObject): boolean {
  const match = rule.match as { any?: { subjects?: unknown[] }[] } | undefined
  return (match?.any ?? []).some(f => Array.isArray(f.subjects) && f.subjects.length === 0)
}

/** Each family of guardrails answers for its own ids (undefined / empty for the others). */
const KYVERNO_FAMILIES = [
  kyvernoRules,
  tenancyKyvernoRules,
  objectKyvernoRules,
  secretKeyKyvernoRules
]
const ADMISSION_FAMILIES = [
  admissionPolicies,
  tenancyAdmissionPolicies,
  objectAdmissionPolicies,
  secretKeyAdmissionPolicies
]

interface RuleSpec {
  readonly id: string
  readonly title: string
  readonly enforce: boolean
  readonly rules: KubeObject[]
}

function clusterPolicy(spec: RuleSpec, help: string): KubeObject {
  return {
    apiVersion: 'kyverno.io/v1',
    kind: 'ClusterPolicy',
    metadata: {
      name: policyName(spec.id),
      labels: { ...MANAGED_BY },
      annotations: {
        [GUARDRAIL_ANNOTATION]: spec.id,
        'policies.kyverno.io/title': spec.title,
        'policies.kyverno.io/category': 'idp guardrails',
        'policies.kyverno.io/description': help
      }
    },
    spec: {
      background: false,
      rules: spec.rules.map(rule => ({
        ...rule,
        validate: {
          failureAction: spec.enforce ? 'Enforce' : 'Audit',
          ...(rule.validate as object)
        }
      }))
    }
  }
}

export interface PoliciesOutput {
  readonly files: ReadonlyMap<string, string>
  /** Per environment: exported guardrail ids, and the not exported ones with their reason. */
  readonly environments: readonly {
    readonly environment: string
    readonly exported: readonly string[]
    readonly notExported: Readonly<Record<string, string>>
  }[]
}

const yaml = (objects: readonly KubeObject[]) =>
  objects.map(o => stringify(o, { lineWidth: 0 })).join('---\n')

export function renderPolicies(platform: PlatformConfig, serverUrl: string): PoliciesOutput {
  const files = new Map<string, string>()
  const problems: Problem[] = []
  const environments: PoliciesOutput['environments'][number][] = []
  const active = activeGuardrails(platform, silentLogger)
  for (const environment of platform.spec.environments) {
    const { tenants, problems: found } = environmentTenants(platform, environment, serverUrl)
    problems.push(...found)
    if (!tenants) continue
    const env = environment.name
    const exported: string[] = []
    const notExported: Record<string, string> = {}
    const resources: string[] = []
    for (const { rule, severity } of active) {
      const reason = NOT_EXPORTED[rule.id] ?? tenancyNotExported(rule.id, tenants, platform)
      if (reason) {
        notExported[rule.id] = reason
        continue
      }
      const written = KYVERNO_FAMILIES.map(f => f(rule.id, tenants, platform)).find(r => r)
      // A match with an empty subjects list would select every user: a rule for the reconciler
      // when no service here has one of its own (Flux, registry globs only) is left out.
      const rules = written?.filter(r => !matchesNobodyNamed(r))
      const vap = ADMISSION_FAMILIES.flatMap(f =>
        f(rule.id, tenants, platform, severity === 'error')
      )
      if (written && written.length > 0 && rules?.length === 0 && vap.length === 0) {
        notExported[rule.id] = NO_RECONCILER
        continue
      }
      if ((!rules || rules.length === 0) && vap.length === 0) continue // nothing to check in this environment (e.g. no requireDigest)
      if (rules && rules.length > 0) {
        const file = `kyverno/${rule.id}.yaml`
        files.set(
          `${env}/${file}`,
          yaml([
            clusterPolicy(
              { id: rule.id, title: rule.title, enforce: severity === 'error', rules },
              rule.help
            )
          ])
        )
        resources.push(file)
      }
      if (vap.length > 0) {
        const file = `admission/${rule.id}.yaml`
        files.set(`${env}/${file}`, yaml(vap))
        resources.push(file)
      }
      exported.push(rule.id)
    }
    files.set(
      `${env}/kustomization.yaml`,
      stringify(
        {
          apiVersion: 'kustomize.config.k8s.io/v1beta1',
          kind: 'Kustomization',
          resources: resources.sort()
        },
        { lineWidth: 0 }
      )
    )
    environments.push({ environment: env, exported, notExported })
  }
  if (problems.length > 0) throw new UserError(problems)
  files.set('README.md', policiesReadme(environments))
  return { files, environments }
}

function policiesReadme(environments: PoliciesOutput['environments']): string {
  const lines = [
    '# Admission policies (generated by `idp platform policies`)',
    '',
    "The built-in guardrails as Kyverno ClusterPolicies (`kyverno/`) and ValidatingAdmissionPolicies with bindings (`admission/`), as platform.yaml configures them. Apply `<environment>/` to that environment's cluster (Kyverno installed for `kyverno/`; Kubernetes ≥ 1.30 for `admission/`). Do not edit: change platform.yaml and run the command again.",
    '',
    "Rules on what a service's reconciler writes match only that reconciler (Argo CD's application controller, or the Flux ServiceAccounts of `idp platform bootstrap`), so the platform's own controllers are not refused. `namespace` and `no-cluster-scoped` know whose object it is from the service's Flux account, or from Argo CD's resource tracking (annotation `argocd.argoproj.io/tracking-id` or label `app.kubernetes.io/instance`) naming a service's Application: the platform's own Applications must not be named like a service's (`spec.catalog.argocdAppPattern`). Rules on what runs and what is stored (images, Pod Security, quotas, SealedSecrets, Crossplane claims, secret-store keys) hold for every such object in the service namespaces.",
    '',
    'Regenerate after changing platform.yaml (registries, stores, keyPatterns, certificates, resource types, labels, the service registry): the values are written into the policies.',
    ''
  ]
  for (const e of environments) {
    lines.push(
      `## ${e.environment}`,
      '',
      `Exported: ${e.exported.map(id => `\`${id}\``).join(', ') || 'none'}.`,
      ''
    )
    const partly = e.exported.filter(id => PARTLY_EXPORTED[id])
    if (partly.length > 0) {
      lines.push('Exported in part:', '')
      for (const id of partly) lines.push(`- \`${id}\`: ${PARTLY_EXPORTED[id]}`)
      lines.push('')
    }
    const missing = Object.entries(e.notExported)
    if (missing.length > 0) {
      lines.push(
        'Not exported (and why); the GitOps gate (`verify-gitops`, validation with the platform config) enforces them on every change:',
        ''
      )
      for (const [id, reason] of missing) lines.push(`- \`${id}\`: ${reason}`)
      lines.push('')
    }
  }
  return `${lines.join('\n')}\n`
}
