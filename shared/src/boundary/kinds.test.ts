import { describe, expect, it } from '@jest/globals'
import { builtinScope, declaredScope, platformObjectReason, resolveScope } from './kinds.js'

describe('builtinScope', () => {
  it.each([
    ['networking.k8s.io/v1', 'ServiceCIDR'],
    ['networking.k8s.io/v1beta1', 'IPAddress'],
    ['networking.k8s.io/v1', 'IngressClass'],
    ['storage.k8s.io/v1', 'CSIDriver'],
    ['storage.k8s.io/v1beta1', 'VolumeAttributesClass'],
    ['snapshot.storage.k8s.io/v1', 'VolumeSnapshotClass'],
    ['snapshot.storage.k8s.io/v1', 'VolumeSnapshotContent'],
    ['admissionregistration.k8s.io/v1alpha1', 'MutatingAdmissionPolicy'],
    ['admissionregistration.k8s.io/v1', 'ValidatingAdmissionPolicyBinding'],
    ['apiregistration.k8s.io/v1', 'APIService'],
    ['node.k8s.io/v1', 'RuntimeClass'],
    ['certificates.k8s.io/v1', 'CertificateSigningRequest'],
    ['flowcontrol.apiserver.k8s.io/v1', 'FlowSchema'],
    ['s3.aws.upbound.io/v1beta1', 'Bucket'],
    ['aws.upbound.io/v1beta1', 'ProviderConfig'],
    ['kubernetes.crossplane.io/v1alpha2', 'Object'],
    ['aws.m.upbound.io/v1beta1', 'ClusterProviderConfig'],
    ['pkg.crossplane.io/v1beta1', 'DeploymentRuntimeConfig'],
    ['pkg.crossplane.io/v1', 'Function'],
    ['apiextensions.crossplane.io/v1', 'CompositeResourceDefinition'],
    ['apiextensions.crossplane.io/v1beta1', 'EnvironmentConfig'],
    ['apiextensions.crossplane.io/v1alpha1', 'Usage'],
    ['kyverno.io/v1', 'ClusterPolicy'],
    ['kyverno.io/v2', 'ClusterCleanupPolicy'],
    ['kyverno.io/v2alpha1', 'GlobalContextEntry'],
    ['reports.kyverno.io/v1', 'ClusterEphemeralReport'],
    ['wgpolicyk8s.io/v1alpha2', 'ClusterPolicyReport'],
    ['policies.kyverno.io/v1', 'ValidatingPolicy'],
    ['policies.kyverno.io/v1alpha1', 'DeletingPolicy'],
    ['external-secrets.io/v1', 'ClusterSecretStore'],
    ['external-secrets.io/v1', 'ClusterExternalSecret'],
    ['external-secrets.io/v1alpha1', 'ClusterPushSecret'],
    ['generators.external-secrets.io/v1alpha1', 'ClusterGenerator'],
    ['cert-manager.io/v1', 'ClusterIssuer'],
    ['templates.gatekeeper.sh/v1', 'ConstraintTemplate'],
    ['constraints.gatekeeper.sh/v1beta1', 'K8sRequiredLabels'],
    ['example.io/v1', 'ClusterWidget']
  ])('%s %s is cluster-scoped', (apiVersion, kind) =>
    expect(builtinScope(apiVersion, kind)).toBe('Cluster')
  )

  it.each([
    ['v1', 'ConfigMap'],
    ['external-secrets.io/v1', 'ExternalSecret'],
    ['core.oam.dev/v1beta1', 'Application'],
    ['s3.aws.m.upbound.io/v1beta1', 'Bucket'],
    ['aws.m.upbound.io/v1beta1', 'ProviderConfig'],
    ['protection.crossplane.io/v1beta1', 'Usage'],
    ['kyverno.io/v2', 'PolicyException'],
    ['argoproj.io/v1alpha1', 'AppProject'],
    ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization'],
    ['cert-manager.io/v1', 'Certificate']
  ])('%s %s is namespaced', (apiVersion, kind) =>
    expect(builtinScope(apiVersion, kind)).toBe('Namespaced')
  )

  it('does not know a kind of an unknown group, nor a made-up kind of a known one', () => {
    expect(builtinScope('example.io/v1', 'Widget')).toBeUndefined()
    expect(builtinScope('v1', 'Widget')).toBeUndefined()
    expect(builtinScope('networking.k8s.io/v1', 'Widget')).toBeUndefined()
    // A kind named like a built-in in another group is not that built-in.
    expect(builtinScope('example.io/v1', 'Namespace')).toBeUndefined()
    expect(builtinScope('example.io/v1', 'hasOwnProperty')).toBeUndefined()
    expect(builtinScope('constructor/v1', 'Widget')).toBeUndefined()
  })
})

describe('resolveScope', () => {
  const declarations = [
    { apiVersion: 'example.io/*', kind: 'Widget', scope: 'Namespaced' as const },
    { apiVersion: 'other.io/v2', kind: 'Gadget', scope: 'Cluster' as const }
  ]
  it('takes a platform declaration for a kind idp does not know', () => {
    expect(resolveScope('example.io/v1', 'Widget', undefined, declarations)).toBe('Namespaced')
    expect(resolveScope('example.io/v9', 'Widget', undefined, declarations)).toBe('Namespaced')
    expect(resolveScope('other.io/v2', 'Gadget', undefined, declarations)).toBe('Cluster')
    expect(resolveScope('other.io/v1', 'Gadget', undefined, declarations)).toBeUndefined()
    expect(resolveScope('sub.example.io/v1', 'Widget', undefined, declarations)).toBeUndefined()
  })
  it('never lets a CRD or a declaration make a cluster-scoped kind namespaced', () => {
    expect(resolveScope('rbac.authorization.k8s.io/v1', 'ClusterRole', 'Namespaced')).toBe(
      'Cluster'
    )
    expect(
      resolveScope('external-secrets.io/v1', 'ClusterSecretStore', undefined, [
        { apiVersion: 'external-secrets.io/*', kind: 'ClusterSecretStore', scope: 'Namespaced' }
      ])
    ).toBe('Cluster')
    expect(resolveScope('example.io/v1', 'Widget', 'Cluster', declarations)).toBe('Cluster')
  })
  it("lets a CRD or a declaration settle what idp only infers from a group's name", () => {
    // upbound's platform-ref XRDs put namespaced claims in upbound.io groups.
    const claim = {
      apiVersion: 'aws.platform.upbound.io/*',
      kind: 'SQLInstance',
      scope: 'Namespaced' as const
    }
    expect(resolveScope('aws.platform.upbound.io/v1alpha1', 'SQLInstance', undefined)).toBe(
      'Cluster'
    )
    expect(
      resolveScope('aws.platform.upbound.io/v1alpha1', 'SQLInstance', undefined, [claim])
    ).toBe('Namespaced')
    expect(resolveScope('acme.io/v1', 'ClusterGadget', 'Namespaced')).toBe('Namespaced')
  })
  it('takes the scope of a CRD given', () =>
    expect(resolveScope('acme.io/v1', 'Gadget', 'Namespaced')).toBe('Namespaced'))
  it('a declaration of both scopes counts as cluster-scoped', () =>
    expect(
      declaredScope(
        [
          { apiVersion: 'a.io/v1', kind: 'K', scope: 'Namespaced' },
          { apiVersion: 'a.io/*', kind: 'K', scope: 'Cluster' }
        ],
        'a.io/v1',
        'K'
      )
    ).toBe('Cluster'))
})

describe('platformObjectReason', () => {
  it.each([
    ['argoproj.io/v1alpha1', 'Application'],
    ['argoproj.io/v1alpha1', 'ApplicationSet'],
    ['argoproj.io/v1alpha1', 'AppProject'],
    ['kustomize.toolkit.fluxcd.io/v1', 'Kustomization'],
    ['helm.toolkit.fluxcd.io/v2', 'HelmRelease'],
    ['source.toolkit.fluxcd.io/v1', 'GitRepository'],
    ['kyverno.io/v2', 'PolicyException'],
    ['policies.kyverno.io/v1alpha1', 'PolicyException'],
    ['core.oam.dev/v1beta1', 'ComponentDefinition'],
    ['core.oam.dev/v1alpha1', 'Policy'],
    ['workflow.oam.dev/v1alpha1', 'WorkflowRun']
  ])('%s %s steers the platform', (apiVersion, kind) =>
    expect(platformObjectReason(apiVersion, kind)).toBeDefined()
  )
  it.each([
    ['core.oam.dev/v1beta1', 'Application'],
    ['argoproj.io/v1alpha1', 'Rollout'],
    ['kustomize.config.k8s.io/v1beta1', 'Kustomization']
  ])('%s %s does not', (apiVersion, kind) =>
    expect(platformObjectReason(apiVersion, kind)).toBeUndefined()
  )
})
