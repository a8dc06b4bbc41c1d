/** Container image references, by the grammar of distribution/reference. */

const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])'
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*'
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`
const TAG = '[\\w][\\w.-]{0,127}'
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}'
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`)

export interface ImageReference {
  /** Registry and repository, without tag or digest (e.g. `ghcr.io/acme/checkout`). */
  readonly repository: string
  readonly tag?: string
  readonly digest?: string
}

export function parseImageReference(reference: string): ImageReference | { error: string } {
  const match = REFERENCE.exec(reference)
  if (!match || match[1].length > 255) {
    return {
      error: `'${reference}' is not a valid image reference; expected registry/repository[:tag][@sha256:digest] in lower case, e.g. ghcr.io/acme/checkout:1.4.2.`
    }
  }
  return { repository: match[1], tag: match[2], digest: match[3] }
}

/** Whether the reference pins content by a sha256 digest. */
export function isDigestPinned(reference: ImageReference): boolean {
  return reference.digest !== undefined && /^sha256:[0-9a-f]{64}$/.test(reference.digest)
}
