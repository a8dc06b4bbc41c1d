import type { Position } from '../runtime/errors.js'

/** The file under each rendered environment folder that records provenance and the source map. */
export const RENDER_RECORD_PATH = '.idp/render.json'

/** One rendered field that came from the descriptor. */
export interface SourceMapEntry {
  /** The rendered file, relative to the environment folder (e.g. `application.yaml`). */
  readonly file: string
  /** RFC 6901 JSON pointer into that file's document (e.g. `/spec/components/0/properties/image`). */
  readonly pointer: string
  /** Where in the descriptor the value was written (an override's line, when overridden). */
  readonly source: Position
}

/** `.idp/render.json`: what was rendered, from what, by whom; read by validate, promote and catalog. */
export interface RenderRecord {
  readonly service: string
  readonly environment: string
  /** Namespace the environment's manifests target. */
  readonly namespace: string
  readonly owner: string
  readonly source: {
    /** `owner/name` or a URL; from `GITHUB_REPOSITORY` or the checkout's remote. */
    readonly repository?: string
    readonly commit?: string
    /** ISO 8601 committer time of `commit`, from the checkout. */
    readonly commitTime?: string
    /** `GITHUB_RUN_NUMBER` when present. */
    readonly runNumber?: number
    readonly runUrl?: string
    /** The descriptor file, relative to the workspace. */
    readonly descriptor: string
  }
  /** Component name → image reference exactly as supplied. */
  readonly images: Readonly<Record<string, string>>
  /** `sha256:<hex>` over the rendered files (names and bytes), excluding `.idp/`. */
  readonly digest: string
  readonly renderer: { readonly name: 'idp'; readonly version: string }
  /** Rendered file names, sorted. */
  readonly files: readonly string[]
  readonly sourceMap: readonly SourceMapEntry[]
}
