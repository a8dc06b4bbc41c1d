import { inputRef, inputRefStart } from '../runtime/surface.js'
import type { EffectiveComponent } from '../descriptor/effective.js'
import { isDigestPinned, parseImageReference } from '../descriptor/image-reference.js'
import type { EnvironmentConfig } from '../descriptor/types.js'
import type { PathSegment } from '../descriptor/yaml-file.js'
import type { Position, Problem } from '../runtime/errors.js'
import { UserError } from '../runtime/errors.js'

/** The `image` input: one reference for a single component, or `name=reference` lines for several. */
export interface ImageInput {
  readonly single?: string
  readonly named: ReadonlyMap<string, string>
}

export function parseImageInput(text: string | undefined): ImageInput {
  // Lines, commas or spaces separate entries (no image reference holds either); a `#` line is a comment.
  const lines = (text ?? '')
    .split('\n')
    .filter(l => !l.trim().startsWith('#'))
    .join('\n')
    .replace(/\s*=\s*/g, '=')
    .split(/[\s,]+/)
    .filter(l => l.length > 0)
  const named = new Map<string, string>()
  let single: string | undefined
  const problems: Problem[] = []
  for (const line of lines) {
    const eq = line.indexOf('=')
    const reference = eq >= 0 ? line.slice(eq + 1).trim() : line
    const parsed = parseImageReference(reference)
    if ('error' in parsed) {
      problems.push({ message: `${inputRefStart('image')}: ${parsed.error}` })
      continue
    }
    if (eq >= 0) {
      const name = line.slice(0, eq).trim()
      if (named.has(name))
        problems.push({ message: `${inputRefStart('image')} names component '${name}' twice.` })
      named.set(name, reference)
    } else if (single !== undefined || lines.length > 1) {
      problems.push({
        message: `${inputRefStart('image')} has several references without component names.`,
        hint: 'Write one `component=reference` line per component.'
      })
      break
    } else single = reference
  }
  if (problems.length > 0) throw new UserError(problems)
  return { single, named }
}

/**
 * The image each component runs in this environment: exactly what was supplied, else the descriptor's
 * own reference when it carries a tag or digest. Environments that require digests reject anything else.
 */
export function resolveImages(
  components: readonly EffectiveComponent[],
  input: ImageInput,
  environment: EnvironmentConfig,
  needsImage: (component: EffectiveComponent) => boolean,
  positionOf: (path: readonly PathSegment[]) => Position
): { images: Map<string, string>; problems: Problem[] } {
  const problems: Problem[] = []
  const images = new Map<string, string>()
  for (const name of input.named.keys()) {
    if (!components.some(c => c.name === name)) {
      problems.push({
        message: `${inputRefStart('image')} names component '${name}', which the descriptor does not define.`,
        hint: `Components: ${components.map(c => c.name).join(', ')}.`
      })
    }
  }
  const wanting = components.filter(needsImage)
  let singleTarget: EffectiveComponent | undefined
  if (input.single !== undefined) {
    const supplied = parseImageReference(input.single) as { repository: string }
    const sameRepository = wanting.filter(
      c => c.image && repositoryOf(c.image.value) === supplied.repository
    )
    singleTarget =
      wanting.length === 1
        ? wanting[0]
        : sameRepository.length === 1
          ? sameRepository[0]
          : undefined
    if (!singleTarget) {
      problems.push({
        message: `${inputRefStart('image')} is one reference (${input.single}) but ${wanting.length} components take an image and it does not match exactly one of their repositories.`,
        hint: `Write one line per component: ${wanting.map(c => `${c.name}=<reference>`).join(', ')}.`
      })
    }
  }
  for (const component of wanting) {
    const where = component.image
      ? positionOf(component.image.path)
      : positionOf([...component.path, 'name'])
    const supplied =
      input.named.get(component.name) ?? (singleTarget === component ? input.single : undefined)
    const reference = supplied ?? component.image?.value
    if (reference === undefined) {
      problems.push({
        message: `Component '${component.name}' has no image: the descriptor gives none and ${inputRef('image')} supplies none.`,
        position: where,
        hint: `Pass image: ${component.name}=<registry/repository:tag or @sha256:digest>.`
      })
      continue
    }
    const parsed = parseImageReference(reference)
    if ('error' in parsed) continue // reported by the descriptor check or the input parser
    if (supplied && component.image && parsed.repository !== repositoryOf(component.image.value)) {
      problems.push({
        message: `The supplied image ${supplied} for component '${component.name}' is not from its repository ${repositoryOf(component.image.value)}.`,
        position: where,
        hint: 'Supply an image of the same repository, or change the descriptor.'
      })
      continue
    }
    if (!parsed.tag && !parsed.digest) {
      problems.push({
        message: `Component '${component.name}' image ${reference} has neither a tag nor a digest (it would run whatever 'latest' is).`,
        position: where,
        hint: `Pass the built image as ${inputRef('image')}, e.g. ${parsed.repository}@sha256:<digest>.`
      })
      continue
    }
    if (environment.requireDigest && !isDigestPinned(parsed)) {
      problems.push({
        message: `Environment '${environment.name}' requires images pinned by digest, but component '${component.name}' has ${reference}.`,
        position: where,
        hint: `Supply ${parsed.repository}@sha256:<digest> (the digest your build pushed).`
      })
      continue
    }
    images.set(component.name, reference)
  }
  return { images, problems }
}

function repositoryOf(reference: string): string | undefined {
  const parsed = parseImageReference(reference)
  return 'error' in parsed ? undefined : parsed.repository
}
