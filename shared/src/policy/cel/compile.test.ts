// The CEL compiler over cel-js: the gaps it closes with cel-go as Kubernetes configures it.
import { describe, expect, it } from '@jest/globals'
import { CelCompileError, compileCel } from './compile.js'
import { kyvernoBindings } from './libraries/kyverno.js'
import { toCel } from './values.js'

const run = (expression: string, vars: Record<string, unknown> = {}) =>
  compileCel(expression).evaluate({ ...kyvernoBindings({}), ...vars })
const object = toCel({
  metadata: { name: 'web', labels: { tier: 'Front' } },
  spec: { replicas: 3, ratio: 0.5, containers: [{ name: 'a', image: 'nginx:1.25' }] }
})

describe('compileCel', () => {
  it('whole YAML numbers are CEL int, as Kubernetes decodes them (type(x) == int, int == double)', () => {
    expect(run('type(object.spec.replicas) == int', { object })).toBe(true)
    expect(run('object.spec.replicas + 1', { object })).toBe(4n)
    expect(run('type(object.spec.ratio) == double', { object })).toBe(true)
    expect(run('object.spec.replicas == 3.0', { object })).toBe(true)
  })
  it('matches runs RE2: (?i) flags, \\z and POSIX classes work; JavaScript-only syntax does not', () => {
    expect(run("object.metadata.labels.tier.matches('(?i)^front\\\\z')", { object })).toBe(true)
    expect(run("'abc'.matches('^[[:alpha:]]+$')")).toBe(true)
    expect(run("matches('abc', '^a')")).toBe(true)
    // Lookahead is not RE2: an error, as in cel-go, never a silent JavaScript answer.
    expect(() => run("'abc'.matches('a(?=b)')")).toThrow()
  })
  it('has() accepts a computed receiver (cel-go allows presence tests on any map value)', () => {
    const fixtures = kyvernoBindings({
      images: [{ image: 'nginx:1.25', config: { created: 'x' } }]
    })
    expect(run("has(image.GetMetadata('nginx:1.25').config.created)", fixtures)).toBe(true)
    expect(run("has(image.GetMetadata('nginx:1.25').config.Volumes)", fixtures)).toBe(false)
    expect(run('!has(object.spec.containers[0].ports)', { object })).toBe(true)
  })
  it('orValue on a present non-optional value yields it; on an optional it is the usual orValue', () => {
    expect(run('object.spec.containers.orValue([]).size()', { object })).toBe(1n)
    expect(run('object.spec.?volumes.orValue([]).size()', { object })).toBe(0n)
    expect(run("object.metadata.?labels[?'x'].orValue('d')", { object })).toBe('d')
    // A missing field stays an error: orValue does not invent absence.
    expect(() => run('object.spec.volumes.orValue([])', { object })).toThrow(/volumes/)
  })
  it('optional chains stay optional after .? (a.?b.c is none when b.c is absent)', () => {
    expect(run("object.?spec.nope.orValue('none')", { object })).toBe('none')
  })
  it('a syntax error is a CelCompileError; programs are compiled once per text', () => {
    expect(() => compileCel('object.spec.(')).toThrow(CelCompileError)
    expect(compileCel('1 + 1')).toBe(compileCel('1 + 1'))
  })
})
