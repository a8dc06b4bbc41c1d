// The schemas of every kind idp renders ship with idp, so `validate` checks idp's own output with no
// `crds` input and no "no schema" warning: the KubeVela Application and the External Secrets
// ExternalSecret from their upstream CRDs (vendored/, strict like `kubectl apply`), the store kinds an
// ExternalSecret references and the Sealed Secrets SealedSecret from the maintained
// `@kubernetes-models/*` packages (the store CRDs are 690 KB each). A CRD given as input replaces the
// built-in schema of its kind (the cluster's own version is the better answer).
import { ClusterSecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ClusterSecretStore'
import { SecretStore } from '@kubernetes-models/external-secrets/external-secrets.io/v1/SecretStore'
import { SealedSecret } from '@kubernetes-models/sealed-secrets/bitnami.com/v1alpha1/SealedSecret'
import type { ErrorObject } from 'ajv'
import type { Manifest } from '../engine.js'
import type { Scope } from './core-kinds.js'
import type { SchemaViolation } from './openapi-schema.js'
import { violationsOf } from './openapi-schema.js'
import { externalSecretCrd } from './vendored/external-secret-crd.js'
import { kubevelaApplicationCrd } from './vendored/kubevela-application-crd.js'

/** Upstream CRDs idp ships, as manifests the schema catalog reads like a `crds` input. */
export const IDP_OUTPUT_CRDS: readonly Manifest[] = [
  [kubevelaApplicationCrd, 'idp (KubeVela Application CRD)'],
  [externalSecretCrd, 'idp (External Secrets ExternalSecret CRD v2.9.0)']
].map(([object, file]) => ({
  file: file as string,
  documentIndex: 0,
  object: object as unknown as Readonly<Record<string, unknown>>,
  positionOf: () => ({ line: 1, column: 1 })
}))

type ModelClass = new (data: Record<string, unknown>) => { validate(): void }

/** Kinds validated by a `@kubernetes-models/*` class: [apiVersion, kind, scope, origin, validate]. */
export const IDP_OUTPUT_MODELS: readonly (readonly [
  string,
  string,
  Scope,
  string,
  (object: Readonly<Record<string, unknown>>) => SchemaViolation[]
])[] = [
  [
    'external-secrets.io/v1',
    'SecretStore',
    'Namespaced',
    '@kubernetes-models/external-secrets',
    modelValidator(SecretStore as unknown as ModelClass)
  ],
  [
    'external-secrets.io/v1',
    'ClusterSecretStore',
    'Cluster',
    '@kubernetes-models/external-secrets',
    modelValidator(ClusterSecretStore as unknown as ModelClass)
  ],
  [
    'bitnami.com/v1alpha1',
    'SealedSecret',
    'Namespaced',
    '@kubernetes-models/sealed-secrets',
    modelValidator(SealedSecret as unknown as ModelClass)
  ]
]

function modelValidator(Model: ModelClass) {
  return (object: Readonly<Record<string, unknown>>): SchemaViolation[] => {
    try {
      new Model({ ...object }).validate()
      return []
    } catch (error) {
      const errors = (error as { errors?: unknown }).errors
      if (Array.isArray(errors)) return violationsOf(errors as ErrorObject[])
      throw error
    }
  }
}
