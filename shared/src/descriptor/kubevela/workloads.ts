// Facts from the upstream KubeVela definitions (shared/schemas/kubevela/definitions/yaml/*.yaml, master
// 5a44b5f): the workload each built-in component type renders (`spec.workload.type`; cron-task
// autodetects its CronJob) and the workloads each built-in trait applies to (`spec.appliesToWorkloads`).
// The controller refuses a trait on any other workload after promotion; render refuses it at its line.

/** Built-in component type → the workload resource it renders (`<plural>.<group>`). */
export const builtinComponentWorkloads: Readonly<Record<string, string>> = Object.freeze({
  webservice: 'deployments.apps',
  worker: 'deployments.apps',
  task: 'jobs.batch',
  'cron-task': 'cronjobs.batch',
  daemon: 'daemonsets.apps',
  statefulset: 'statefulsets.apps'
})

const PODS = ['deployments.apps', 'statefulsets.apps', 'daemonsets.apps', 'jobs.batch']
const SCALABLE = ['deployments.apps', 'statefulsets.apps']

/** Built-in trait type → `appliesToWorkloads` (`*` = every workload). */
export const builtinTraitWorkloads: Readonly<Record<string, readonly string[]>> = Object.freeze({
  gateway: SCALABLE,
  scaler: SCALABLE,
  cpuscaler: SCALABLE,
  hpa: SCALABLE,
  expose: SCALABLE,
  labels: ['*'],
  annotations: ['*'],
  storage: PODS,
  sidecar: PODS,
  env: PODS
})

/** Component types whose exposed ports make a Service named after the component. */
export const builtinTypesWithServiceForPorts: readonly string[] = [
  'webservice',
  'daemon',
  'statefulset'
]
