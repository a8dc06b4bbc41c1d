// Reading CEL policy documents and fixtures from files: the CEL policy kinds in a policy file (other
// documents are left to the Kyverno reader), and the `kyverno test` `Context` file
// (`cli.kyverno.io/v1alpha1`, `spec.resources` for `resource.Get/List`, `spec.images` for image data).
import { readYamlDocuments } from '../kyverno/test-files.js'
import type { CelDocument } from './policies.js'
import { celDocumentFromObject } from './policies.js'
import type { CelFixtures } from './libraries/kyverno.js'

type Obj = Record<string, unknown>

const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Every CEL policy, binding and CEL PolicyException in a YAML file. */
export function readCelDocuments(path: string, display = path): CelDocument[] {
  return readYamlDocuments(path).flatMap(({ value, line }) => {
    if (!isMap(value)) return []
    const doc = celDocumentFromObject(value, display, line)
    return doc ? [doc] : []
  })
}

/** A `kyverno test` Context file as fixtures for Kyverno's CEL libraries. */
export function readCelContext(path: string): CelFixtures {
  const resources: Obj[] = []
  const images: Obj[] = []
  for (const { value } of readYamlDocuments(path)) {
    const spec = isMap(value) && isMap(value.spec) ? value.spec : {}
    if (Array.isArray(spec.resources)) resources.push(...spec.resources.filter(isMap))
    if (Array.isArray(spec.images)) images.push(...spec.images.filter(isMap))
  }
  return { resources, images }
}
