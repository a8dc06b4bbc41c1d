// JSON Schemas (draft-07) for the `properties` of KubeVela's built-in component types, written by hand
// from the CUE `parameter:` blocks of webservice, worker, task and cron-task (KubeVela master 5a44b5f;
// `kubevela.conformance.test.ts` compares them with the upstream CUE files). Each schema covers the
// FULL parameter block, including `image`, `ports` and `env`, because the renderer validates the
// properties object after merging the descriptor's own fields into it.
import {
  boolDefault,
  deepFreeze,
  closedObject,
  containerEnv,
  hostAliases,
  imagePullPolicyEnum,
  int,
  intDefault,
  legacyVolumes,
  livenessProbe,
  readinessProbe,
  str,
  strDefault,
  strEnum,
  stringList,
  stringMap,
  volumeMounts,
  listOf,
  type JSONSchema
} from './schema-parts.js'

const image = str('Which image would you like to use for your service')
const imagePullSecrets = stringList('Specify image pull secrets for your service')
const cmd = stringList('Commands to run in the container')
const env = containerEnv({ usage: 'Define arguments by using environment variables' })
const cpu = str('Number of CPU units for the service, like `0.5` (0.5 CPU core), `1` (1 CPU core)')
const memory = str('Specifies the attributes of the memory resource required for the container.')
const podLabels = stringMap('Specify the labels in the workload')
const podAnnotations = stringMap('Specify the annotations in the workload')
const deprecatedVolumes = legacyVolumes('Deprecated field, use volumeMounts instead.')
const count = intDefault(1, 'Specify number of tasks to run in parallel')
const restart = strDefault(
  'Never',
  "Define the job restart policy, the value can only be Never or OnFailure. By default, it's Never."
)

const webservice = closedObject(
  {
    labels: podLabels,
    annotations: podAnnotations,
    image,
    imagePullPolicy: imagePullPolicyEnum(),
    imagePullSecrets,
    port: int('Deprecated field, please use ports instead'),
    ports: listOf(
      closedObject(
        {
          port: int("Number of port to expose on the pod's IP address"),
          containerPort: int('Number of container port to connect to, defaults to port'),
          name: str('Name of the port'),
          protocol: strEnum(
            ['TCP', 'UDP', 'SCTP'],
            'TCP',
            'Protocol for port. Must be UDP, TCP, or SCTP'
          ),
          expose: boolDefault(false, 'Specify if the port should be exposed'),
          nodePort: int('exposed node port. Only Valid when exposeType is NodePort')
        },
        ['port']
      ),
      'Which ports do you want customer traffic sent to, defaults to 80'
    ),
    exposeType: strEnum(
      ['ClusterIP', 'NodePort', 'LoadBalancer'],
      'ClusterIP',
      'Specify what kind of Service you want. options: "ClusterIP", "NodePort", "LoadBalancer"'
    ),
    addRevisionLabel: boolDefault(
      false,
      'If addRevisionLabel is true, the revision label will be added to the underlying pods'
    ),
    cmd,
    args: stringList('Arguments to the entrypoint'),
    env,
    cpu,
    memory,
    limit: closedObject({ cpu: str(), memory: str() }),
    volumeMounts: volumeMounts({ subPath: true }),
    volumes: deprecatedVolumes,
    livenessProbe: livenessProbe(true),
    readinessProbe: readinessProbe(true),
    hostAliases: hostAliases('Specify the hostAliases to add')
  },
  ['image']
)

const worker = closedObject(
  {
    image,
    // worker's CUE declares `imagePullPolicy?: string`, not the enum of the other types.
    imagePullPolicy: str('Specify image pull policy for your service'),
    imagePullSecrets,
    cmd,
    env,
    cpu,
    memory,
    volumeMounts: volumeMounts({ subPath: false }),
    volumes: deprecatedVolumes,
    livenessProbe: livenessProbe(false),
    readinessProbe: readinessProbe(false)
  },
  ['image']
)

const task = closedObject(
  {
    labels: podLabels,
    annotations: podAnnotations,
    count,
    image,
    imagePullPolicy: imagePullPolicyEnum(),
    imagePullSecrets,
    restart,
    cmd,
    env,
    cpu,
    memory,
    volumes: legacyVolumes('Declare volumes and volumeMounts'),
    livenessProbe: livenessProbe(false),
    readinessProbe: readinessProbe(false)
  },
  ['image']
)

const cronTask = closedObject(
  {
    labels: podLabels,
    annotations: podAnnotations,
    schedule: str('Specify the schedule in Cron format, see https://en.wikipedia.org/wiki/Cron'),
    startingDeadlineSeconds: int(
      'Specify deadline in seconds for starting the job if it misses scheduled'
    ),
    suspend: boolDefault(false, 'suspend subsequent executions'),
    concurrencyPolicy: strEnum(
      ['Allow', 'Forbid', 'Replace'],
      'Allow',
      'Specifies how to treat concurrent executions of a Job'
    ),
    successfulJobsHistoryLimit: intDefault(3, 'The number of successful finished jobs to retain'),
    failedJobsHistoryLimit: intDefault(1, 'The number of failed finished jobs to retain'),
    count,
    image,
    imagePullPolicy: imagePullPolicyEnum(),
    imagePullSecrets,
    restart,
    cmd,
    env,
    cpu,
    memory,
    volumeMounts: volumeMounts({ subPath: true }),
    volumes: deprecatedVolumes,
    hostAliases: hostAliases(
      "An optional list of hosts and IPs that will be injected into the pod's hosts file"
    ),
    ttlSecondsAfterFinished: int('Limits the lifetime of a Job that has finished'),
    activeDeadlineSeconds: int(
      'The duration in seconds relative to the startTime that the job may be continuously active before the system tries to terminate it'
    ),
    backoffLimit: intDefault(6, 'The number of retries before marking this job failed'),
    livenessProbe: livenessProbe(false),
    readinessProbe: readinessProbe(false)
  },
  ['schedule', 'image']
)

/** Component type name → JSON Schema of its properties. */
export const builtinComponentTypes: Readonly<Record<string, JSONSchema>> = deepFreeze({
  webservice,
  worker,
  task,
  'cron-task': cronTask
})
