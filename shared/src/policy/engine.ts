import type { PlatformConfig } from '../descriptor/types.js'
import type { RenderRecord } from '../render/record.js'
import type { Logger } from '../runtime/logger.js'
import type { Finding } from './finding.js'

/** One Kubernetes object read from a manifest file, with a way back to its lines. */
export interface Manifest {
  /** Path as the user named it (repo-relative when possible). */
  readonly file: string
  /** Index of the document inside a multi-document file. */
  readonly documentIndex: number
  readonly object: Readonly<Record<string, unknown>>
  /** Line/column (1-based) of the node at an RFC 6901 pointer, or of the closest existing parent. */
  positionOf(pointer: string): { line: number; column: number }
  /** The render record of the environment folder the file sits in, when there is one. */
  readonly render?: { readonly record: RenderRecord; readonly fileInRender: string }
  /**
   * Set for an object inside another one (a List's `items`, a KubeVela `k8s-objects` component's
   * `properties.objects`): its pointer in the document, which `positionOf` and source-map lookups add,
   * and what holds it (an object of a `k8s-objects` component takes the Application's namespace).
   */
  readonly embedded?: { readonly at: string; readonly holder: 'list' | 'k8s-objects' }
}

export interface EvaluationContext {
  readonly environment?: string
  /** The namespace the environment's resources must live in. */
  readonly namespace?: string
  readonly platform?: PlatformConfig
  readonly logger: Logger
}

/** Every validation engine (CRD schemas, ESO webhook rules, guardrails, Kyverno, CEL) has this shape. */
export interface PolicyEngine {
  readonly name: string
  evaluate(manifests: readonly Manifest[], context: EvaluationContext): Promise<Finding[]>
}
