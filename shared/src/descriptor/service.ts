import type { Position, Problem } from '../runtime/errors.js'
import { UserError } from '../runtime/errors.js'
import { assembleComponentProperties, RESERVED_PROPERTIES } from './component-properties.js'
import { effectiveService, type EffectiveService } from './effective.js'
import { wireEnv } from './env-wiring.js'
import { originOf, pathToPointer } from './origins.js'
import { displayPath } from './platform.js'
import { checkSchema } from './schema-check.js'
import { serviceSchema } from './schemas/service.schema.js'
import { allowedTypes, resourceType, typeSchema } from './type-registry.js'
import type { PlatformConfig, ServiceDescriptor } from './types.js'
import { strayReferenceProblems } from './references.js'
import { readYamlFile, type PathSegment, type YamlSource } from './yaml-file.js'
import { parseImageReference } from './image-reference.js'
import { descriptorKeyProblem } from '../boundary/secret-keys.js'
import { ownValue } from './own.js'
import { isSealedSecretsStore, sealedEntryProblem } from '../sealed-secrets/store.js'

export interface LoadedDescriptor {
  readonly descriptor: ServiceDescriptor
  /** The path shown to users, relative to the workspace. */
  readonly file: string
  readonly source: YamlSource
  positionOf(path: readonly PathSegment[]): Position
}

/**
 * Reads `idp.yaml` and validates all of it against the platform: schema, names, types and their
 * properties, references, stores, quotas, and every environment's overrides — whatever environment is
 * about to be rendered. All problems are reported at once.
 */
export function loadDescriptor(
  file: string,
  platform: PlatformConfig,
  displayName = displayPath(file)
): LoadedDescriptor {
  const source = readYamlFile(file, displayName, 'The service descriptor')
  const schemaProblems = checkSchema(serviceSchema, source.value, source, {
    basePath: [],
    subject: 'the service descriptor'
  })
  if (schemaProblems.length > 0) throw new UserError(schemaProblems)
  const descriptor = source.value as ServiceDescriptor
  const problems = [
    ...checkStructure(descriptor, platform, source),
    ...strayReferenceProblems(descriptor, source)
  ]
  for (const env of platform.spec.environments)
    problems.push(
      ...checkEnvironment(effectiveService(descriptor, env.name), descriptor, platform, source)
    )
  const unique = dedupe(problems)
  if (unique.length > 0) throw new UserError(unique)
  return { descriptor, file: displayName, source, positionOf: path => source.positionOf(path) }
}

function checkStructure(
  descriptor: ServiceDescriptor,
  platform: PlatformConfig,
  source: YamlSource
): Problem[] {
  const problems: Problem[] = []
  const at = (path: readonly PathSegment[], key = false) => source.positionOf(path, { key })
  const spec = descriptor.spec
  for (const [list, label] of [
    [spec.components, 'component'],
    [spec.secrets ?? [], 'secret'],
    [spec.resources ?? [], 'resource'],
    [spec.apis ?? [], 'API']
  ] as const) {
    const seen = new Set<string>()
    const key = { component: 'components', secret: 'secrets', resource: 'resources', API: 'apis' }[
      label
    ]
    list.forEach((item, i) => {
      if (seen.has(item.name))
        problems.push({
          message: `Two ${label}s are named '${item.name}'; names must be unique.`,
          position: at(['spec', key, i, 'name']),
          hint: `Rename one of the ${label}s, or merge the two entries into one.`
        })
      seen.add(item.name)
    })
  }
  const componentNames = spec.components.map(c => c.name)
  spec.components.forEach((component, i) => {
    const base = ['spec', 'components', i]
    if (!typeSchema(platform, 'component', component.type)) {
      problems.push({
        message: `Component '${component.name}' has type '${component.type}', which the platform does not allow.`,
        position: at([...base, 'type']),
        hint: `Allowed component types: ${allowedTypes(platform, 'component').join(', ')}.`
      })
    }
    if (component.image !== undefined) {
      const parsed = parseImageReference(component.image)
      if ('error' in parsed)
        problems.push({
          message: `Component '${component.name}': ${parsed.error}`,
          position: at([...base, 'image']),
          hint: 'Write the image as registry/repository:tag or registry/repository@sha256:<digest>, e.g. ghcr.io/acme/shop:1.4.2.'
        })
    }
    for (const reserved of RESERVED_PROPERTIES) {
      if (component.properties && reserved in component.properties) {
        problems.push({
          message: `Component '${component.name}' sets '${reserved}' under properties; set it on the component itself.`,
          position: at([...base, 'properties', reserved], true),
          hint: `Move '${reserved}' out of properties to the component's own '${reserved}' field.`
        })
      }
    }
    const traitTypes = new Set<string>()
    ;(component.traits ?? []).forEach((trait, t) => {
      if (traitTypes.has(trait.type)) {
        problems.push({
          message: `Component '${component.name}' has two '${trait.type}' traits; overrides merge traits by type, so each type may appear once.`,
          position: at([...base, 'traits', t, 'type']),
          hint: `Merge the two '${trait.type}' traits into one.`
        })
      }
      traitTypes.add(trait.type)
      if (!typeSchema(platform, 'trait', trait.type)) {
        problems.push({
          message: `Component '${component.name}' uses trait '${trait.type}', which the platform does not allow.`,
          position: at([...base, 'traits', t, 'type']),
          hint: `Allowed traits: ${allowedTypes(platform, 'trait').join(', ')}.`
        })
      }
    })
    ;(component.dependsOn ?? []).forEach((dep, d) => {
      if (!componentNames.includes(dep) || dep === component.name) {
        problems.push({
          message: `Component '${component.name}' depends on '${dep}', which is not another component of this service.`,
          position: at([...base, 'dependsOn', d]),
          hint: `Name another component of this service: ${componentNames.filter(n => n !== component.name).join(', ') || 'there is none'}.`
        })
      }
    })
  })
  ;(spec.resources ?? []).forEach((resource, i) => {
    if (!resourceType(platform, resource.type)) {
      const known = (platform.spec.resourceTypes ?? []).map(r => r.name)
      problems.push({
        message: `Resource '${resource.name}' has type '${resource.type}', which the platform does not define.`,
        position: at(['spec', 'resources', i, 'type']),
        hint: known.length
          ? `Resource types: ${known.join(', ')}.`
          : 'The platform defines no resource types.'
      })
    }
  })
  const envNames = platform.spec.environments.map(e => e.name)
  for (const [envName, override] of Object.entries(spec.environments ?? {})) {
    const base = ['spec', 'environments', envName]
    if (!envNames.includes(envName)) {
      problems.push({
        message: `Overrides are given for environment '${envName}', which the platform does not define.`,
        position: at(base, true),
        hint: `Environments: ${envNames.join(', ')}.`
      })
    }
    for (const [name, componentOverride] of Object.entries(override.components ?? {})) {
      const component = spec.components.find(c => c.name === name)
      if (!component) {
        problems.push({
          message: `The ${envName} override names component '${name}', which does not exist.`,
          position: at([...base, 'components', name], true),
          hint: `Components: ${componentNames.join(', ')}.`
        })
        continue
      }
      for (const traitType of Object.keys(componentOverride.traits ?? {})) {
        if (!(component.traits ?? []).some(t => t.type === traitType)) {
          problems.push({
            message: `The ${envName} override of component '${name}' names trait '${traitType}', which the component does not have.`,
            position: at([...base, 'components', name, 'traits', traitType], true),
            hint: 'Add the trait to the component first; overrides only change existing traits.'
          })
        }
      }
    }
    for (const name of Object.keys(override.resources ?? {})) {
      if (!(spec.resources ?? []).some(r => r.name === name)) {
        problems.push({
          message: `The ${envName} override names resource '${name}', which does not exist.`,
          position: at([...base, 'resources', name], true),
          hint: `Resources: ${(spec.resources ?? []).map(r => r.name).join(', ') || 'none'}.`
        })
      }
    }
    for (const name of Object.keys(override.secrets ?? {})) {
      if (!(spec.secrets ?? []).some(s => s.name === name)) {
        problems.push({
          message: `The ${envName} override names secret '${name}', which does not exist.`,
          position: at([...base, 'secrets', name], true),
          hint: `Secrets: ${(spec.secrets ?? []).map(s => s.name).join(', ') || 'none'}.`
        })
      }
    }
  }
  return problems
}

/** Checks what depends on the merged values of one environment: properties, env references, stores, quotas. */
function checkEnvironment(
  service: EffectiveService,
  descriptor: ServiceDescriptor,
  platform: PlatformConfig,
  source: YamlSource
): Problem[] {
  const problems: Problem[] = []
  const env = platform.spec.environments.find(e => e.name === service.environment)!
  for (const component of service.components) {
    const wired = wireEnv(component, service, descriptor.metadata.name, platform, source, problems)
    const assembled = assembleComponentProperties(
      component,
      wired,
      component.image?.value ?? 'registry.invalid/image:supplied-at-render'
    )
    const schema = typeSchema(platform, 'component', component.type)
    if (schema) {
      problems.push(
        ...checkSchema(schema, assembled.value, source, {
          basePath: [],
          mapPath: path => assembled.pathOf(pathToPointer(path)),
          subject: `component '${component.name}' (type ${component.type})`
        })
      )
    }
    for (const trait of component.traits) {
      const traitSchema = typeSchema(platform, 'trait', trait.type)
      if (!traitSchema) continue
      problems.push(
        ...checkSchema(traitSchema, trait.properties, source, {
          basePath: [],
          mapPath: path =>
            originOf(trait.origins, pathToPointer(path)) ?? [...trait.path, 'properties'],
          subject: `trait '${trait.type}' of component '${component.name}'`
        })
      )
    }
  }
  for (const secret of service.secrets) {
    const store = ownValue(env.secretStores, secret.store.value)
    if (!store) {
      problems.push({
        message: `Secret '${secret.name}' uses store '${secret.store.value}', which environment '${env.name}' does not map to a SecretStore.`,
        position: source.positionOf(secret.store.path),
        hint: `Stores in ${env.name}: ${Object.keys(env.secretStores).join(', ') || 'none'}.`
      })
      continue
    }
    if (isSealedSecretsStore(store)) {
      // Values sealed per environment: each must be there and fit this environment's key.
      const declared = descriptor.spec.secrets?.find(s => s.name === secret.name)
      for (const entry of secret.data) {
        const refused = sealedEntryProblem(declared?.data[entry.secretKey], env.name, store)
        if (refused)
          problems.push({
            message: `Secret '${secret.name}' key '${entry.secretKey}' ${refused.message}.`,
            position: source.positionOf(
              refused.field === 'environment' ? [...entry.path, 'sealed', env.name] : entry.path
            ),
            hint: `Seal it with: idp secret seal --environment ${env.name} --secret ${secret.name} --key ${entry.secretKey} (reads the value from stdin) and add it under sealed.${env.name}.`
          })
      }
      continue
    }
    for (const entry of secret.data) {
      if (entry.key === undefined) {
        problems.push({
          message: `Secret '${secret.name}' key '${entry.secretKey}' has no store key for environment '${env.name}', which maps store '${secret.store.value}' to ${store.kind ?? 'SecretStore'} '${store.name}'.`,
          position: source.positionOf(entry.path),
          hint: 'Give key (and property) where the value lives in that store.'
        })
        continue
      }
      const refused = descriptorKeyProblem(secret.name, secret.store.value, store, entry.key, {
        service: descriptor.metadata.name,
        environment: env.name
      })
      if (refused)
        problems.push({ ...refused, position: source.positionOf([...entry.path, 'key']) })
    }
  }
  for (const resource of service.resources) {
    const type = resourceType(platform, resource.type)
    if (!type) continue
    problems.push(
      ...checkSchema(type.schema, resource.properties, source, {
        basePath: [],
        mapPath: path =>
          originOf(resource.origins, pathToPointer(path)) ?? [...resource.path, 'properties'],
        subject: `resource '${resource.name}' (type ${type.name})`,
        maximumMeans: `the platform's quota for ${type.name}`
      })
    )
  }
  return problems
}

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>()
  const out: Problem[] = []
  for (const p of problems) {
    // The same mistake seen through several environments is one problem.
    const key = `${p.position?.line}:${p.position?.column}:${p.message}`
    if (!seen.has(key)) {
      seen.add(key)
      out.push(p)
    }
  }
  return out
}
