/**
 * Values checked by what they mean in the cluster, at render time and at their idp.yaml line: resource
 * quantities, CronJob schedules, Go durations, ports, label keys and values, and the names idp derives
 * (namespace, Services, Crossplane names copied into labels, Secret names). The API server, a webhook or
 * a controller would refuse each of these only after promotion, when nobody is looking.
 */
import type { EffectiveComponent, EffectiveTrait } from '../descriptor/effective.js'
import { connectionSecretName, secretTargetName } from '../descriptor/env-wiring.js'
import { builtinComponentTypes, builtinTraitTypes } from '../descriptor/kubevela/index.js'
import { builtinTypesWithServiceForPorts } from '../descriptor/kubevela/workloads.js'
import { escapePointer, isPlainObject, originOf } from '../descriptor/origins.js'
import { resourceType } from '../descriptor/type-registry.js'
import type { PlatformConfig } from '../descriptor/types.js'
import type { PathSegment } from '../descriptor/yaml-file.js'
import type { Problem } from '../runtime/errors.js'
import type { RenderContext } from './context.js'
import {
  cronScheduleProblem,
  dnsLabelProblem,
  dnsSubdomainProblem,
  goDurationProblem,
  labelValueProblem,
  portProblem,
  qualifiedNameProblem,
  quantityProblem,
  serviceNameProblem
} from './value-grammar.js'
import { hasOwnKey } from '../descriptor/own.js'

const QUANTITY_KEYS = new Set(['cpu', 'memory', 'storage', 'ephemeral-storage'])
const PORT_KEYS = new Set(['port', 'containerPort', 'nodePort', 'targetPort'])
/** Crossplane names a claim's composite `<claim>-<5 random characters>` and copies it into labels. */
const CLAIM_NAME_MAX = 63 - 6

/** Whether `type` is KubeVela's built-in of that name (a platform custom type may mean other things). */
export function isBuiltinType(
  platform: PlatformConfig,
  kind: 'component' | 'trait',
  type: string
): boolean {
  const config = kind === 'component' ? platform.spec.componentTypes : platform.spec.traitTypes
  const builtins = kind === 'component' ? builtinComponentTypes : builtinTraitTypes
  return hasOwnKey(builtins, type) && !config?.custom?.some(c => c.name === type)
}

export function valueMeaningProblems(ctx: RenderContext): Problem[] {
  const problems: Problem[] = []
  const at = (path: readonly PathSegment[]) => ctx.loaded.positionOf(path)
  const say = (path: readonly PathSegment[], message: string, hint?: string) =>
    problems.push({ message, position: at(path), ...(hint ? { hint } : {}) })
  const service = ctx.loaded.descriptor.metadata.name
  const env = ctx.environment.name

  const nsWhy = dnsLabelProblem(ctx.namespace)
  if (nsWhy)
    say(
      ['metadata', 'name'],
      `The namespace of environment '${env}', '${ctx.namespace}', ${nsWhy}.`,
      'Shorten the service name: the platform derives the namespace from it.'
    )

  for (const component of ctx.service.components) {
    if (isBuiltinType(ctx.platform, 'component', component.type)) {
      walkProperties(
        component.properties,
        p => originOf(component.origins, p) ?? [...component.path, 'properties'],
        say,
        `component '${component.name}'`,
        component.type === 'cron-task'
      )
      const exposes = component.ports?.value.some(p => p.expose)
      if (exposes && builtinTypesWithServiceForPorts.includes(component.type)) {
        const why = serviceNameProblem(component.name)
        if (why)
          say(
            [...component.path, 'name'],
            `Component '${component.name}' exposes ports through a Service named after it, and that name ${why}.`,
            'Rename the component.'
          )
      }
    }
    for (const trait of component.traits) {
      if (!isBuiltinType(ctx.platform, 'trait', trait.type)) continue
      traitProblems(component, trait, say)
    }
  }

  for (const secret of ctx.service.secrets) {
    const interval = secret.refreshInterval
    const why = interval && goDurationProblem(interval.value)
    if (interval && why)
      say(
        interval.path,
        `Secret '${secret.name}': refreshInterval '${interval.value}' ${why}.`,
        'External Secrets refuses it; write a Go duration such as 15m, 1h or 24h.'
      )
    const target = secretTargetName(service, secret.name)
    const targetWhy = dnsSubdomainProblem(target)
    if (targetWhy)
      say(
        [...secret.path, 'name'],
        `Secret '${secret.name}' writes the Secret '${target}', which ${targetWhy}.`
      )
  }

  for (const resource of ctx.service.resources) {
    const type = resourceType(ctx.platform, resource.type)
    if (!type) continue
    const name = `${service}-${resource.name}`
    const max = type.style === 'claim' ? CLAIM_NAME_MAX : 63
    const why = dnsLabelProblem(name, max)
    if (why)
      say(
        [...resource.path, 'name'],
        `Resource '${resource.name}' is rendered as ${type.kind} '${name}', which ${why}.`,
        type.style === 'claim'
          ? `Crossplane names the claim's composite '${name}-xxxxx' and copies both names into labels (at most 63 characters); shorten the resource or service name.`
          : 'Crossplane copies the composite name into the crossplane.io/composite label (at most 63 characters); shorten the resource or service name.'
      )
    const secretName = connectionSecretName(
      ctx.platform,
      service,
      resource.name,
      resource.type,
      env
    )
    const secretWhy = secretName && dnsSubdomainProblem(secretName)
    if (secretName && secretWhy)
      say(
        [...resource.path, 'name'],
        `Resource '${resource.name}' gets the connection Secret '${secretName}', which ${secretWhy}.`
      )
  }
  return problems
}

type Say = (path: readonly PathSegment[], message: string, hint?: string) => void

function traitProblems(component: EffectiveComponent, trait: EffectiveTrait, say: Say): void {
  const pathOf = (pointer: string) => originOf(trait.origins, pointer) ?? trait.path
  const what = `trait ${trait.type} of component '${component.name}'`
  if (trait.type === 'labels') labelMapProblems(trait.properties, '', pathOf, say, what, true)
  else if (trait.type === 'annotations')
    labelMapProblems(trait.properties, '', pathOf, say, what, false)
  else walkProperties(trait.properties, pathOf, say, what, false)
  if (trait.type === 'gateway') {
    const http = trait.properties.http
    if (isPlainObject(http))
      for (const [route, port] of Object.entries(http)) {
        const why = portProblem(port)
        if (why)
          say(
            pathOf(`/http/${escapePointer(route)}`),
            `In ${what}: the port of route '${route}' ${why}.`
          )
      }
    if (trait.properties.existingServiceName === undefined) {
      const suffix = typeof trait.properties.name === 'string' ? `-${trait.properties.name}` : ''
      const name = `${component.name}${suffix}`
      const why = serviceNameProblem(name)
      if (why)
        say(
          suffix ? pathOf('/name') : trait.path,
          `The ${what} creates the Service and Ingress '${name}', whose name ${why}.`,
          'Shorten the component name or the gateway name.'
        )
    }
  }
}

/** Quantities, ports, schedules and label maps anywhere in a built-in type's properties. */
function walkProperties(
  value: unknown,
  pathOf: (pointer: string) => readonly PathSegment[],
  say: Say,
  what: string,
  hasSchedule: boolean,
  pointer = ''
): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walkProperties(item, pathOf, say, what, false, `${pointer}/${i}`))
    return
  }
  if (!isPlainObject(value)) return
  for (const [key, item] of Object.entries(value)) {
    const child = `${pointer}/${escapePointer(key)}`
    const name = child.slice(1)
    if (QUANTITY_KEYS.has(key) && typeof item === 'string') {
      const why = quantityProblem(item)
      if (why) say(pathOf(child), `In ${what}: ${name} '${item}' ${why}.`)
    } else if (PORT_KEYS.has(key) && (typeof item === 'number' || typeof item === 'string')) {
      const why = portProblem(item)
      if (why) say(pathOf(child), `In ${what}: ${name} ${JSON.stringify(item)} ${why}.`)
    } else if (hasSchedule && key === 'schedule' && typeof item === 'string') {
      const why = cronScheduleProblem(item)
      if (why)
        say(
          pathOf(child),
          `In ${what}: schedule '${item}' ${why}.`,
          "A CronJob schedule is five fields (minute hour day-of-month month day-of-week, e.g. '0 3 * * *') or @hourly, @daily, @weekly, @monthly, @yearly."
        )
    } else if ((key === 'labels' || key === 'matchLabels') && isPlainObject(item)) {
      labelMapProblems(item, child, pathOf, say, what, true)
    } else if (key === 'annotations' && isPlainObject(item)) {
      labelMapProblems(item, child, pathOf, say, what, false)
    } else walkProperties(item, pathOf, say, what, false, child)
  }
}

function labelMapProblems(
  map: Record<string, unknown>,
  pointer: string,
  pathOf: (pointer: string) => readonly PathSegment[],
  say: Say,
  what: string,
  labels: boolean
): void {
  const kind = labels ? 'label' : 'annotation'
  for (const [key, value] of Object.entries(map)) {
    const child = `${pointer}/${escapePointer(key)}`
    const keyWhy = qualifiedNameProblem(key)
    if (keyWhy) say(pathOf(child), `In ${what}: the ${kind} key '${key}' ${keyWhy}.`)
    if (labels && typeof value === 'string') {
      const why = labelValueProblem(value)
      if (why) say(pathOf(child), `In ${what}: the value of label '${key}' ('${value}') ${why}.`)
    }
  }
}
