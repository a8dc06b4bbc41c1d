import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { renderProblems, renderText } from './render-fixture.js'
import { DIGEST } from './testing.js'

// What KubeVela does with the Application is checked before it is written, at the idp.yaml line.

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
        DB_PASSWORD: \${secrets.db.password}
      traits:
        - type: gateway
          properties: { domain: shop.acme.io, http: { '/': 8080 } }
    - name: report
      type: cron-task
      image: ghcr.io/acme/report
      properties:
        schedule: '0 3 * * *'
      traits:
        - type: labels
          properties: { acme.io/job: report }
  secrets:
    - name: db
      store: vault
      data:
        password: { key: shop/db, property: password }
  resources:
    - name: orders
      type: postgresql
      properties: { storageGB: 10 }
`
const IMAGES = [
  `web=ghcr.io/acme/shop@${DIGEST('e')}`,
  `report=ghcr.io/acme/report@${DIGEST('f')}`
].join('\n')

function edit(from: string, to: string): string {
  if (!BASE.includes(from)) throw new Error(`case text not in base: ${from}`)
  return BASE.replace(from, to)
}
const lineOf = (text: string, needle: string) =>
  text.split('\n').findLastIndex(l => l.includes(needle)) + 1

it('the base descriptor renders', () => {
  expect(renderProblems(BASE, IMAGES)).toEqual([])
})

describe('a trait on a workload its definition does not apply to', () => {
  it.each([
    ['scaler', '{ replicas: 2 }'],
    ['sidecar', '{ name: log, image: ghcr.io/acme/log }'],
    ['storage', '{ emptyDir: [{ name: tmp, mountPath: /tmp }] }'],
    ['env', '{ env: { A: b } }'],
    ['gateway', "{ http: { '/': 8080 } }"],
    ['cpuscaler', '{ min: 1 }']
  ])('%s on cron-task is refused at its line', (trait, properties) => {
    const text = edit(
      '        - type: labels\n          properties: { acme.io/job: report }',
      `        - type: ${trait}\n          properties: ${properties}`
    )
    const problems = renderProblems(text, IMAGES)
    const problem = problems.find(p => p.includes('does not apply'))
    expect(problem).toContain(
      `Trait ${trait} does not apply to component 'report' of type cron-task (a cronjobs.batch workload)`
    )
    expect(problem).toMatch(new RegExp(`^line ${lineOf(text, `- type: ${trait}`)}: `))
  })

  it('labels and annotations apply to every workload', () => {
    const text = edit(
      'properties: { acme.io/job: report }',
      'properties: { acme.io/job: report }\n        - type: annotations\n          properties: { acme.io/note: x }'
    )
    expect(renderProblems(text, IMAGES)).toEqual([])
  })
})

describe('two outputs that are the same Kubernetes object', () => {
  it('a gateway on a component whose exposed port makes the same Service is merged on purpose', () => {
    const [dev] = renderText(BASE, IMAGES, 'dev')
    const app = parse(dev.files.get('application.yaml')!) as {
      spec: { components: { traits: { type: string; properties: Record<string, unknown> }[] }[] }
    }
    expect(app.spec.components[0].traits[0].properties.existingServiceName).toBe('web')
  })

  it('a merged gateway that routes to a port the Service does not serve is refused', () => {
    const text = edit("http: { '/': 8080 }", "http: { '/': 9090 }")
    const problems = renderProblems(text, IMAGES)
    expect(problems.join('\n')).toContain(
      "routes to port 9090, which the component's Service 'web'"
    )
    expect(problems[0]).toMatch(new RegExp(`^line ${lineOf(text, "'/': 9090")}: `))
  })

  it('a named gateway whose Service is another component’s Service is refused', () => {
    const text = edit(
      "properties: { domain: shop.acme.io, http: { '/': 8080 } }",
      "properties: { name: api, http: { '/': 8080 } }\n    - name: web-api\n      type: webservice\n      image: ghcr.io/acme/shop\n      ports: [8080]"
    )
    const problems = renderProblems(
      text,
      IMAGES.replace('report=', `web-api=ghcr.io/acme/shop@${DIGEST('e')}\nreport=`)
    )
    const problem = problems.find(p => p.includes('both make'))
    expect(problem).toContain("both make the Service 'web-api'")
    expect(problem).toMatch(new RegExp(`^line ${lineOf(text, 'ports: [8080]')}: `))
  })

  it('a declared secret whose Secret is a resource’s connection Secret is refused', () => {
    const text = edit(
      '  secrets:\n    - name: db\n',
      '  secrets:\n    - name: orders-conn\n      store: vault\n      data:\n        token: { key: shop/orders, property: token }\n    - name: db\n'
    )
    const problems = renderProblems(text, IMAGES)
    const problem = problems.find(p => p.includes('both make'))
    expect(problem).toContain("both make the Secret 'shop-orders-conn'")
    expect(problem).toMatch(new RegExp(`^line ${lineOf(text, '- name: orders-conn')}: `))
  })

  it('a storage-trait Secret named like a declared secret’s target is refused', () => {
    const text = edit(
      "properties: { domain: shop.acme.io, http: { '/': 8080 } }",
      "properties: { domain: shop.acme.io, http: { '/': 8080 } }\n        - type: storage\n          properties: { secret: [{ name: shop-db, mountPath: /s }] }"
    )
    const problem = renderProblems(text, IMAGES).find(p => p.includes('both make'))
    expect(problem).toContain("both make the Secret 'shop-db'")
  })
})

describe('$( in env values', () => {
  it('is text in plain and in mixed values alike (Kubernetes does not expand it)', () => {
    const text = edit(
      '        LOG_LEVEL: info\n',
      "        LOG_LEVEL: info\n        PLAIN: 'run $(HOME) for $$5'\n        MIXED: '$(HOME) ${secrets.db.password}'\n"
    )
    const [dev] = renderText(text, IMAGES, 'dev')
    const app = parse(dev.files.get('application.yaml')!) as {
      spec: { components: { properties: { env: { name: string; value?: string }[] } }[] }
    }
    const env = Object.fromEntries(
      app.spec.components[0].properties.env.map(e => [e.name, e.value])
    )
    expect(env.PLAIN).toBe('run $$(HOME) for $5')
    expect(env.MIXED).toBe('$$(HOME) $(IDP_REF_MIXED_1)')
  })
})
