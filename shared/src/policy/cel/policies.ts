// Reading the CEL policy kinds: Kyverno `ValidatingPolicy` / `NamespacedValidatingPolicy`
// (policies.kyverno.io v1alpha1, v1beta1, v1), Kyverno's CEL `PolicyException` (policies.kyverno.io),
// and Kubernetes `ValidatingAdmissionPolicy` + `ValidatingAdmissionPolicyBinding`
// (admissionregistration.k8s.io v1, v1beta1, v1alpha1). Every expression compiles here, once.
import type { CompiledValidator } from './validator.js'
import { compileValidator } from './validator.js'
import { autogenVariants } from './autogen.js'

type Obj = Record<string, unknown>

const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [])

export type CelPolicyKind =
  'ValidatingPolicy' | 'NamespacedValidatingPolicy' | 'ValidatingAdmissionPolicy'

export interface CelPolicyVariant {
  /** '' for the policy as written; `autogen` / `autogen-cronjobs` for generated pod-controller variants. */
  readonly rule: string
  readonly matchConstraints: unknown
  readonly validator: CompiledValidator
}

export interface CelPolicy {
  readonly kind: CelPolicyKind
  readonly name: string
  /** Set for NamespacedValidatingPolicy: it applies only to resources in this namespace. */
  readonly namespace?: string
  readonly file: string
  readonly line: number
  readonly annotations: Readonly<Record<string, string>>
  /** `Deny`, `Warn`, `Audit` (a VAP binding's own actions win). */
  readonly validationActions: readonly string[]
  readonly paramKind?: { readonly apiVersion: string; readonly kind: string }
  readonly variants: readonly CelPolicyVariant[]
  /**
   * `JSON`: a ValidatingPolicy for arbitrary JSON payloads (`spec.evaluation.mode: JSON`); it sees
   * `object` only and has no match constraints. `Kubernetes` (the default): admission requests.
   */
  readonly mode: 'Kubernetes' | 'JSON'
  /** Why this policy cannot be evaluated offline. */
  readonly unsupported?: string
}

export interface CelPolicyException {
  readonly name: string
  readonly namespace: string
  readonly policyRefs: readonly { readonly name: string; readonly kind?: string }[]
  readonly validator: CompiledValidator
  readonly images: readonly string[]
  readonly allowedValues: readonly string[]
  readonly reportResult?: string
}

export interface AdmissionPolicyBinding {
  readonly name: string
  readonly policyName: string
  readonly paramRef?: Obj
  readonly matchResources?: unknown
  readonly validationActions: readonly string[]
}

export type CelDocument =
  | { readonly policy: CelPolicy }
  | { readonly exception: CelPolicyException }
  | { readonly binding: AdmissionPolicyBinding }

const kyvernoKinds = new Set(['ValidatingPolicy', 'NamespacedValidatingPolicy'])

function annotationsOf(metadata: Obj): Record<string, string> {
  return Object.fromEntries(
    Object.entries(isMap(metadata.annotations) ? metadata.annotations : {}).map(([k, v]) => [
      k,
      String(v)
    ])
  )
}

function validatorOf(spec: Obj): CompiledValidator {
  return compileValidator({
    matchConditions: spec.matchConditions,
    variables: spec.variables,
    validations: spec.validations,
    auditAnnotations: spec.auditAnnotations,
    failurePolicy: spec.failurePolicy
  })
}

/** A CEL policy document, or undefined when the document is not one of these kinds. */
export function celDocumentFromObject(
  doc: Obj,
  file: string,
  line: number
): CelDocument | undefined {
  const kind = String(doc.kind ?? '')
  const apiVersion = String(doc.apiVersion ?? '')
  const metadata = isMap(doc.metadata) ? doc.metadata : {}
  const spec = isMap(doc.spec) ? doc.spec : {}
  const name = String(metadata.name ?? '')
  if (apiVersion.startsWith('policies.kyverno.io/') && kind === 'PolicyException') {
    return {
      exception: {
        name,
        namespace: String(metadata.namespace ?? ''),
        policyRefs: (Array.isArray(spec.policyRefs) ? spec.policyRefs.filter(isMap) : []).map(
          r => ({
            name: String(r.name ?? ''),
            ...(typeof r.kind === 'string' ? { kind: r.kind } : {})
          })
        ),
        validator: compileValidator({ matchConditions: spec.matchConditions }),
        images: strings(spec.images),
        allowedValues: strings(spec.allowedValues),
        ...(typeof spec.reportResult === 'string' ? { reportResult: spec.reportResult } : {})
      }
    }
  }
  const isKyverno = apiVersion.startsWith('policies.kyverno.io/') && kyvernoKinds.has(kind)
  const isAdmission = apiVersion.startsWith('admissionregistration.k8s.io/')
  if (isAdmission && kind === 'ValidatingAdmissionPolicyBinding')
    return {
      binding: {
        name,
        policyName: String(spec.policyName ?? ''),
        ...(isMap(spec.paramRef) ? { paramRef: spec.paramRef } : {}),
        ...(spec.matchResources !== undefined ? { matchResources: spec.matchResources } : {}),
        validationActions: strings(spec.validationActions)
      }
    }
  if (!isKyverno && !(isAdmission && kind === 'ValidatingAdmissionPolicy')) return undefined
  const evaluation = isMap(spec.evaluation) ? spec.evaluation : {}
  const paramKind = isMap(spec.paramKind)
    ? {
        apiVersion: String(spec.paramKind.apiVersion ?? ''),
        kind: String(spec.paramKind.kind ?? '')
      }
    : undefined
  const variants: CelPolicyVariant[] = [
    { rule: '', matchConstraints: spec.matchConstraints, validator: validatorOf(spec) },
    ...(isKyverno
      ? autogenVariants(spec).map(v => ({
          rule: v.name,
          matchConstraints: v.spec.matchConstraints,
          validator: validatorOf(v.spec)
        }))
      : [])
  ]
  return {
    policy: {
      kind: kind as CelPolicyKind,
      name,
      ...(kind === 'NamespacedValidatingPolicy'
        ? { namespace: String(metadata.namespace ?? 'default') }
        : {}),
      file,
      line,
      annotations: annotationsOf(metadata),
      validationActions: strings(spec.validationActions).length
        ? strings(spec.validationActions)
        : ['Deny'],
      ...(paramKind ? { paramKind } : {}),
      variants,
      mode: isKyverno && evaluation.mode === 'JSON' ? 'JSON' : 'Kubernetes'
    }
  }
}
