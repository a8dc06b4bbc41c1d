import { describe, expect, it } from '@jest/globals'
import { catalogErrorText } from './client.js'
import type { CatalogEntity } from './entities.js'
import { showsGeneratedContent } from './register-backstage.js'

const generated: CatalogEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'checkout-api', annotations: { 'idp.dev/env.dev.version': '1.0.0' } },
  spec: {
    type: 'openapi',
    owner: 'group:default/team-payments',
    dependsOn: ['resource:default/b', 'resource:default/a'],
    definition: { $text: 'http://127.0.0.1/openapi.yaml' }
  }
}

describe('showsGeneratedContent', () => {
  const stored = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'API',
    metadata: {
      name: 'checkout-api',
      namespace: 'default',
      etag: 'x',
      annotations: {
        'idp.dev/env.dev.version': '1.0.0',
        'backstage.io/managed-by-location': 'url:http://127.0.0.1/catalog-info.yaml'
      }
    },
    spec: {
      type: 'openapi',
      owner: 'group:default/team-payments',
      dependsOn: ['resource:default/a', 'resource:default/b'],
      definition: 'openapi: 3.0.3\n'
    }
  }

  it('accepts the catalog copy: its own annotations, reordered refs, substituted placeholders', () => {
    expect(showsGeneratedContent(stored, generated)).toBe(true)
  })

  it('notices a changed field or annotation', () => {
    expect(
      showsGeneratedContent({ ...stored, spec: { ...stored.spec, type: 'grpc' } }, generated)
    ).toBe(false)
    expect(
      showsGeneratedContent(
        {
          ...stored,
          metadata: { ...stored.metadata, annotations: { 'idp.dev/env.dev.version': '0.9.0' } }
        },
        generated
      )
    ).toBe(false)
  })
})

describe('catalogErrorText', () => {
  it('reads the generic envelope and the validate-entity list', () => {
    expect(
      catalogErrorText({
        error: { name: 'AuthenticationError', message: 'Illegal token' },
        response: { statusCode: 401 }
      })
    ).toBe('AuthenticationError: Illegal token')
    expect(
      catalogErrorText({
        errors: [
          {
            name: 'InputError',
            message: 'Policy check failed',
            cause: { message: '"metadata.name" is not valid' }
          }
        ]
      })
    ).toBe('Policy check failed Caused by: "metadata.name" is not valid')
    expect(catalogErrorText(undefined)).toBeUndefined()
  })
})
