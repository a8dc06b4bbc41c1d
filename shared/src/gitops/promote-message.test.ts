import { describe, expect, it } from '@jest/globals'
import type { RenderRecord } from '../render/record.js'
import { isUserError } from '../runtime/errors.js'
import { renderCommitMessage } from './promote-message.js'

const RECORD = {
  service: 'shop',
  environment: 'dev',
  namespace: 'shop-dev',
  owner: 'team-shop',
  source: { descriptor: 'idp.yaml' },
  images: {},
  digest: `sha256:${'a'.repeat(64)}`,
  renderer: { name: 'idp', version: '0.1.0' },
  files: [],
  sourceMap: []
} as RenderRecord

describe('renderCommitMessage placeholders', () => {
  it('fills the known ones', () => {
    expect(renderCommitMessage('promote {service} to {environment}', RECORD, undefined)).toMatch(
      /^promote shop to dev\n/
    )
  })

  it.each(['constructor', 'tostring', 'valueof'])(
    'refuses {%s} instead of writing a JavaScript function into the commit',
    name => {
      let error: unknown
      try {
        renderCommitMessage(`promote {${name}}`, RECORD, undefined)
      } catch (caught) {
        error = caught
      }
      expect(isUserError(error)).toBe(true)
      expect((error as Error).message).toContain(`{${name}}, which is not a known placeholder`)
    }
  )
})
