import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadPlatform } from '../descriptor/platform.js'
import { loadDescriptor } from '../descriptor/service.js'
import { parseImageInput } from './images.js'
import { renderEnvironments, type RenderedEnvironment } from './render.js'
import { FIXED_SOURCE, tempDir } from './testing.js'

/** Test helper: renders descriptor text (written to a temp folder) against the example platform. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..')
export const examplePlatformFile = join(repoRoot, 'examples/platform/platform.yaml')

export function renderText(
  descriptorText: string,
  images: string,
  environment = 'all',
  platformFile = examplePlatformFile
): RenderedEnvironment[] {
  const dir = tempDir('render-text')
  try {
    const file = join(dir.path, 'idp.yaml')
    writeFileSync(file, descriptorText)
    const platform = loadPlatform(platformFile, 'platform.yaml')
    const loaded = loadDescriptor(file, platform.config, 'idp.yaml')
    return renderEnvironments(
      loaded,
      platform.config,
      environment,
      parseImageInput(images),
      FIXED_SOURCE
    )
  } finally {
    dir.remove()
  }
}

/** The problems (message with position) a descriptor text fails with, or [] when it renders. */
export function renderProblems(
  descriptorText: string,
  images: string,
  environment = 'all',
  platformFile = examplePlatformFile
): string[] {
  try {
    renderText(descriptorText, images, environment, platformFile)
    return []
  } catch (error) {
    const problems = (error as { problems?: { message: string; position?: { line: number } }[] })
      .problems
    if (!problems) throw error
    return problems.map(p => `${p.position ? `line ${p.position.line}: ` : ''}${p.message}`)
  }
}

/** A descriptor whose text values all look like something else to a YAML 1.1 reader. */
export const AMBIGUOUS_DESCRIPTOR = `apiVersion: idp.dev/v1alpha1
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
        FEATURE_FLAG: 'on'
        ENABLED: 'yes'
        DISABLED: 'no'
        SHORT: 'y'
        LIMIT: '1_000'
        MASK: '0b101'
        MODE: '0o17'
        SINCE: '2024-01-01'
        TIME: '1:20'
        CEILING: '.inf'
        NOTHING: '~'
      properties:
        cpu: 250m
        labels: { acme.io/release: '2024-01-01', acme.io/canary: 'on' }
        annotations: { acme.io/build: '1_000', acme.io/flag: 'off' }
      traits:
        - type: scaler
          properties: { replicas: 1 }
`
