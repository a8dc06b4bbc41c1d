import { afterAll, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { examplePlatformFile, renderProblems, renderText } from './render-fixture.js'
import { DIGEST, tempDir } from './testing.js'

// What the pod-security-baseline guardrail refuses in KubeVela properties and traits (hostPath, privileged,
// host namespaces, host ports, added capabilities; the built-in types' schemas leave only hostPath to
// reach here, a custom type passes the rest through), render refuses at its idp.yaml line: the same walker,
// after environment overrides are merged, under the platform's setting for that guardrail.

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
      properties:
        cpu: 250m
      traits:
        - type: scaler
          properties: { replicas: 1 }
  environments:
    prod:
      components:
        web:
          traits:
            scaler: { replicas: 2 }
`
const IMAGES = `web=ghcr.io/acme/shop@${DIGEST('e')}`

function edit(from: string, to: string, text = BASE): string {
  if (!text.includes(from)) throw new Error(`case text not in base: ${from}`)
  return text.replace(from, to)
}
const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex(l => l.includes(needle)) + 1

const STORAGE_ROOT = edit(
  '        - type: scaler\n',
  '        - type: storage\n          properties:\n            hostPath:\n              - { name: root, path: /, mountPath: /host }\n        - type: scaler\n'
)

const dir = tempDir('render-pod-security')
afterAll(() => dir.remove())
/** The example platform with `spec.guardrails` set as given. */
function platformWith(guardrails: string): string {
  const file = join(dir.path, `platform-${Math.random().toString(36).slice(2)}.yaml`)
  const text = readFileSync(examplePlatformFile, 'utf8')
  writeFileSync(file, text.replace(/^spec:\n/m, `spec:\n  guardrails:\n${guardrails}`))
  return file
}

it('the base descriptor renders', () => {
  expect(renderProblems(BASE, IMAGES)).toEqual([])
})

it('refuses a storage trait mounting the host root at the line of its path', () => {
  const problems = renderProblems(STORAGE_ROOT, IMAGES)
  const found = problems.find(p => /hostPath|host path/i.test(p))
  expect(found).toMatch(new RegExp(`^line ${lineOf(STORAGE_ROOT, 'path: /,')}: `))
  expect(found).toContain("'/'")
  expect(found).toMatch(/Pod Security baseline/)
})

describe.each([
  [
    'the Docker socket in a storage trait',
    '        - type: scaler\n',
    '        - type: storage\n          properties:\n            hostPath:\n              - { name: sock, path: /var/run/docker.sock, mountPath: /s }\n        - type: scaler\n',
    'docker.sock',
    /host path '\/var\/run\/docker.sock'/
  ],
  [
    'a webservice volumeMounts hostPath',
    '        cpu: 250m\n',
    '        cpu: 250m\n        volumeMounts:\n          hostPath:\n            - { name: etc, path: /etc, mountPath: /node-etc }\n',
    'path: /etc',
    /host path '\/etc'/
  ],
  [
    'the containerd socket in a storage trait',
    '        - type: scaler\n',
    '        - type: storage\n          properties:\n            hostPath:\n              - { name: sock, path: /run/containerd/containerd.sock, mountPath: /s }\n        - type: scaler\n',
    'containerd.sock',
    /host path '\/run\/containerd\/containerd.sock'/
  ],
  [
    'a prod override adding a hostPath to the storage trait',
    '            scaler: { replicas: 2 }\n',
    '            scaler: { replicas: 2 }\n            storage: { hostPath: [{ name: root, path: /, mountPath: /host }] }\n',
    'storage: { hostPath',
    /host path '\/'/
  ]
])('%s', (_name, from, to, needle, says) => {
  it('is refused at its line of idp.yaml', () => {
    let text = edit(from, to)
    if (needle.startsWith('storage:'))
      text = edit(
        '        - type: scaler\n',
        '        - type: storage\n          properties: { emptyDir: [{ name: cache, mountPath: /cache }] }\n        - type: scaler\n',
        text
      )
    const problems = renderProblems(text, IMAGES)
    const found = problems.find(p => says.test(p))
    expect(found).toMatch(new RegExp(`^line ${lineOf(text, needle)}: `))
  })
})

describe("the platform's pod-security-baseline setting", () => {
  it('switched off: render does not refuse', () => {
    const platform = platformWith("    'pod-security-baseline': { enabled: false }\n")
    expect(renderProblems(STORAGE_ROOT, IMAGES, 'all', platform)).toEqual([])
  })

  it('severity warning: render warns at the line and writes the environments', () => {
    const platform = platformWith("    'pod-security-baseline': { severity: warning }\n")
    const rendered = renderText(STORAGE_ROOT, IMAGES, 'all', platform)
    expect(rendered.length).toBeGreaterThan(0)
    const warnings = rendered.flatMap(r => r.warnings ?? [])
    expect(warnings.length).toBeGreaterThan(0)
    for (const w of warnings) {
      expect(w.message).toMatch(/host path '\/'/)
      expect(w.position?.line).toBe(lineOf(STORAGE_ROOT, 'path: /,'))
    }
  })

  it('another guardrail switched off leaves this one in force', () => {
    const platform = platformWith("    'image-digest': { enabled: false }\n")
    expect(renderProblems(STORAGE_ROOT, IMAGES, 'all', platform).join('\n')).toMatch(
      /host path '\/'/
    )
  })
})
