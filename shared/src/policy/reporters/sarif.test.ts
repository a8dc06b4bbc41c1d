import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { ResultSet } from '../result-set.js'
import { fingerprintOf, SARIF_MAX_RESULTS, sarifLog } from './sarif.js'
import { app, plainSecret, registry, results } from './testdata.js'

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv) => Ajv

describe('SARIF', () => {
  const log = sarifLog(results)

  it('is valid against the SARIF 2.1.0 schema', () => {
    // The OASIS schema (2.1.0 rtm.5) as shipped in @microsoft/jest-sarif; it is draft-04, whose only
    // difference that matters here is `id` for `$id`.
    const require = createRequire(import.meta.url)
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json')
    const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8'))
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true, unicodeRegExp: false }))
    const validate = ajv.compile({ ...schema, $id: id })
    expect(validate(log) ? [] : validate.errors).toEqual([])
    // And the schema is strict enough to catch a broken log.
    expect(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] })).toBe(false)
  })

  it('has rules with help and located results with stable fingerprints', () => {
    expect(log).toEqual({
      $schema:
        'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'idp validate-policy',
              rules: [
                {
                  id: 'crd-schema/schema',
                  name: 'CrdSchemaSchema',
                  shortDescription: { text: 'crd-schema schema' },
                  fullDescription: { text: 'crd-schema schema' },
                  help: { text: 'crd-schema schema' },
                  defaultConfiguration: { level: 'error' },
                  properties: { tags: ['schema'] }
                },
                {
                  id: 'guardrails/image-registry',
                  name: 'GuardrailsImageRegistry',
                  shortDescription: { text: "Images from the platform's registries" },
                  fullDescription: { text: 'Every image must come from an allowed registry.' },
                  help: { text: 'Every image must come from an allowed registry.' },
                  defaultConfiguration: { level: 'error' },
                  properties: { tags: ['guardrail', 'Platform guardrails'] }
                },
                {
                  id: 'guardrails/no-plain-secret',
                  name: 'GuardrailsNoPlainSecret',
                  shortDescription: { text: 'guardrails no-plain-secret' },
                  fullDescription: { text: 'guardrails no-plain-secret' },
                  help: { text: 'guardrails no-plain-secret' },
                  defaultConfiguration: { level: 'warning' },
                  properties: { tags: ['guardrail'] }
                }
              ]
            }
          },
          automationDetails: { id: 'idp-policy/' },
          results: [
            {
              ruleId: 'guardrails/image-registry',
              ruleIndex: 1,
              level: 'error',
              message: {
                text: "Image 'docker.io/x:1' is not from an allowed registry (ghcr.io/acme/). (rendered: rendered/dev/application.yaml /spec/components/0/properties/image)"
              },
              partialFingerprints: { 'idpFinding/v1': fingerprintOf(registry) },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'idp.yaml' },
                    region: { startLine: 10, startColumn: 14 }
                  }
                }
              ],
              properties: {
                environment: 'dev',
                manifest: 'rendered/dev/application.yaml#/spec/components/0/properties/image',
                resource: 'Application/checkout'
              }
            },
            {
              ruleId: 'guardrails/no-plain-secret',
              ruleIndex: 2,
              level: 'warning',
              message: { text: "Secret 'db' is a plain Secret." },
              partialFingerprints: { 'idpFinding/v1': fingerprintOf(plainSecret) },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: 'rendered/dev/secret.yaml' },
                    region: { startLine: 2, startColumn: 7 }
                  }
                }
              ],
              properties: {
                environment: 'dev',
                manifest: 'rendered/dev/secret.yaml#/kind',
                resource: 'Secret/db'
              }
            }
          ]
        }
      ]
    })
  })

  it('keeps at most the 25,000 most severe results code scanning accepts, and says how many it left out', () => {
    const many = new ResultSet([
      ...Array.from({ length: SARIF_MAX_RESULTS }, (_, i) => ({
        ...plainSecret,
        message: `w${i}`
      })),
      { ...registry }
    ])
    const run = (sarifLog(many).runs as { results: { level: string }[]; properties?: unknown }[])[0]
    expect(run.results).toHaveLength(SARIF_MAX_RESULTS)
    expect(run.results[0].level).toBe('error')
    expect(run.properties).toEqual({ omittedResults: 1 })
  })

  it('fingerprints ignore lines and messages but not the resource or field', () => {
    const moved = {
      ...registry,
      position: { file: 'idp.yaml', line: 40, column: 2 },
      message: 'changed'
    }
    expect(fingerprintOf(moved)).toBe(fingerprintOf(registry))
    expect(fingerprintOf({ ...registry, resource: { ...app, name: 'other' } })).not.toBe(
      fingerprintOf(registry)
    )
    expect(fingerprintOf(registry)).toMatch(/^[0-9a-f]{32}$/)
  })
})
