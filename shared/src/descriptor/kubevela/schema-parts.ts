// Building blocks shared by the hand-written JSON Schemas of KubeVela's built-in definitions.
// Each helper mirrors one CUE fragment of the upstream `parameter:` blocks (KubeVela master 5a44b5f).
//
// Sub-schemas are inlined instead of referenced through `definitions`/`$ref`, so that a schema stays
// valid when a caller embeds it inside a larger schema (a `#/definitions/...` pointer would then
// resolve against the wrong root).
//
// Closedness: upstream `parameter` structs are plain CUE structs, which are open, so KubeVela silently
// ignores unknown properties (kubevela/kubevela#2463, #6862). We close every struct that has no `...`
// on purpose: an unknown key in an idp descriptor is almost always a typo that would otherwise vanish.

export type JSONSchema = Record<string, unknown>

/** Freezes a schema tree: the maps are shared module state and sub-schemas are reused across types. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const child of Object.values(value)) deepFreeze(child)
  }
  return value
}

/** Adds `description` when the CUE field carries a `// +usage=` comment. */
export function described(schema: JSONSchema, usage?: string): JSONSchema {
  return usage === undefined ? schema : { ...schema, description: usage }
}

/** A closed CUE struct: `{ a: T, b?: U }`; `required` lists fields with neither `?` nor a default. */
export function closedObject(
  properties: Record<string, JSONSchema>,
  required: readonly string[] = [],
  usage?: string
): JSONSchema {
  const schema: JSONSchema = { type: 'object', properties, additionalProperties: false }
  if (required.length > 0) schema.required = [...required]
  return described(schema, usage)
}

export const str = (usage?: string): JSONSchema => described({ type: 'string' }, usage)
export const int = (usage?: string): JSONSchema => described({ type: 'integer' }, usage)
export const bool = (usage?: string): JSONSchema => described({ type: 'boolean' }, usage)

/** `*d | int` */
export const intDefault = (value: number, usage?: string): JSONSchema =>
  described({ type: 'integer', default: value }, usage)
/** `*false | bool` */
export const boolDefault = (value: boolean, usage?: string): JSONSchema =>
  described({ type: 'boolean', default: value }, usage)
/** `*"x" | string` */
export const strDefault = (value: string, usage?: string): JSONSchema =>
  described({ type: 'string', default: value }, usage)
/** `*"a" | "b" | "c"` (or `"a" | "b"` without a default) */
export function strEnum(
  values: readonly string[],
  defaultValue?: string,
  usage?: string
): JSONSchema {
  const schema: JSONSchema = { type: 'string', enum: [...values] }
  if (defaultValue !== undefined) schema.default = defaultValue
  return described(schema, usage)
}

/** `[...string]` */
export const stringList = (usage?: string): JSONSchema =>
  described({ type: 'array', items: { type: 'string' } }, usage)
/** `[...{...}]` */
export const listOf = (items: JSONSchema, usage?: string): JSONSchema =>
  described({ type: 'array', items }, usage)
/** `[string]: string` */
export const stringMap = (usage?: string): JSONSchema =>
  described({ type: 'object', additionalProperties: { type: 'string' } }, usage)
/** `{...}`: an open struct with anything inside. */
export const openObject = (usage?: string): JSONSchema => described({ type: 'object' }, usage)

export const imagePullPolicyEnum = (usage = 'Specify image pull policy for your service') =>
  strEnum(['Always', 'Never', 'IfNotPresent'], undefined, usage)

/** `items?: [...{key, path, mode: *511 | int}]` of configMap/secret volumes. */
const keyToPathItems = listOf(
  closedObject({ key: str(), path: str(), mode: intDefault(511) }, ['key', 'path'])
)

const keyRef = (what: 'secret' | 'config map') =>
  closedObject(
    {
      name: str(`The name of the ${what} in the pod's namespace to select from`),
      key: str(`The key of the ${what} to select from. Must be a valid secret key`)
    },
    ['name', 'key']
  )

/** The container `env?: [...{name, value?, valueFrom?}]` list; the sidecar trait adds `fieldRef`. */
export function containerEnv(options: { fieldRef?: boolean; usage: string }): JSONSchema {
  const valueFrom: Record<string, JSONSchema> = {
    secretKeyRef: described(keyRef('secret'), "Selects a key of a secret in the pod's namespace"),
    configMapKeyRef: described(
      keyRef('config map'),
      "Selects a key of a config map in the pod's namespace"
    )
  }
  if (options.fieldRef) {
    valueFrom.fieldRef = closedObject(
      { fieldPath: str('Specify the field path for env') },
      ['fieldPath'],
      'Specify the field reference for env'
    )
  }
  return listOf(
    closedObject(
      {
        name: str('Environment variable name'),
        value: str('The value of the environment variable'),
        valueFrom: closedObject(
          valueFrom,
          [],
          'Specifies a source the value of this var should come from'
        )
      },
      ['name']
    ),
    options.usage
  )
}

/**
 * `#HealthProbe`. webservice's copy also has `httpGet.host?` and `httpGet.scheme?: *"HTTP" | string`.
 * The CUE only says in prose that exactly one of exec/httpGet/tcpSocket MUST be given; Kubernetes
 * rejects a probe without one handler, so the schema enforces it (stricter than the CUE).
 */
export function healthProbe(options: { httpHost: boolean; usage: string }): JSONSchema {
  const httpGet: Record<string, JSONSchema> = {
    path: str(
      'The endpoint, relative to the port, to which the HTTP GET request should be directed.'
    ),
    port: int(
      'The TCP socket within the container to which the HTTP GET request should be directed.'
    )
  }
  if (options.httpHost) {
    httpGet.host = str()
    httpGet.scheme = strDefault('HTTP')
  }
  httpGet.httpHeaders = listOf(closedObject({ name: str(), value: str() }, ['name', 'value']))
  const handlers = ['exec', 'httpGet', 'tcpSocket']
  return {
    ...closedObject(
      {
        exec: closedObject(
          {
            command: stringList(
              'A command to be executed inside the container to assess its health. Each space delimited token of the command is a separate array element. Commands exiting 0 are considered to be successful probes, whilst all other exit codes are considered failures.'
            )
          },
          ['command'],
          'Instructions for assessing container health by executing a command. Either this attribute or the httpGet attribute or the tcpSocket attribute MUST be specified. This attribute is mutually exclusive with both the httpGet attribute and the tcpSocket attribute.'
        ),
        httpGet: closedObject(
          httpGet,
          ['path', 'port'],
          'Instructions for assessing container health by executing an HTTP GET request. Either this attribute or the exec attribute or the tcpSocket attribute MUST be specified. This attribute is mutually exclusive with both the exec attribute and the tcpSocket attribute.'
        ),
        tcpSocket: closedObject(
          {
            port: int(
              'The TCP socket within the container that should be probed to assess container health.'
            )
          },
          ['port'],
          'Instructions for assessing container health by probing a TCP socket. Either this attribute or the exec attribute or the httpGet attribute MUST be specified. This attribute is mutually exclusive with both the exec attribute and the httpGet attribute.'
        ),
        initialDelaySeconds: intDefault(
          0,
          'Number of seconds after the container is started before the first probe is initiated.'
        ),
        periodSeconds: intDefault(10, 'How often, in seconds, to execute the probe.'),
        timeoutSeconds: intDefault(1, 'Number of seconds after which the probe times out.'),
        successThreshold: intDefault(
          1,
          'Minimum consecutive successes for the probe to be considered successful after having failed.'
        ),
        failureThreshold: intDefault(
          3,
          'Number of consecutive failures required to determine the container is not alive (liveness probe) or not ready (readiness probe).'
        )
      },
      [],
      options.usage
    ),
    oneOf: handlers.map(handler => ({ required: [handler] }))
  }
}

export const livenessProbe = (httpHost: boolean) =>
  healthProbe({ httpHost, usage: 'Instructions for assessing whether the container is alive.' })
export const readinessProbe = (httpHost: boolean) =>
  healthProbe({
    httpHost,
    usage:
      'Instructions for assessing whether the container is in a suitable state to serve traffic.'
  })

/** `volumeMounts?: {pvc?, configMap?, secret?, emptyDir?, hostPath?}`; worker's has no `subPath`. */
export function volumeMounts(options: { subPath: boolean }): JSONSchema {
  const mount = (fields: Record<string, JSONSchema>, required: string[]) =>
    listOf(
      closedObject(
        {
          name: str(),
          mountPath: str(),
          ...(options.subPath ? { subPath: str() } : {}),
          ...fields
        },
        ['name', 'mountPath', ...required]
      )
    )
  return closedObject({
    pvc: described(
      mount({ claimName: str('The name of the PVC') }, ['claimName']),
      'Mount PVC type volume'
    ),
    configMap: described(
      mount({ defaultMode: intDefault(420), cmName: str(), items: keyToPathItems }, ['cmName']),
      'Mount ConfigMap type volume'
    ),
    secret: described(
      mount({ defaultMode: intDefault(420), secretName: str(), items: keyToPathItems }, [
        'secretName'
      ]),
      'Mount Secret type volume'
    ),
    emptyDir: described(
      mount({ medium: strEnum(['', 'Memory'], '') }, []),
      'Mount EmptyDir type volume'
    ),
    hostPath: described(mount({ path: str() }, ['path']), 'Mount HostPath type volume')
  })
}

/**
 * The deprecated `volumes?` list. Its CUE adds fields under `if type == "..." {...}`; here every
 * conditional field is declared once and `allOf` + `if`/`then` requires the ones of the chosen type
 * and rejects the others (an absent `type` means the default `emptyDir`).
 */
export function legacyVolumes(usage: string): JSONSchema {
  const byType: Record<string, { required: string[]; allowed: string[] }> = {
    pvc: { required: ['claimName'], allowed: ['claimName'] },
    configMap: { required: ['cmName'], allowed: ['defaultMode', 'cmName', 'items'] },
    secret: { required: ['secretName'], allowed: ['defaultMode', 'secretName', 'items'] },
    emptyDir: { required: [], allowed: ['medium'] }
  }
  const item = closedObject(
    {
      name: str(),
      mountPath: str(),
      type: strEnum(
        ['emptyDir', 'pvc', 'configMap', 'secret'],
        'emptyDir',
        'Specify volume type, options: "pvc","configMap","secret","emptyDir", default to emptyDir'
      ),
      claimName: str(),
      defaultMode: intDefault(420),
      cmName: str(),
      secretName: str(),
      items: keyToPathItems,
      medium: strEnum(['', 'Memory'], '')
    },
    ['name', 'mountPath']
  )
  // Each `then` closes the item over the common fields plus the chosen type's own, so a field of
  // another type reads as an ordinary "must NOT have additional properties" error.
  const common = ['name', 'mountPath', 'type']
  item.allOf = Object.entries(byType).map(([type, { required, allowed }]) => ({
    if:
      type === 'emptyDir'
        ? { properties: { type: { const: type } } }
        : { properties: { type: { const: type } }, required: ['type'] },
    then: {
      ...(required.length > 0 ? { required } : {}),
      properties: Object.fromEntries([...common, ...allowed].map(field => [field, true])),
      additionalProperties: false
    }
  }))
  return listOf(item, usage)
}

/** `hostAliases?: [...{ip: string, hostnames: [...string]}]` */
export const hostAliases = (usage: string): JSONSchema =>
  listOf(closedObject({ ip: str(), hostnames: stringList() }, ['ip', 'hostnames']), usage)
