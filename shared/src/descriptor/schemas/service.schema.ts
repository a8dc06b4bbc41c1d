/** JSON Schema of `idp.yaml` (`kind: Service`); published as `schemas/service.schema.json`. */

const dnsLabel = {
  type: 'string',
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
  maxLength: 63,
  description:
    'a DNS-1123 label (lower-case letters, digits and -, starting and ending with a letter or digit, at most 63 characters)'
} as const

const envName = {
  type: 'string',
  pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
  description: 'an environment variable name (letters, digits and _, not starting with a digit)'
} as const

const envValue = { type: ['string', 'number', 'boolean'] } as const

// Real services set tens of variables; a cap keeps a hostile descriptor from making render and the
// cluster carry tens of thousands.
const envMap = {
  type: 'object',
  maxProperties: 1000,
  propertyNames: envName,
  additionalProperties: envValue
} as const

const port = {
  anyOf: [
    { type: 'integer', minimum: 1, maximum: 65535 },
    {
      type: 'object',
      required: ['port'],
      additionalProperties: false,
      properties: {
        port: { type: 'integer', minimum: 1, maximum: 65535 },
        expose: { type: 'boolean' },
        name: { type: 'string' },
        protocol: { enum: ['TCP', 'UDP', 'SCTP'] }
      }
    }
  ]
} as const

const properties = { type: 'object' } as const

// External Secrets reads refreshInterval as a Go duration (time.ParseDuration); `0` turns refresh off.
const goDuration = {
  type: 'string',
  pattern: '^(0|(([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+)$',
  description: 'a Go duration such as 1h or 15m (units ns, us, ms, s, m, h; no d)'
} as const

// The reference grammar is checked with a clear message when images are resolved.
const image = { type: 'string', minLength: 1 } as const

export const serviceSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://idp.dev/schemas/service.schema.json',
  title: 'idp service descriptor (idp.yaml)',
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'idp.dev/v1alpha1' },
    kind: { const: 'Service' },
    metadata: {
      type: 'object',
      required: ['name', 'owner'],
      additionalProperties: false,
      properties: {
        name: dnsLabel,
        owner: {
          type: 'string',
          pattern:
            '^((group|user):)?([a-z0-9]([-a-z0-9]*[a-z0-9])?/)?[a-zA-Z0-9]([-_.a-zA-Z0-9]*[a-zA-Z0-9])?$',
          description:
            'a Backstage group name or entity ref (team-payments, group:default/team-payments)'
        },
        system: dnsLabel,
        description: { type: 'string' },
        lifecycle: {
          type: 'string',
          pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
          description: 'a lifecycle word such as experimental, production or deprecated'
        },
        tags: {
          type: 'array',
          items: {
            type: 'string',
            pattern: '^[a-z0-9:+#]+(-[a-z0-9:+#]+)*$',
            maxLength: 63,
            description: 'a catalog tag (lower-case words joined by -)'
          }
        },
        links: {
          type: 'array',
          items: {
            type: 'object',
            required: ['url'],
            additionalProperties: false,
            properties: {
              url: { type: 'string', format: 'uri' },
              title: { type: 'string' },
              icon: { type: 'string' }
            }
          }
        },
        annotations: { type: 'object', additionalProperties: { type: 'string' } },
        dependsOn: { type: 'array', items: { type: 'string' } },
        docs: { type: 'string' }
      }
    },
    spec: {
      type: 'object',
      required: ['components'],
      additionalProperties: false,
      properties: {
        components: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['name', 'type'],
            additionalProperties: false,
            properties: {
              name: dnsLabel,
              type: { type: 'string', minLength: 1 },
              image,
              ports: { type: 'array', items: port },
              env: envMap,
              properties,
              traits: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['type'],
                  additionalProperties: false,
                  properties: { type: { type: 'string', minLength: 1 }, properties }
                }
              },
              dependsOn: { type: 'array', items: dnsLabel }
            }
          }
        },
        secrets: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'store', 'data'],
            additionalProperties: false,
            properties: {
              name: dnsLabel,
              store: { type: 'string', minLength: 1 },
              refreshInterval: goDuration,
              data: {
                type: 'object',
                minProperties: 1,
                propertyNames: {
                  type: 'string',
                  pattern: '^[-._a-zA-Z0-9]+$',
                  maxLength: 253,
                  description: 'a Secret key (letters, digits, -, _ and .)'
                },
                additionalProperties: {
                  type: 'object',
                  minProperties: 1,
                  additionalProperties: false,
                  description:
                    'key (and property, version): where the value lives in an External Secrets store; sealed: the value sealed per environment for environments that map the store to Sealed Secrets',
                  properties: {
                    key: { type: 'string', minLength: 1 },
                    property: { type: 'string' },
                    version: { type: 'string' },
                    sealed: {
                      type: 'object',
                      minProperties: 1,
                      propertyNames: dnsLabel,
                      additionalProperties: {
                        type: 'string',
                        minLength: 1,
                        description: 'the value as `idp secret seal` prints it (base64)'
                      }
                    }
                  }
                }
              }
            }
          }
        },
        resources: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'type'],
            additionalProperties: false,
            properties: {
              name: dnsLabel,
              type: { type: 'string', minLength: 1 },
              properties,
              catalogName: {
                ...dnsLabel,
                description:
                  'the Resource entity name in the catalog (default <service>-<name>; catalog names are shared by every service)'
              }
            }
          }
        },
        apis: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'type', 'definition'],
            additionalProperties: false,
            properties: {
              name: dnsLabel,
              type: { enum: ['openapi', 'asyncapi', 'graphql', 'grpc'] },
              definition: { type: 'string', minLength: 1 },
              description: { type: 'string' },
              lifecycle: { type: 'string' },
              catalogName: {
                ...dnsLabel,
                description:
                  'the API entity name in the catalog (default <service>-<name>; catalog names are shared by every service)'
              }
            }
          }
        },
        environments: {
          type: 'object',
          propertyNames: dnsLabel,
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            properties: {
              components: {
                type: 'object',
                additionalProperties: {
                  type: 'object',
                  additionalProperties: false,
                  properties: {
                    image,
                    ports: { type: 'array', items: port },
                    env: envMap,
                    properties,
                    traits: { type: 'object', additionalProperties: { type: 'object' } }
                  }
                }
              },
              resources: { type: 'object', additionalProperties: { type: 'object' } },
              secrets: {
                type: 'object',
                additionalProperties: {
                  type: 'object',
                  additionalProperties: false,
                  properties: { store: { type: 'string' }, refreshInterval: goDuration }
                }
              }
            }
          }
        }
      }
    }
  }
} as const
