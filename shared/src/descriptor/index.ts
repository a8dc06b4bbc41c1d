export type * from './types.js'
export { loadDescriptor, type LoadedDescriptor } from './service.js'
export {
  loadPlatform,
  loadPlatformConfig,
  environmentConfig,
  selectEnvironments,
  namespaceFor,
  resolveGitopsTarget,
  displayPath,
  DEFAULT_GITOPS_PATH,
  type LoadedPlatform,
  type ResolvedGitopsTarget
} from './platform.js'
export { effectiveService, type EffectiveService, type EffectiveComponent } from './effective.js'
export { parseImageReference, isDigestPinned, type ImageReference } from './image-reference.js'
export { resourceType, typeSchema } from './type-registry.js'
export { fillPattern } from './patterns.js'
export { secretTargetName, connectionSecretName } from './env-wiring.js'
export type { PathSegment, YamlSource } from './yaml-file.js'
