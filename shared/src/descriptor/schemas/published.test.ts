import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { IDP_VERSION } from '../../version.js'
import { publishedSchemas } from './published.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..')

describe('published files', () => {
  it.each(Object.keys(publishedSchemas))(
    'schemas/%s equals its source (run `npx tsx scripts/generate-schemas.ts`)',
    file => {
      expect(JSON.parse(readFileSync(join(root, 'schemas', file), 'utf8'))).toEqual(
        publishedSchemas[file]
      )
    }
  )

  it('records the package version in renders', () => {
    expect(IDP_VERSION).toBe(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version)
  })
})
