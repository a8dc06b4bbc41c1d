import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  checkRecordName,
  namespaceFor
} from "./chunk-EVW3AYBC.js";
import {
  UserError,
  inputRef
} from "./chunk-CQTZEYZ7.js";

// shared/src/boundary/namespaces.ts
var DNS_LABEL_SOURCE = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
function checkRecordTarget(record, platform, display) {
  const environments = platform.spec.environments.map((e) => e.name);
  const service = checkRecordName(record.service, "service", display);
  const environment = checkRecordName(record.environment, "environment", display, environments);
  const env = platform.spec.environments.find((e) => e.name === environment);
  const expected = namespaceFor(env, service);
  if (record.namespace !== expected)
    throw new UserError({
      message: `The render record targets namespace ${JSON.stringify(record.namespace)}, but the platform's pattern '${env.namespace}' gives '${expected}' for service '${service}' in environment '${environment}'.`,
      position: { file: display, line: 1, column: 1 },
      hint: "Render the folder again with idp render; do not edit .idp/render.json by hand."
    });
}
function namespacePatternOf(env) {
  return env.namespace.replace(/\{environment\}/g, env.name);
}
function matchesNamespacePattern(pattern, namespace) {
  const source = pattern.split("{service}").map((part) => part.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")).map((part, i) => i === 0 ? part : (i === 1 ? `(${DNS_LABEL_SOURCE})` : "\\1") + part).join("");
  return namespace.length <= 63 && new RegExp(`^(?:${source})$`).test(namespace);
}

// shared/src/boundary/kinds.ts
var allCluster = () => "Cluster";
var allNamespaced = () => "Namespaced";
var clusterPrefixed = (kind) => /^Cluster[A-Z]/.test(kind) ? "Cluster" : "Namespaced";
var GROUPS = {
  "": {
    cluster: ["Namespace", "Node", "PersistentVolume", "ComponentStatus"],
    namespaced: [
      "ConfigMap",
      "Secret",
      "Service",
      "ServiceAccount",
      "Pod",
      "PodTemplate",
      "PersistentVolumeClaim",
      "LimitRange",
      "ResourceQuota",
      "Endpoints",
      "Event",
      "ReplicationController",
      "Binding"
    ]
  },
  apps: { other: allNamespaced },
  batch: { other: allNamespaced },
  autoscaling: { other: allNamespaced },
  policy: { cluster: ["PodSecurityPolicy"], namespaced: ["PodDisruptionBudget", "Eviction"] },
  "networking.k8s.io": {
    cluster: ["IngressClass", "ServiceCIDR", "IPAddress", "ClusterCIDR"],
    namespaced: ["Ingress", "NetworkPolicy"]
  },
  "discovery.k8s.io": { namespaced: ["EndpointSlice"] },
  "coordination.k8s.io": { namespaced: ["Lease", "LeaseCandidate"] },
  "events.k8s.io": { namespaced: ["Event"] },
  "rbac.authorization.k8s.io": {
    cluster: ["ClusterRole", "ClusterRoleBinding"],
    namespaced: ["Role", "RoleBinding"]
  },
  "storage.k8s.io": {
    cluster: ["StorageClass", "CSIDriver", "CSINode", "VolumeAttachment", "VolumeAttributesClass"],
    namespaced: ["CSIStorageCapacity"]
  },
  "snapshot.storage.k8s.io": {
    cluster: ["VolumeSnapshotClass", "VolumeSnapshotContent"],
    namespaced: ["VolumeSnapshot"]
  },
  "groupsnapshot.storage.k8s.io": {
    cluster: ["VolumeGroupSnapshotClass", "VolumeGroupSnapshotContent"],
    namespaced: ["VolumeGroupSnapshot"]
  },
  "admissionregistration.k8s.io": { other: allCluster },
  "apiextensions.k8s.io": { other: allCluster },
  "apiregistration.k8s.io": { other: allCluster },
  "scheduling.k8s.io": { other: allCluster },
  "node.k8s.io": { other: allCluster },
  "certificates.k8s.io": { other: allCluster },
  "flowcontrol.apiserver.k8s.io": { other: allCluster },
  "internal.apiserver.k8s.io": { other: allCluster },
  "storagemigration.k8s.io": { other: allCluster },
  "authentication.k8s.io": { other: allCluster },
  "authorization.k8s.io": {
    namespaced: ["LocalSubjectAccessReview"],
    other: allCluster
  },
  "resource.k8s.io": {
    cluster: ["DeviceClass", "ResourceSlice", "DeviceTaintRule"],
    namespaced: ["ResourceClaim", "ResourceClaimTemplate", "PodSchedulingContext"]
  },
  "gateway.networking.k8s.io": { cluster: ["GatewayClass"], other: allNamespaced },
  "policy.networking.k8s.io": { other: allCluster },
  // Crossplane's own API groups: everything is cluster-scoped except v2's namespaced Usage.
  "apiextensions.crossplane.io": { other: allCluster },
  "pkg.crossplane.io": { other: allCluster },
  "ops.crossplane.io": { other: allCluster },
  "secrets.crossplane.io": { other: allCluster },
  "protection.crossplane.io": { cluster: ["ClusterUsage"], namespaced: ["Usage"] },
  "kyverno.io": {
    cluster: ["ClusterPolicy", "ClusterCleanupPolicy", "GlobalContextEntry"],
    namespaced: ["Policy", "CleanupPolicy", "PolicyException", "UpdateRequest"]
  },
  "policies.kyverno.io": {
    cluster: [
      "ValidatingPolicy",
      "MutatingPolicy",
      "ImageValidatingPolicy",
      "GeneratingPolicy",
      "DeletingPolicy"
    ],
    namespaced: [
      "PolicyException",
      "NamespacedValidatingPolicy",
      "NamespacedMutatingPolicy",
      "NamespacedImageValidatingPolicy",
      "NamespacedGeneratingPolicy",
      "NamespacedDeletingPolicy"
    ]
  },
  "reports.kyverno.io": { other: clusterPrefixed },
  "wgpolicyk8s.io": { other: clusterPrefixed },
  "openreports.io": { other: clusterPrefixed },
  "external-secrets.io": { other: clusterPrefixed },
  "generators.external-secrets.io": { other: clusterPrefixed },
  "cert-manager.io": { other: clusterPrefixed },
  "acme.cert-manager.io": { other: allNamespaced },
  "trust.cert-manager.io": { other: allCluster },
  "argoproj.io": {
    cluster: ["ClusterAnalysisTemplate", "ClusterWorkflowTemplate"],
    namespaced: [
      "Application",
      "ApplicationSet",
      "AppProject",
      "Rollout",
      "AnalysisTemplate",
      "AnalysisRun",
      "Experiment",
      "Workflow",
      "WorkflowTemplate",
      "CronWorkflow"
    ]
  },
  "core.oam.dev": { cluster: ["ResourceTracker"], other: allNamespaced },
  "workflow.oam.dev": { other: allNamespaced },
  "templates.gatekeeper.sh": { other: allCluster },
  "constraints.gatekeeper.sh": { other: allCluster },
  "mutations.gatekeeper.sh": { other: allCluster },
  "expansion.gatekeeper.sh": { other: allCluster },
  "externaldata.gatekeeper.sh": { other: allCluster },
  "monitoring.coreos.com": { other: allNamespaced },
  "bitnami.com": { namespaced: ["SealedSecret"] },
  "keda.sh": { other: clusterPrefixed }
};
function groupOf(apiVersion) {
  const slash = apiVersion.lastIndexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}
var PROVIDER_GROUP = /(^|\.)(upbound|crossplane)\.io$/;
var NAMESPACED_PROVIDER_GROUP = /(^|\.)m\.(upbound|crossplane)\.io$/;
function groupRuleScope(group, kind) {
  if (NAMESPACED_PROVIDER_GROUP.test(group)) return clusterPrefixed(kind);
  if (PROVIDER_GROUP.test(group)) return "Cluster";
  if (group.endsWith(".toolkit.fluxcd.io") || group.endsWith(".extensions.fluxcd.io"))
    return "Namespaced";
  if (group === "istio.io" || group.endsWith(".istio.io")) return "Namespaced";
  return void 0;
}
function listedScope(apiVersion, kind) {
  const group = groupOf(apiVersion);
  const known = Object.hasOwn(GROUPS, group) ? GROUPS[group] : void 0;
  if (!known) return void 0;
  if (known.cluster?.includes(kind)) return "Cluster";
  if (known.namespaced?.includes(kind)) return "Namespaced";
  return known.other?.(kind);
}
function conventionalScope(apiVersion, kind) {
  const byGroup = groupRuleScope(groupOf(apiVersion), kind);
  if (byGroup) return byGroup;
  return /^Cluster[A-Z]/.test(kind) ? "Cluster" : void 0;
}
function declarationCovers(declared, apiVersion) {
  if (declared.endsWith("/*")) return groupOf(apiVersion) === declared.slice(0, -2);
  return declared === apiVersion;
}
function declaredScope(declarations, apiVersion, kind) {
  const matching = declarations.filter(
    (d) => d.kind === kind && declarationCovers(d.apiVersion, apiVersion)
  );
  if (matching.length === 0) return void 0;
  return matching.some((d) => d.scope === "Cluster") ? "Cluster" : "Namespaced";
}
function platformKindDeclarations(platform) {
  return [
    ...platform?.spec.kinds ?? [],
    ...(platform?.spec.resourceTypes ?? []).map((t) => ({
      apiVersion: t.apiVersion,
      kind: t.kind,
      scope: "Namespaced"
    }))
  ];
}
function resolveScope(apiVersion, kind, fromDefinition, declarations = []) {
  const answers = [
    fromDefinition,
    listedScope(apiVersion, kind),
    declaredScope(declarations, apiVersion, kind)
  ].filter((s) => s !== void 0);
  if (answers.length === 0) return conventionalScope(apiVersion, kind);
  return answers.includes("Cluster") ? "Cluster" : "Namespaced";
}
function platformObjectReason(apiVersion, kind) {
  const group = groupOf(apiVersion);
  if (group === "argoproj.io" && ["Application", "ApplicationSet", "AppProject"].includes(kind))
    return `an Argo CD ${kind} chooses what is synced where and with which rights; it belongs in the Argo CD namespace, managed by the platform`;
  if (group.endsWith(".toolkit.fluxcd.io") || group.endsWith(".extensions.fluxcd.io"))
    return `a Flux ${kind} chooses what is applied where and with which service account; it belongs to the platform's Flux configuration`;
  if ((group === "kyverno.io" || group === "policies.kyverno.io") && kind === "PolicyException")
    return "a Kyverno PolicyException switches the platform policies off for the resources it matches";
  if (group === "core.oam.dev" && kind.endsWith("Definition"))
    return `a KubeVela ${kind} is CUE that the KubeVela controller renders and applies with its own cluster-wide rights`;
  if (group === "core.oam.dev" && (kind === "Policy" || kind === "Workflow") || group === "workflow.oam.dev")
    return `a KubeVela ${kind} can send Applications to other namespaces and clusters, or apply objects with the controller's rights`;
  return void 0;
}
function declareKindHint(apiVersion, kind) {
  return `Give its CRD (${inputRef("crds")} or the platform config's spec.crds), or declare it in the platform config: spec.kinds: [{ apiVersion: '${apiVersion}', kind: ${kind}, scope: Namespaced | Cluster }].`;
}

// shared/src/policy/finding.ts
function asPolicySeverity(value) {
  const word = value?.trim().toLowerCase();
  return word === "critical" || word === "high" || word === "medium" || word === "low" || word === "info" ? word : void 0;
}
function plainFinding(f) {
  if (Object.getPrototypeOf(f) === Object.prototype) return f;
  return {
    source: f.source,
    policy: f.policy,
    rule: f.rule,
    result: f.result,
    severity: f.severity,
    message: f.message,
    category: f.category,
    title: f.title,
    help: f.help,
    policySeverity: f.policySeverity,
    resource: f.resource,
    manifest: f.manifest,
    position: f.position,
    environment: f.environment
  };
}

export {
  checkRecordTarget,
  namespacePatternOf,
  matchesNamespacePattern,
  platformKindDeclarations,
  resolveScope,
  platformObjectReason,
  declareKindHint,
  asPolicySeverity,
  plainFinding
};
