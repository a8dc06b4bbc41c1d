// Checks the hand-written schemas against the upstream CUE definitions copied under
// ../shared/schemas/kubevela/definitions/cue/ (KubeVela master 5a44b5f), so that upstream drift is caught.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { readCueParameters, type CueShape } from './cue-parameter-shape.js'
import { parameterDrift } from './cue-schema-drift.js'
import { builtinComponentTypes, builtinTraitTypes, type JSONSchema } from './index.js'

const cueDir = fileURLToPath(
  new URL('../../../../../shared/schemas/kubevela/definitions/cue/', import.meta.url)
)

// Where the schemas are deliberately stricter than the CUE (each with its reason in trait-types.ts).
const knownDrift: Record<string, string[]> = {
  env: [
    // The template errors on an empty containerName in the `containers` form; the schema requires it.
    'parameter<1>.containers[]: CUE requires "env", schema requires "containerName", "env"',
    'parameter<1>.containers[].containerName: CUE default "", schema default undefined'
  ]
}

/** Top-level parameter names: the fields of the struct, or of every struct alternative. */
function cueTopLevelNames(shape: CueShape, definitions: ReadonlyMap<string, CueShape>): string[] {
  if (shape.kind === 'ref') return cueTopLevelNames(definitions.get(shape.name)!, definitions)
  if (shape.kind === 'disjunction')
    return shape.options.flatMap(o => cueTopLevelNames(o, definitions))
  return shape.kind === 'struct' ? [...shape.fields.keys()] : []
}

function schemaTopLevelNames(schema: JSONSchema): string[] {
  const own = Object.keys((schema.properties as object | undefined) ?? {})
  const branches = ((schema.oneOf ?? schema.anyOf) as JSONSchema[] | undefined) ?? []
  return [...own, ...branches.flatMap(schemaTopLevelNames)]
}

const sorted = (names: string[]) => [...new Set(names)].sort()

const cases = [
  ...Object.entries(builtinComponentTypes).map(([name, schema]) => ({
    kind: 'component',
    name,
    schema
  })),
  ...Object.entries(builtinTraitTypes).map(([name, schema]) => ({ kind: 'trait', name, schema }))
]

describe.each(cases)('$kind $name', ({ kind, name, schema }) => {
  const cue = readCueParameters(readFileSync(`${cueDir}${kind}/${name}.cue`, 'utf8'))

  it('declares exactly the top-level parameters of the CUE block', () => {
    expect(sorted(schemaTopLevelNames(schema))).toEqual(
      sorted(cueTopLevelNames(cue.parameter, cue.definitions))
    )
  })

  it('matches the CUE block field by field (required, enums, defaults, types, closedness)', () => {
    expect(parameterDrift(cue, schema)).toEqual(knownDrift[name] ?? [])
  })
})

it('labels and annotations take a string-or-null map, as their CUE says', () => {
  for (const trait of ['labels', 'annotations']) {
    const cue = readCueParameters(readFileSync(`${cueDir}trait/${trait}.cue`, 'utf8'))
    expect(cue.parameter).toMatchObject({ kind: 'struct', pattern: { kind: 'disjunction' } })
  }
})
