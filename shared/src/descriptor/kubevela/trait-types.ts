// JSON Schemas (draft-07) for the `properties` of KubeVela's built-in traits, written by hand from the
// CUE `parameter:` blocks of gateway, scaler, cpuscaler, labels, annotations, storage, sidecar and env
// (KubeVela master 5a44b5f; `kubevela.conformance.test.ts` compares them with the upstream CUE files).
import {
  boolDefault,
  deepFreeze,
  closedObject,
  containerEnv,
  described,
  intDefault,
  listOf,
  livenessProbe,
  openObject,
  readinessProbe,
  str,
  strDefault,
  strEnum,
  stringList,
  stringMap,
  type JSONSchema
} from './schema-parts.js'

const gateway = closedObject(
  {
    domain: str('Specify the domain you want to expose'),
    http: described(
      { type: 'object', additionalProperties: { type: 'integer' } },
      'Specify the mapping relationship between the http path and the workload port'
    ),
    class: strDefault('nginx', 'Specify the class of ingress to use'),
    classInSpec: boolDefault(
      false,
      "Set ingress class in '.spec.ingressClassName' instead of 'kubernetes.io/ingress.class' annotation."
    ),
    secretName: str('Specify the secret name you want to quote to use tls.'),
    gatewayHost: str(
      'Specify the host of the ingress gateway, which is used to generate the endpoints when the host is empty.'
    ),
    name: str(
      'Specify a unique name for this gateway, required to support multiple gateway traits on a component'
    ),
    pathType: strEnum(
      ['ImplementationSpecific', 'Prefix', 'Exact'],
      'ImplementationSpecific',
      'Specify a pathType for the ingress rules, defaults to "ImplementationSpecific"'
    ),
    annotations: stringMap('Specify the annotations to be added to the ingress'),
    labels: stringMap('Specify the labels to be added to the ingress'),
    existingServiceName: str('If specified, use an existing Service rather than creating one')
  },
  ['http']
)

const scaler = closedObject({ replicas: intDefault(1, 'Specify the number of workload') })

const cpuscaler = closedObject({
  min: intDefault(
    1,
    'Specify the minimal number of replicas to which the autoscaler can scale down'
  ),
  max: intDefault(
    10,
    'Specify the maximum number of of replicas to which the autoscaler can scale up'
  ),
  cpuUtil: intDefault(
    50,
    'Specify the average CPU utilization, for example, 50 means the CPU usage is 50%'
  ),
  targetAPIVersion: strDefault('apps/v1', 'Specify the apiVersion of scale target'),
  targetKind: strDefault('Deployment', 'Specify the kind of scale target')
})

/** `parameter: [string]: string | null` — null deletes the key (JSON merge patch). */
const stringOrNullMap = (usage: string): JSONSchema => ({
  type: 'object',
  additionalProperties: { type: ['string', 'null'] },
  description: usage
})

// The CUE `resources.requests.storage` / `limits.storage` constraint: `=~"^([1-9][0-9]{0,63})(E|P|...)$"`.
const storageQuantity = {
  type: 'string',
  pattern: '^([1-9][0-9]{0,63})(E|P|T|G|M|K|Ei|Pi|Ti|Gi|Mi|Ki)$'
}
const typedObjectRef = closedObject({ name: str(), kind: str(), apiGroup: str() }, [
  'name',
  'kind',
  'apiGroup'
])
const keyToPathItems = listOf(
  closedObject({ key: str(), path: str(), mode: intDefault(511) }, ['key', 'path'])
)

const storage = closedObject({
  pvc: listOf(
    closedObject(
      {
        name: str(),
        mountOnly: boolDefault(false),
        mountPath: str(),
        subPath: str(),
        volumeMode: strDefault('Filesystem'),
        volumeName: str(),
        accessModes: { type: 'array', items: { type: 'string' }, default: ['ReadWriteOnce'] },
        storageClassName: str(),
        resources: closedObject(
          {
            requests: closedObject({ storage: storageQuantity }, ['storage']),
            limits: closedObject({ storage: storageQuantity }, ['storage'])
          },
          ['requests']
        ),
        dataSourceRef: typedObjectRef,
        dataSource: typedObjectRef,
        selector: closedObject({
          matchLabels: stringMap(),
          // Upstream declares a single struct here, not a list as in a Kubernetes LabelSelector;
          // the schema follows the CUE so that what KubeVela accepts is what we accept.
          matchExpressions: closedObject({ key: str(), values: stringList(), operator: str() }, [
            'key',
            'values',
            'operator'
          ])
        })
      },
      ['name', 'mountPath']
    ),
    'Declare pvc type storage'
  ),
  configMap: listOf(
    closedObject(
      {
        name: str(),
        mountOnly: boolDefault(false),
        mountToEnv: closedObject({ envName: str(), configMapKey: str() }, [
          'envName',
          'configMapKey'
        ]),
        mountToEnvs: listOf(
          closedObject({ envName: str(), configMapKey: str() }, ['envName', 'configMapKey'])
        ),
        mountPath: str(),
        subPath: str(),
        defaultMode: intDefault(420),
        readOnly: boolDefault(false),
        data: openObject(),
        items: keyToPathItems
      },
      ['name']
    ),
    'Declare config map type storage'
  ),
  secret: listOf(
    closedObject(
      {
        name: str(),
        mountOnly: boolDefault(false),
        mountToEnv: closedObject({ envName: str(), secretKey: str() }, ['envName', 'secretKey']),
        mountToEnvs: listOf(
          closedObject({ envName: str(), secretKey: str() }, ['envName', 'secretKey'])
        ),
        mountPath: str(),
        subPath: str(),
        defaultMode: intDefault(420),
        readOnly: boolDefault(false),
        stringData: openObject(),
        data: openObject(),
        items: keyToPathItems
      },
      ['name', 'mountPath']
    ),
    'Declare secret type storage'
  ),
  emptyDir: listOf(
    closedObject(
      { name: str(), mountPath: str(), subPath: str(), medium: strEnum(['', 'Memory'], '') },
      ['name', 'mountPath']
    ),
    'Declare empty dir type storage'
  ),
  hostPath: listOf(
    closedObject(
      {
        name: str(),
        path: str(),
        mountPath: str(),
        type: strEnum(
          [
            'Directory',
            'DirectoryOrCreate',
            'FileOrCreate',
            'File',
            'Socket',
            'CharDevice',
            'BlockDevice'
          ],
          'Directory'
        )
      },
      ['name', 'path', 'mountPath']
    ),
    'Declare host path type storage'
  )
})

const sidecar = closedObject(
  {
    name: str('Specify the name of sidecar container'),
    image: str('Specify the image of sidecar container'),
    cmd: stringList('Specify the commands run in the sidecar'),
    args: stringList('Specify the args in the sidecar'),
    env: containerEnv({ fieldRef: true, usage: 'Specify the env in the sidecar' }),
    volumes: listOf(
      closedObject({ name: str(), path: str() }, ['name', 'path']),
      'Specify the shared volume path'
    ),
    livenessProbe: livenessProbe(false),
    readinessProbe: readinessProbe(false)
  },
  ['name', 'image']
)

/** `#PatchParams` of the env trait. */
function envPatchParams(containerNameRequired: boolean): JSONSchema {
  return closedObject(
    {
      containerName: containerNameRequired
        ? { type: 'string', minLength: 1, description: 'Specify the name of the target container' }
        : strDefault(
            '',
            'Specify the name of the target container, if not set, use the component name'
          ),
      replace: boolDefault(
        false,
        'Specify if replacing the whole environment settings for the container'
      ),
      env: stringMap(
        'Specify the  environment variables to merge, if key already existing, override its value'
      ),
      unset: {
        type: 'array',
        items: { type: 'string' },
        default: [],
        description: 'Specify which existing environment variables to unset'
      }
    },
    containerNameRequired ? ['containerName', 'env'] : ['env']
  )
}

// `parameter: *#PatchParams | close({containers: [...#PatchParams]})`: the two branches are closed and
// each has a required field of its own, so at most one matches. In the `containers` form the template
// raises "containerName must be set for containers" for an empty name; the schema requires it instead.
const env: JSONSchema = {
  type: 'object',
  oneOf: [
    envPatchParams(false),
    closedObject(
      {
        containers: listOf(
          envPatchParams(true),
          'Specify the environment variables for multiple containers'
        )
      },
      ['containers']
    )
  ]
}

/** Trait type name → JSON Schema of its properties. */
export const builtinTraitTypes: Readonly<Record<string, JSONSchema>> = deepFreeze({
  gateway,
  scaler,
  cpuscaler,
  labels: stringOrNullMap(
    'Labels to merge into the workload and its pod template; null removes one'
  ),
  annotations: stringOrNullMap(
    'Annotations to merge into the workload, its pod template and a CronJob job template; null removes one'
  ),
  storage,
  sidecar,
  env
})
