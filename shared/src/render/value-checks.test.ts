import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { renderProblems, renderText } from './render-fixture.js'
import { DIGEST } from './testing.js'
import {
  cronScheduleProblem,
  goDurationProblem,
  labelValueProblem,
  quantityProblem
} from './value-grammar.js'

// Values the API server, a webhook or a controller would refuse after promotion are refused at render
// time, at their idp.yaml line.

const BASE = `apiVersion: idp.dev/v1alpha1
kind: Service
metadata:
  name: shop
  owner: team-shop
spec:
  components:
    - name: web
      type: webservice
      image: ghcr.io/acme/shop
      ports: [8080]
      env:
        LOG_LEVEL: info
      properties:
        cpu: 250m
        memory: 256Mi
        labels: { acme.io/tier: web }
      traits:
        - type: scaler
          properties: { replicas: 1 }
        - type: labels
          properties: { acme.io/team: shop }
    - name: report
      type: cron-task
      image: ghcr.io/acme/report
      properties:
        schedule: '0 3 * * *'
  secrets:
    - name: db
      store: vault
      refreshInterval: 15m
      data:
        password: { key: shop/db, property: password }
  resources:
    - name: db
      type: postgresql
      properties: { storageGB: 10 }
  environments:
    prod:
      secrets:
        db: { refreshInterval: 1h }
`
const IMAGES = [
  `web=ghcr.io/acme/shop@${DIGEST('e')}`,
  `report=ghcr.io/acme/report@${DIGEST('f')}`
].join('\n')

function edit(from: string, to: string, text = BASE): string {
  if (!text.includes(from)) throw new Error(`case text not in base: ${from}`)
  return text.replace(from, to)
}
const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex(l => l.includes(needle)) + 1

it('the base descriptor renders', () => {
  expect(renderProblems(BASE, IMAGES)).toEqual([])
})

describe.each([
  ['a cpu that is not a quantity', 'cpu: 250m', 'cpu: 250 millicores', "cpu '250 millicores'"],
  ['a memory with a wrong suffix', 'memory: 256Mi', 'memory: 256MB', "memory '256MB'"],
  ['a negative memory', 'memory: 256Mi', "memory: '-1Gi'", 'is negative'],
  ['a six-field schedule', "schedule: '0 3 * * *'", "schedule: '0 0 3 * * *'", 'has 6 fields'],
  ['an hour out of range', "schedule: '0 3 * * *'", "schedule: '0 24 * * *'", 'outside 0-23'],
  ['an unknown macro', "schedule: '0 3 * * *'", 'schedule: "@fortnightly"', 'not a cron macro'],
  [
    'a time zone in the schedule',
    "schedule: '0 3 * * *'",
    "schedule: 'TZ=UTC 0 3 * * *'",
    'time zone'
  ],
  ['a day as refreshInterval', 'refreshInterval: 15m', 'refreshInterval: 1d', '"1d"'],
  [
    'a day as refreshInterval in an environment override',
    'db: { refreshInterval: 1h }',
    'db: { refreshInterval: 1d }',
    'refreshInterval\' is "1d"'
  ],
  [
    'a label value with a space',
    'labels: { acme.io/tier: web }',
    "labels: { acme.io/tier: 'web tier' }",
    "label 'acme.io/tier'"
  ],
  [
    'a labels-trait value longer than 63',
    'acme.io/team: shop',
    `acme.io/team: ${'x'.repeat(64)}`,
    '64 characters'
  ],
  [
    'a label key that is not a qualified name',
    'labels: { acme.io/tier: web }',
    "labels: { 'acme io/tier': web }",
    "label key 'acme io/tier'"
  ],
  [
    'a gateway port out of range',
    'traits:\n        - type: scaler',
    "traits:\n        - type: gateway\n          properties: { name: public, http: { '/': 70000 } }\n        - type: scaler",
    "route '/'"
  ],
  [
    'a probe port out of range',
    'memory: 256Mi',
    'memory: 256Mi\n        readinessProbe: { tcpSocket: { port: 0 } }',
    'readinessProbe/tcpSocket/port 0'
  ]
])('%s', (_name, from, to, says) => {
  it('is refused at its line of idp.yaml', () => {
    const text = edit(from, to)
    const problems = renderProblems(text, IMAGES)
    const line = lineOf(
      text,
      to.split('\n').at(-1)!.includes('scaler') ? to.split('\n')[2] : to.split('\n').at(-1)!
    )
    expect(problems.join('\n')).toContain(says)
    expect(problems.find(p => p.includes(says))).toMatch(new RegExp(`^line ${line}: `))
  })
})

describe('derived names', () => {
  it('refuses a service whose namespace would exceed 63 characters, at metadata.name', () => {
    const name = `s${'x'.repeat(58)}`
    const text = edit('name: shop', `name: ${name}`)
    const problems = renderProblems(text, IMAGES)
    expect(problems.join('\n')).toContain(`'${name}-staging', is 67 characters long`)
    expect(problems.find(p => p.includes('namespace'))).toMatch(/^line 4: /)
  })

  it('refuses a gateway whose Service name would exceed 63 characters, at its name', () => {
    const text = edit(
      'traits:\n        - type: scaler',
      `traits:\n        - type: gateway\n          properties: { name: ${'g'.repeat(60)}, http: { '/': 8080 } }\n        - type: scaler`
    )
    const problems = renderProblems(text, IMAGES)
    expect(problems.join('\n')).toContain("creates the Service and Ingress 'web-ggg")
    expect(problems.find(p => p.includes('Ingress'))).toMatch(/^line 20: /)
  })

  it('refuses a claim whose composite name Crossplane copies into labels would exceed 63', () => {
    const resource = 'd'.repeat(55)
    const text = edit(
      '    - name: db\n      type: postgresql',
      `    - name: ${resource}\n      type: postgresql`
    )
    const problems = renderProblems(text, IMAGES)
    expect(problems.join('\n')).toContain(
      `SQLInstance 'shop-${resource}', which is 60 characters long; at most 57`
    )
    expect(problems.find(p => p.includes('SQLInstance'))).toMatch(
      new RegExp(`^line ${lineOf(text, `- name: ${resource}`)}: `)
    )
  })
})

describe('grammars', () => {
  it.each(['250m', '0.5', '1', '2Gi', '512Mi', '1e3', '1.5G', '100k', '.5'])(
    'quantity %s is accepted',
    q => expect(quantityProblem(q)).toBeUndefined()
  )
  it.each(['1GB', '2gi', 'one', '1.2.3', '', '1 Gi'])('quantity %j is refused', q =>
    expect(quantityProblem(q)).toBeDefined()
  )
  it.each([
    '0 3 * * *',
    '*/5 * * * *',
    '0 0 1 jan,jul *',
    '0 9-17 * * MON-FRI',
    '@daily',
    '@every 1h30m',
    '0 0 * * ?'
  ])('schedule %j is accepted', s => expect(cronScheduleProblem(s)).toBeUndefined())
  it.each([
    '* * * *',
    '60 * * * *',
    '0 0 0 * *',
    '0 0 * 13 *',
    '0 0 * * 7',
    '*/0 * * * *',
    '5-1 * * * *',
    '@every 1d',
    'CRON_TZ=UTC 0 0 * * *'
  ])('schedule %j is refused', s => expect(cronScheduleProblem(s)).toBeDefined())
  it.each(['1h', '15m', '1h30m', '0', '1.5h', '300ms', '2µs'])('duration %s is accepted', d =>
    expect(goDurationProblem(d)).toBeUndefined()
  )
  // Go keeps a duration in an int64 of nanoseconds: anything longer is "time: invalid duration".
  it.each(['2562047h', '9223372036854775807ns', '2562047h47m16.854775807s'])(
    'duration %s is accepted (the longest Go holds)',
    d => expect(goDurationProblem(d)).toBeUndefined()
  )
  it.each(['2562048h', '999999999999h', '9223372036854775808ns', '2562047h47m16.854775808s'])(
    'duration %s is refused (longer than Go holds)',
    d => expect(goDurationProblem(d)).toMatch(/longer than/)
  )
  it.each(['1d', '1w', '1', '-1h', 'h', '1 h', ''])('duration %j is refused', d =>
    expect(goDurationProblem(d)).toBeDefined()
  )
  it.each(['', 'a', 'a.b-c_d', 'x'.repeat(63)])('label value %j is accepted', v =>
    expect(labelValueProblem(v)).toBeUndefined()
  )
  it.each(['-a', 'a-', 'a b', 'x'.repeat(64), 'é'])('label value %j is refused', v =>
    expect(labelValueProblem(v)).toBeDefined()
  )
})

it('a rendered value keeps its text: the base renders the schedule unchanged', () => {
  const [dev] = renderText(BASE, IMAGES, 'dev')
  const app = parse(dev.files.get('application.yaml')!) as {
    spec: { components: { properties: { schedule?: string } }[] }
  }
  expect(app.spec.components[1].properties.schedule).toBe('0 3 * * *')
})
