/** JSON Schema of `platform.yaml` (`kind: Platform`); published as `schemas/platform.schema.json`. */

const dnsLabel = {
  type: 'string',
  pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$',
  maxLength: 63,
  description: 'a DNS-1123 label (lower-case letters, digits and -)'
} as const

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const

const gitopsTarget = {
  type: 'object',
  additionalProperties: false,
  properties: {
    repository: { type: 'string', minLength: 1 },
    branch: { type: 'string', minLength: 1 },
    path: { type: 'string', minLength: 1 },
    mode: { enum: ['push', 'pull-request'] },
    engine: {
      enum: ['argocd', 'flux'],
      description:
        'The GitOps engine that applies this repository in the cluster; `idp platform bootstrap` renders its tenancy objects (AppProjects and an ApplicationSet, or Flux Kustomizations).'
    },
    author: {
      type: 'object',
      required: ['name', 'email'],
      additionalProperties: false,
      properties: { name: { type: 'string' }, email: { type: 'string' } }
    }
  }
} as const

const customTypes = {
  type: 'object',
  additionalProperties: false,
  properties: {
    allowed: { type: 'array', items: { type: 'string' } },
    custom: {
      type: 'array',
      items: {
        type: 'object',
        required: ['name', 'schema'],
        additionalProperties: false,
        properties: { name: dnsLabel, schema: { type: 'object' } }
      }
    }
  }
} as const

export const platformSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://idp.dev/schemas/platform.schema.json',
  title: 'idp platform config (platform.yaml)',
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'idp.dev/v1alpha1' },
    kind: { const: 'Platform' },
    metadata: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: { name: dnsLabel }
    },
    spec: {
      type: 'object',
      required: ['environments'],
      additionalProperties: false,
      properties: {
        environments: {
          type: 'array',
          minItems: 1,
          items: {
            type: 'object',
            required: ['name', 'namespace', 'secretStores'],
            additionalProperties: false,
            properties: {
              name: dnsLabel,
              namespace: { type: 'string', minLength: 1 },
              gitops: gitopsTarget,
              requires: { type: 'array', items: dnsLabel },
              requireDigest: { type: 'boolean' },
              podSecurity: {
                enum: ['privileged', 'baseline', 'restricted'],
                description:
                  'The Pod Security Admission level `idp platform bootstrap` labels the service namespaces with (enforce, warn and audit); default baseline.'
              },
              secretGenerators: {
                type: 'array',
                items: { type: 'string', minLength: 1 },
                description:
                  'ESO generator kinds ExternalSecrets in this environment may use (dataFrom[].sourceRef.generatorRef.kind); none when unset.'
              },
              secretStores: {
                type: 'object',
                additionalProperties: {
                  type: 'object',
                  additionalProperties: false,
                  description:
                    'An External Secrets (Cluster)SecretStore ({name, kind, keyPattern}), or Sealed Secrets ({kind: SealedSecrets, certificate}: the controller public certificate, PEM)',
                  // Sealed Secrets: a certificate and nothing of a store; otherwise a store name.
                  if: { required: ['kind'], properties: { kind: { const: 'SealedSecrets' } } },
                  then: {
                    required: ['certificate'],
                    properties: { name: false, keyPattern: false, spec: false }
                  },
                  else: { required: ['name'], properties: { certificate: false } },
                  properties: {
                    name: { type: 'string', minLength: 1 },
                    kind: { enum: ['SecretStore', 'ClusterSecretStore', 'SealedSecrets'] },
                    certificate: {
                      type: 'string',
                      pattern: '-----BEGIN (CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY)-----',
                      description:
                        "The Sealed Secrets controller's public certificate as `kubeseal --fetch-cert` prints it (PEM)"
                    },
                    spec: {
                      type: 'object',
                      description:
                        'For kind SecretStore: the spec of the store `idp platform bootstrap` creates in every service namespace of the environment (External Secrets SecretStore spec; strings may use {service}, {namespace} and {environment}).'
                    },
                    keyPattern: {
                      type: 'string',
                      minLength: 1,
                      maxLength: 512,
                      description:
                        'Keys a service may read from this store: {service} and {environment} placeholders, * within one / segment, ** across segments, everything else literal. Unset: any key.'
                    }
                  }
                }
              },
              labels: stringMap,
              annotations: stringMap
            }
          }
        },
        gitops: {
          ...gitopsTarget,
          properties: {
            ...gitopsTarget.properties,
            identity: {
              type: 'object',
              additionalProperties: false,
              description:
                "Whether the GitOps gate requires each promotion commit to carry a GitHub Actions OIDC token of the service's own run (Idp-Identity trailer), bound to the environment, service and content digest. Without it, a pipeline holding the shared push credential can push another service's render.",
              properties: {
                required: { type: 'boolean', default: false },
                issuer: {
                  type: 'string',
                  pattern: '^https?://[^\\s]+$',
                  default: 'https://token.actions.githubusercontent.com',
                  description: "The OIDC issuer (the token's iss claim)."
                },
                jwksUrl: {
                  type: 'string',
                  pattern: '^https?://[^\\s]+$',
                  description: "The issuer's signing keys. Default: <issuer>/.well-known/jwks."
                }
              }
            }
          }
        },
        services: {
          type: 'array',
          description:
            'The service registry: which repository may render, validate, promote and register each service (exact names win over globs; among globs the first match wins).',
          items: {
            type: 'object',
            required: ['name', 'repository'],
            additionalProperties: false,
            properties: {
              name: {
                type: 'string',
                pattern: '^[a-z0-9*]([-a-z0-9*]*[a-z0-9*])?$',
                maxLength: 63,
                description: 'a service name (DNS-1123 label) or a glob with *, such as payments-*'
              },
              repository: {
                type: 'string',
                pattern:
                  '^([A-Za-z0-9]|\\{service\\})([A-Za-z0-9-]|\\{service\\})*/([A-Za-z0-9_.-]|\\{service\\})+$',
                description:
                  'owner/name on the GitHub server (compared case-insensitively); may use {service}, e.g. acme/{service}'
              },
              owner: {
                type: 'string',
                minLength: 1,
                description:
                  "the descriptor's metadata.owner this service must name (team-payments or group:default/team-payments)"
              }
            }
          }
        },
        registries: { type: 'array', items: { type: 'string', minLength: 1 } },
        componentTypes: customTypes,
        traitTypes: customTypes,
        resourceTypes: {
          type: 'array',
          items: {
            type: 'object',
            required: ['name', 'apiVersion', 'kind', 'style', 'connectionSecret', 'schema'],
            additionalProperties: false,
            properties: {
              name: dnsLabel,
              apiVersion: {
                type: 'string',
                pattern: '^[a-z0-9.-]+/v[a-z0-9]+$',
                description: 'a group/version such as database.acme.io/v1alpha1'
              },
              kind: {
                type: 'string',
                pattern: '^[A-Z][A-Za-z0-9]*$',
                description: 'a Kubernetes kind in PascalCase'
              },
              style: { enum: ['claim', 'xr'] },
              compositionRef: {
                type: 'object',
                required: ['name'],
                additionalProperties: false,
                properties: { name: { type: 'string' } }
              },
              compositionSelector: {
                type: 'object',
                required: ['matchLabels'],
                additionalProperties: false,
                properties: { matchLabels: stringMap }
              },
              connectionSecret: { type: 'string', minLength: 1 },
              outputs: stringMap,
              defaults: { type: 'object' },
              schema: { type: 'object' },
              catalogType: { type: 'string' }
            }
          }
        },
        defaults: {
          type: 'object',
          additionalProperties: false,
          properties: {
            labels: stringMap,
            annotations: stringMap,
            protectedKeys: {
              type: 'array',
              items: {
                type: 'string',
                pattern: '^(\\*\\.)?[A-Za-z0-9][-A-Za-z0-9_./]*(/\\*)?$',
                description:
                  'a label/annotation key, domain/* (every key under that prefix) or *.domain/* (and its subdomains) that only the platform sets'
              }
            },
            refreshInterval: {
              type: 'string',
              pattern: '^([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$',
              description: 'a Go duration such as 1h'
            }
          }
        },
        policies: { type: 'array', items: { type: 'string', minLength: 1 } },
        crds: { type: 'array', items: { type: 'string', minLength: 1 } },
        kinds: {
          type: 'array',
          description:
            'The scope of kinds idp does not know; a kind of unknown scope in a rendered folder fails validation.',
          items: {
            type: 'object',
            required: ['apiVersion', 'kind', 'scope'],
            additionalProperties: false,
            properties: {
              apiVersion: {
                type: 'string',
                pattern: '^[a-z0-9]([a-z0-9.-]*[a-z0-9])?/([a-z0-9]+|\\*)$',
                description:
                  'a group/version such as widgets.acme.io/v1, or group/* for every version'
              },
              kind: {
                type: 'string',
                pattern: '^[A-Z][A-Za-z0-9]*$',
                description: 'a Kubernetes kind in PascalCase'
              },
              scope: { enum: ['Namespaced', 'Cluster'] }
            }
          }
        },
        guardrails: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            properties: {
              enabled: { type: 'boolean' },
              severity: { enum: ['error', 'warning', 'info'] }
            }
          }
        },
        catalog: {
          type: 'object',
          additionalProperties: false,
          properties: {
            argocdAppPattern: { type: 'string' },
            repository: { type: 'string' },
            path: { type: 'string' }
          }
        }
      }
    }
  }
} as const
