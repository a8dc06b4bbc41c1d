/**
 * The service descriptor (`idp.yaml`, `kind: Service`) and the platform config (`platform.yaml`,
 * `kind: Platform`) as the rest of idp sees them after loading and schema validation. The JSON Schemas
 * in `shared/src/descriptor/schemas/` are the published contract; these types mirror them.
 */

export type EnvValue = string | number | boolean

export interface TraitSpec {
  readonly type: string
  readonly properties?: Readonly<Record<string, unknown>>
}

export interface ComponentSpec {
  readonly name: string
  /** A KubeVela component type the platform allows (webservice, worker, task, cron-task, or custom). */
  readonly type: string
  /** Repository without tag; the pipeline supplies the tag or digest through the `image` input. */
  readonly image?: string
  readonly ports?: readonly (
    | number
    | {
        readonly port: number
        readonly expose?: boolean
        readonly name?: string
        readonly protocol?: string
      }
  )[]
  /** Values, or `${secrets.<name>.<key>}` / `${resources.<name>.<output>}` references. */
  readonly env?: Readonly<Record<string, EnvValue>>
  /** Other properties of the component type, passed through after validation against its schema. */
  readonly properties?: Readonly<Record<string, unknown>>
  readonly traits?: readonly TraitSpec[]
  readonly dependsOn?: readonly string[]
}

export interface SecretSpec {
  readonly name: string
  /** A store name the platform maps to a (Cluster)SecretStore per environment. */
  readonly store: string
  readonly refreshInterval?: string
  /**
   * Key in the rendered Secret → where the value lives in the store (`key`, for environments that map
   * the store to External Secrets) and/or the value sealed per environment (`sealed`, for environments
   * that map it to Sealed Secrets: `idp secret seal` prints it).
   */
  readonly data: Readonly<Record<string, SecretDataRef>>
}

export interface SecretDataRef {
  readonly key?: string
  readonly property?: string
  readonly version?: string
  /** Environment → the value sealed for that environment's controller (strict scope). */
  readonly sealed?: Readonly<Record<string, string>>
}

export interface ResourceSpec {
  readonly name: string
  /** A resource type the platform defines (e.g. postgresql → a Crossplane claim or namespaced XR). */
  readonly type: string
  readonly properties?: Readonly<Record<string, unknown>>
  /** Resource entity name in the catalog; default `<service>-<name>`. */
  readonly catalogName?: string
}

export interface ApiSpec {
  readonly name: string
  /** openapi, asyncapi, graphql, grpc */
  readonly type: string
  /** A path relative to the descriptor, or an inline definition. */
  readonly definition: string
  readonly description?: string
  readonly lifecycle?: string
  /** API entity name in the catalog; default `<service>-<name>`. */
  readonly catalogName?: string
}

export interface ComponentOverride {
  readonly image?: string
  readonly ports?: ComponentSpec['ports']
  readonly env?: Readonly<Record<string, EnvValue>>
  readonly properties?: Readonly<Record<string, unknown>>
  /** Trait type → properties merged into that trait. */
  readonly traits?: Readonly<Record<string, Readonly<Record<string, unknown>>>>
}

export interface EnvironmentOverride {
  readonly components?: Readonly<Record<string, ComponentOverride>>
  readonly resources?: Readonly<Record<string, Readonly<Record<string, unknown>>>>
  readonly secrets?: Readonly<
    Record<string, { readonly store?: string; readonly refreshInterval?: string }>
  >
}

export interface ServiceDescriptor {
  readonly apiVersion: 'idp.dev/v1alpha1'
  readonly kind: 'Service'
  readonly metadata: {
    /** DNS-1123 label: names the GitOps folder and the catalog entity. */
    readonly name: string
    /** A Backstage group (`team-payments` or `group:default/team-payments`). */
    readonly owner: string
    readonly system?: string
    readonly description?: string
    readonly lifecycle?: string
    readonly tags?: readonly string[]
    readonly links?: readonly {
      readonly url: string
      readonly title?: string
      readonly icon?: string
    }[]
    /** Extra catalog annotations. */
    readonly annotations?: Readonly<Record<string, string>>
    /** Catalog entity refs this service depends on besides its own resources (e.g. `component:default/payments`). */
    readonly dependsOn?: readonly string[]
    /** TechDocs folder relative to the descriptor, e.g. `./docs` or `.`. */
    readonly docs?: string
  }
  readonly spec: {
    readonly components: readonly ComponentSpec[]
    readonly secrets?: readonly SecretSpec[]
    readonly resources?: readonly ResourceSpec[]
    readonly apis?: readonly ApiSpec[]
    readonly environments?: Readonly<Record<string, EnvironmentOverride>>
  }
}

/** A (Cluster)SecretStore an environment maps a descriptor store name to. */
export interface SecretStoreRef {
  readonly name: string
  readonly kind: 'SecretStore' | 'ClusterSecretStore'
  /**
   * Keys a service may read from this store (e.g. `{service}/*`, `apps/{environment}/{service}/**`):
   * `{service}` and `{environment}` placeholders, `*` within one `/` segment, `**` across segments,
   * everything else literal. Unset: any key (the store is not shared, or the provider confines it).
   */
  readonly keyPattern?: string
  /**
   * For `kind: SecretStore`: the store's spec (External Secrets), which `idp platform bootstrap`
   * creates in every service namespace; strings may use `{service}`, `{namespace}`, `{environment}`.
   */
  readonly spec?: Readonly<Record<string, unknown>>
}

/**
 * A store alias an environment maps to Sealed Secrets (bitnami-labs/sealed-secrets): render emits a
 * SealedSecret with the values sealed for this environment's controller; nothing reads a store.
 */
export interface SealedSecretsStore {
  readonly kind: 'SealedSecrets'
  /** The controller's public certificate (`kubeseal --fetch-cert`) or RSA public key, PEM, inline. */
  readonly certificate: string
}

/** What an environment maps a descriptor's store alias to. */
export type SecretStoreMapping = SecretStoreRef | SealedSecretsStore

export type PromotionMode = 'push' | 'pull-request'

export interface GitopsTarget {
  /** `owner/name` on the GitHub server, or any git URL (`https://`, `file://`, a path). */
  readonly repository?: string
  readonly branch?: string
  /** Pattern with `{environment}` and `{service}`, e.g. `envs/{environment}/{service}`. */
  readonly path?: string
  readonly mode?: PromotionMode
  /** The engine that applies the repository in the cluster (`idp platform bootstrap`). */
  readonly engine?: GitopsEngine
}

export type GitopsEngine = 'argocd' | 'flux'

/** Pod Security Admission level of the service namespaces `idp platform bootstrap` renders. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted'

export interface EnvironmentConfig {
  readonly name: string
  /** Pattern with `{service}` and `{environment}`, e.g. `{service}-{environment}`. */
  readonly namespace: string
  readonly gitops?: GitopsTarget
  /** Environments that must already hold the same images and content digest. */
  readonly requires?: readonly string[]
  /** Images must be pinned by `@sha256:` digest. */
  readonly requireDigest?: boolean
  /** Pod Security Admission level for the service namespaces; default `baseline`. */
  readonly podSecurity?: PodSecurityLevel
  readonly secretStores: Readonly<Record<string, SecretStoreMapping>>
  /** ESO generator kinds (`Password`, `UUID`, …) ExternalSecrets here may use; none when unset. */
  readonly secretGenerators?: readonly string[]
  readonly labels?: Readonly<Record<string, string>>
  readonly annotations?: Readonly<Record<string, string>>
}

export interface CustomType {
  readonly name: string
  /** JSON Schema for the `properties` of this component or trait type. */
  readonly schema: Readonly<Record<string, unknown>>
}

export interface ResourceTypeConfig {
  readonly name: string
  /** Claim kind (v1 XRD with claimNames) or namespaced XR kind (v2 XRD). */
  readonly apiVersion: string
  readonly kind: string
  /** `claim` for a v1 XRD's claim, `xr` for a v2 namespaced composite resource. */
  readonly style: 'claim' | 'xr'
  readonly compositionRef?: { readonly name: string }
  readonly compositionSelector?: { readonly matchLabels: Readonly<Record<string, string>> }
  /** Pattern for the connection Secret's name; `{service}`, `{resource}`, `{environment}`. */
  readonly connectionSecret: string
  /** Output name (as in `${resources.<name>.<output>}`) → key in the connection Secret. */
  readonly outputs: Readonly<Record<string, string>>
  /** Parameters the platform sets; string values may use `{service}`, `{resource}`, `{namespace}`, `{environment}`. */
  readonly defaults?: Readonly<Record<string, unknown>>
  /** JSON Schema of the descriptor's `properties`; its `maximum`s are the quotas. */
  readonly schema: Readonly<Record<string, unknown>>
  /** The catalog Resource type (e.g. `database`). */
  readonly catalogType?: string
}

/** One entry of the platform's service registry (`spec.services`). */
export interface ServiceRegistration {
  /** A service name, or a glob with `*` (e.g. `payments-*`, `*`). */
  readonly name: string
  /** `owner/name` of the repository that owns the service; may use `{service}` (`acme/{service}`). */
  readonly repository: string
  /** When given, the descriptor's `metadata.owner` must name this group. */
  readonly owner?: string
}

export interface GuardrailSetting {
  readonly enabled?: boolean
  readonly severity?: 'error' | 'warning' | 'info'
}

/**
 * `spec.gitops.identity`: whether the GitOps gate requires each promotion commit to carry an OIDC token
 * of the service's own run (`Idp-Identity` trailer) whose audience names the content.
 */
export interface GitopsIdentityConfig {
  /** Default false: the gate trusts the branch's own record and trailers. */
  readonly required?: boolean
  /** Default `https://token.actions.githubusercontent.com`. */
  readonly issuer?: string
  /** Default `<issuer>/.well-known/jwks`. */
  readonly jwksUrl?: string
}

export interface PlatformConfig {
  readonly apiVersion: 'idp.dev/v1alpha1'
  readonly kind: 'Platform'
  readonly metadata: { readonly name: string }
  readonly spec: {
    readonly environments: readonly EnvironmentConfig[]
    /** Defaults every environment's GitOps target inherits. */
    readonly gitops?: GitopsTarget & {
      readonly author?: { readonly name: string; readonly email: string }
      /** Opt-in: promotions carry an OIDC token of the service's own run (see GitopsIdentityConfig). */
      readonly identity?: GitopsIdentityConfig
    }
    /** Which repository owns which service; absent: promote's first-writer rule applies. */
    readonly services?: readonly ServiceRegistration[]
    /** Allowed image registries (prefixes such as `ghcr.io/acme/`). Empty: any. */
    readonly registries?: readonly string[]
    readonly componentTypes?: {
      readonly allowed?: readonly string[]
      readonly custom?: readonly CustomType[]
    }
    readonly traitTypes?: {
      readonly allowed?: readonly string[]
      readonly custom?: readonly CustomType[]
    }
    readonly resourceTypes?: readonly ResourceTypeConfig[]
    readonly defaults?: {
      readonly labels?: Readonly<Record<string, string>>
      readonly annotations?: Readonly<Record<string, string>>
      /**
       * Further label and annotation keys only the platform sets (e.g. ones its admission policies
       * add): a key, `domain/*` or `*.domain/*`. Services may neither set nor remove them.
       */
      readonly protectedKeys?: readonly string[]
      /** ExternalSecret refreshInterval when a secret does not set one. */
      readonly refreshInterval?: string
    }
    /** Policy files (Kyverno, CEL) every validation applies; paths relative to the platform config. */
    readonly policies?: readonly string[]
    /** CRD and Crossplane XRD files, folders or globs every validation knows; relative to the platform config. */
    readonly crds?: readonly string[]
    /**
     * The scope of kinds idp does not know (no CRD given, not built in): a kind of unknown scope in
     * a rendered folder fails validation. `apiVersion` is `group/version` or `group/*`.
     */
    readonly kinds?: readonly {
      readonly apiVersion: string
      readonly kind: string
      readonly scope: 'Namespaced' | 'Cluster'
    }[]
    /** Built-in guardrail id → switch off or change severity. */
    readonly guardrails?: Readonly<Record<string, GuardrailSetting>>
    readonly catalog?: {
      /** e.g. `{service}-{environment}`; sets `argocd/app-name`. */
      readonly argocdAppPattern?: string
      /** Central catalog repository for `mode: repository`. */
      readonly repository?: string
      readonly path?: string
    }
  }
}
