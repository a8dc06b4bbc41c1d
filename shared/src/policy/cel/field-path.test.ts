import { describe, expect, it } from '@jest/globals'
import { fieldPathToPointer } from './field-path.js'

describe('fieldPathToPointer', () => {
  it('turns a validation fieldPath into a JSON pointer', () => {
    expect(fieldPathToPointer('spec.containers[0].image')).toBe('/spec/containers/0/image')
    expect(fieldPathToPointer(".metadata.labels['app.kubernetes.io/name']")).toBe(
      '/metadata/labels/app.kubernetes.io~1name'
    )
    expect(fieldPathToPointer('spec.replicas')).toBe('/spec/replicas')
  })
  it('gives undefined for what it cannot read (the finding stays on the resource)', () => {
    expect(fieldPathToPointer('spec..[x')).toBeUndefined()
    expect(fieldPathToPointer(undefined)).toBeUndefined()
  })
})
