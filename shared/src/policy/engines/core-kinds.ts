// Core Kubernetes kinds are validated with the schemas of `kubernetes-models` (generated from the
// Kubernetes OpenAPI and precompiled to ajv standalone code), not hand-written ones. Only these kinds are
// imported so a bundle carries a few hundred KiB of validators, not every API group.
import { validate as validateCoreV1ConfigMap } from 'kubernetes-models/_schemas/IoK8sApiCoreV1ConfigMap'
import { validate as validateCoreV1Secret } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Secret'
import { validate as validateCoreV1Service } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Service'
import { validate as validateCoreV1ServiceAccount } from 'kubernetes-models/_schemas/IoK8sApiCoreV1ServiceAccount'
import { validate as validateCoreV1Pod } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Pod'
import { validate as validateCoreV1PersistentVolumeClaim } from 'kubernetes-models/_schemas/IoK8sApiCoreV1PersistentVolumeClaim'
import { validate as validateCoreV1PersistentVolume } from 'kubernetes-models/_schemas/IoK8sApiCoreV1PersistentVolume'
import { validate as validateCoreV1Namespace } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Namespace'
import { validate as validateCoreV1LimitRange } from 'kubernetes-models/_schemas/IoK8sApiCoreV1LimitRange'
import { validate as validateCoreV1ResourceQuota } from 'kubernetes-models/_schemas/IoK8sApiCoreV1ResourceQuota'
import { validate as validateCoreV1Endpoints } from 'kubernetes-models/_schemas/IoK8sApiCoreV1Endpoints'
import { validate as validateAppsV1Deployment } from 'kubernetes-models/_schemas/IoK8sApiAppsV1Deployment'
import { validate as validateAppsV1StatefulSet } from 'kubernetes-models/_schemas/IoK8sApiAppsV1StatefulSet'
import { validate as validateAppsV1DaemonSet } from 'kubernetes-models/_schemas/IoK8sApiAppsV1DaemonSet'
import { validate as validateAppsV1ReplicaSet } from 'kubernetes-models/_schemas/IoK8sApiAppsV1ReplicaSet'
import { validate as validateBatchV1Job } from 'kubernetes-models/_schemas/IoK8sApiBatchV1Job'
import { validate as validateBatchV1CronJob } from 'kubernetes-models/_schemas/IoK8sApiBatchV1CronJob'
import { validate as validateNetworkingV1Ingress } from 'kubernetes-models/_schemas/IoK8sApiNetworkingV1Ingress'
import { validate as validateNetworkingV1IngressClass } from 'kubernetes-models/_schemas/IoK8sApiNetworkingV1IngressClass'
import { validate as validateNetworkingV1NetworkPolicy } from 'kubernetes-models/_schemas/IoK8sApiNetworkingV1NetworkPolicy'
import { validate as validateAutoscalingV1HorizontalPodAutoscaler } from 'kubernetes-models/_schemas/IoK8sApiAutoscalingV1HorizontalPodAutoscaler'
import { validate as validateAutoscalingV2HorizontalPodAutoscaler } from 'kubernetes-models/_schemas/IoK8sApiAutoscalingV2HorizontalPodAutoscaler'
import { validate as validatePolicyV1PodDisruptionBudget } from 'kubernetes-models/_schemas/IoK8sApiPolicyV1PodDisruptionBudget'
import { validate as validateRbacV1Role } from 'kubernetes-models/_schemas/IoK8sApiRbacV1Role'
import { validate as validateRbacV1RoleBinding } from 'kubernetes-models/_schemas/IoK8sApiRbacV1RoleBinding'
import { validate as validateRbacV1ClusterRole } from 'kubernetes-models/_schemas/IoK8sApiRbacV1ClusterRole'
import { validate as validateRbacV1ClusterRoleBinding } from 'kubernetes-models/_schemas/IoK8sApiRbacV1ClusterRoleBinding'
import { validate as validateApiextensionsV1CustomResourceDefinition } from 'kubernetes-models/_schemas/IoK8sApiextensionsApiserverPkgApisApiextensionsV1CustomResourceDefinition'
import { validate as validateSchedulingV1PriorityClass } from 'kubernetes-models/_schemas/IoK8sApiSchedulingV1PriorityClass'
import { validate as validateStorageV1StorageClass } from 'kubernetes-models/_schemas/IoK8sApiStorageV1StorageClass'

import type { Scope } from '../../boundary/kinds.js'

export type { Scope }

/** A precompiled validator: returns false and sets `errors` (ajv error objects) on failure. */
export type CompiledValidator = ((data: unknown) => boolean) & { errors?: unknown[] | null }

export const CORE_KINDS: readonly (readonly [string, string, Scope, CompiledValidator])[] = [
  ['v1', 'ConfigMap', 'Namespaced', validateCoreV1ConfigMap],
  ['v1', 'Secret', 'Namespaced', validateCoreV1Secret],
  ['v1', 'Service', 'Namespaced', validateCoreV1Service],
  ['v1', 'ServiceAccount', 'Namespaced', validateCoreV1ServiceAccount],
  ['v1', 'Pod', 'Namespaced', validateCoreV1Pod],
  ['v1', 'PersistentVolumeClaim', 'Namespaced', validateCoreV1PersistentVolumeClaim],
  ['v1', 'PersistentVolume', 'Cluster', validateCoreV1PersistentVolume],
  ['v1', 'Namespace', 'Cluster', validateCoreV1Namespace],
  ['v1', 'LimitRange', 'Namespaced', validateCoreV1LimitRange],
  ['v1', 'ResourceQuota', 'Namespaced', validateCoreV1ResourceQuota],
  ['v1', 'Endpoints', 'Namespaced', validateCoreV1Endpoints],
  ['apps/v1', 'Deployment', 'Namespaced', validateAppsV1Deployment],
  ['apps/v1', 'StatefulSet', 'Namespaced', validateAppsV1StatefulSet],
  ['apps/v1', 'DaemonSet', 'Namespaced', validateAppsV1DaemonSet],
  ['apps/v1', 'ReplicaSet', 'Namespaced', validateAppsV1ReplicaSet],
  ['batch/v1', 'Job', 'Namespaced', validateBatchV1Job],
  ['batch/v1', 'CronJob', 'Namespaced', validateBatchV1CronJob],
  ['networking.k8s.io/v1', 'Ingress', 'Namespaced', validateNetworkingV1Ingress],
  ['networking.k8s.io/v1', 'IngressClass', 'Cluster', validateNetworkingV1IngressClass],
  ['networking.k8s.io/v1', 'NetworkPolicy', 'Namespaced', validateNetworkingV1NetworkPolicy],
  [
    'autoscaling/v1',
    'HorizontalPodAutoscaler',
    'Namespaced',
    validateAutoscalingV1HorizontalPodAutoscaler
  ],
  [
    'autoscaling/v2',
    'HorizontalPodAutoscaler',
    'Namespaced',
    validateAutoscalingV2HorizontalPodAutoscaler
  ],
  ['policy/v1', 'PodDisruptionBudget', 'Namespaced', validatePolicyV1PodDisruptionBudget],
  ['rbac.authorization.k8s.io/v1', 'Role', 'Namespaced', validateRbacV1Role],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', 'Namespaced', validateRbacV1RoleBinding],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'Cluster', validateRbacV1ClusterRole],
  [
    'rbac.authorization.k8s.io/v1',
    'ClusterRoleBinding',
    'Cluster',
    validateRbacV1ClusterRoleBinding
  ],
  [
    'apiextensions.k8s.io/v1',
    'CustomResourceDefinition',
    'Cluster',
    validateApiextensionsV1CustomResourceDefinition
  ],
  ['scheduling.k8s.io/v1', 'PriorityClass', 'Cluster', validateSchedulingV1PriorityClass],
  ['storage.k8s.io/v1', 'StorageClass', 'Cluster', validateStorageV1StorageClass]
]
