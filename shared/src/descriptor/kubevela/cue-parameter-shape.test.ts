import { describe, expect, it } from '@jest/globals'
import { readCueParameters } from './cue-parameter-shape.js'
import { parameterDrift } from './cue-schema-drift.js'
import type { JSONSchema } from './schema-parts.js'

// A parameter block in the style of the upstream definitions: comments, defaults, enums, `[...T]`,
// `[string]: T`, a `#Definition`, an `if` block, `a: b: T` shorthand and an open `{...}` struct.
const definition = `
demo: {
	type: "trait"
	description: "not part of the parameter"
}
template: {
	outputs: svc: {
		// parameter.name is used here, but this is not the parameter field
		metadata: name: parameter.name
		status: #"""
			parameter: { bogus: string }
			"""#
	}
	parameter: {
		// +usage=The name // with a comment-like tail
		name: string
		kind: *"A" | "B" | "C"
		count?: int
		enabled: *false | bool
		tags: [...string]
		modes: *["x"] | [...string]
		labels?: [string]: string | null
		probe?: #Probe
		resources?: {
			requests: storage: =~"^[0-9]+Gi$"
		}
		data?: {...}
		items?: [...{
			type: *"a" | "b"
			if type == "b" {
				extra: string
			}
		}]
	}
	#Probe: {
		port: int
		period: *10 | int
	}
}
`

const schema = (): JSONSchema => ({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'tags'],
  properties: {
    name: { type: 'string' },
    kind: { type: 'string', enum: ['A', 'B', 'C'], default: 'A' },
    count: { type: 'integer' },
    enabled: { type: 'boolean', default: false },
    tags: { type: 'array', items: { type: 'string' } },
    modes: { type: 'array', items: { type: 'string' } },
    labels: { type: 'object', additionalProperties: { type: ['string', 'null'] } },
    probe: {
      type: 'object',
      additionalProperties: false,
      required: ['port'],
      properties: { port: { type: 'integer' }, period: { type: 'integer', default: 10 } }
    },
    resources: {
      type: 'object',
      additionalProperties: false,
      required: ['requests'],
      properties: {
        requests: {
          type: 'object',
          additionalProperties: false,
          required: ['storage'],
          properties: { storage: { type: 'string', pattern: '^[0-9]+Gi$' } }
        }
      }
    },
    data: { type: 'object' },
    items: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          type: { type: 'string', enum: ['a', 'b'], default: 'a' },
          extra: { type: 'string' }
        }
      }
    }
  }
})

/** A fresh copy of the schema with the value at `path` replaced, or deleted when `value` is undefined. */
function mutated(path: readonly string[], value: unknown): JSONSchema {
  const copy = structuredClone(schema())
  let node = copy as Record<string, unknown>
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>
  const last = path[path.length - 1]!
  if (value === undefined) delete node[last]
  else node[last] = value
  return copy
}

describe('readCueParameters + parameterDrift', () => {
  const cue = readCueParameters(definition)

  it('reads the template-level parameter block, not strings or references elsewhere', () => {
    expect(cue.parameter.kind).toBe('struct')
    if (cue.parameter.kind !== 'struct') return
    expect([...cue.parameter.fields.keys()]).toEqual([
      'name',
      'kind',
      'count',
      'enabled',
      'tags',
      'modes',
      'labels',
      'probe',
      'resources',
      'data',
      'items'
    ])
    expect([...cue.definitions.keys()]).toEqual(['#Probe'])
  })

  it('finds no drift for a schema that matches', () => {
    expect(parameterDrift(cue, schema())).toEqual([])
  })

  it.each([
    ['a missing field', ['properties', 'count'], undefined, 'parameter: schema lacks count'],
    [
      'an extra field',
      ['properties', 'port'],
      { type: 'integer' },
      'parameter: schema has port, which CUE does not'
    ],
    [
      'a dropped required',
      ['required'],
      ['name'],
      'parameter: CUE requires "name", "tags", schema requires "name"'
    ],
    [
      'an enum change',
      ['properties', 'kind', 'enum'],
      ['A', 'B'],
      'parameter.kind: CUE values "A", "B", "C", schema enum "A", "B"'
    ],
    [
      'a default change',
      ['properties', 'enabled', 'default'],
      true,
      'parameter.enabled: CUE default false, schema default true'
    ],
    [
      'int as number',
      ['properties', 'count', 'type'],
      'number',
      'parameter.count: CUE type "integer", schema type "number"'
    ],
    [
      'a nested definition field',
      ['properties', 'probe', 'properties', 'period'],
      undefined,
      'parameter.probe: schema lacks period'
    ],
    [
      'an open struct closed',
      ['properties', 'data', 'additionalProperties'],
      false,
      'parameter.data: CUE struct is open (...), schema is closed'
    ],
    [
      'a closed struct opened',
      ['additionalProperties'],
      undefined,
      'parameter: CUE struct is closed, schema is open'
    ],
    [
      'a map value type',
      ['properties', 'labels', 'additionalProperties'],
      { type: 'string' },
      'parameter.labels[*]: CUE type "string", "null", schema type "string"'
    ],
    [
      'a pattern change',
      ['properties', 'resources', 'properties', 'requests', 'properties', 'storage', 'pattern'],
      '.*',
      'parameter.resources.requests.storage: CUE pattern ^[0-9]+Gi$, schema .*'
    ],
    [
      'a conditional field',
      ['properties', 'items', 'items', 'properties', 'extra'],
      undefined,
      'parameter.items[]: schema lacks extra'
    ]
  ] as const)('reports %s', (_label, path, value, expected) => {
    expect(parameterDrift(cue, mutated(path, value))).toEqual([expected])
  })

  it('reports a block it cannot find', () => {
    expect(() => readCueParameters('template: { output: {} }')).toThrow(
      'no template-level `parameter:`'
    )
  })
})
