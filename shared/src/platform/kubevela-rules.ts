// The guardrails that read a KubeVela Application's component and trait properties, as Kyverno rules.
// The built-in guardrails walk the properties to any depth (every `image` key, every `hostPath`,
// `privileged`, `capabilities`, ...), because custom component and trait types put them anywhere.
// Kyverno patterns and CEL cannot recurse, so these rules read the properties as their JSON text
// (`to_string`, which Kyverno's JMESPath defines as the JSON encoding) and find the keys in it: a JSON
// key is `"name":` with nothing escaped, and no string value can contain that sequence unescaped.
import { BASELINE_CAPABILITIES } from '../policy/kyverno/pod-security-controls.js'
import { jsonLiteral, rawString } from './expression-text.js'
import type { KubeObject } from './namespaces.js'

/** The JSON text the image rules read: the Application without its `k8s-objects` objects (own manifests, judged on their own). */
const IMAGE_TEXT =
  "to_string([request.object.metadata, request.object.spec.policies, request.object.spec.workflow, request.object.spec.components[?type!='k8s-objects'], request.object.spec.components[?type=='k8s-objects'].traits])"

/** The JSON text of the properties of every component and trait that becomes a pod. */
const PROPERTIES_TEXT =
  "to_string(request.object.spec.components[?type!='k8s-objects'].[properties, traits[].properties])"

/** Every string value at a key named `image`, each with the rest of the text after it. */
const imageValues = `split(${IMAGE_TEXT}, '"image":')[1:] | [?starts_with(@, '"')]`

/** A deny condition: the list `expression` yields is not empty. */
const nonEmpty = (expression: string) => ({
  key: `{{ ${expression} | length(@) }}`,
  operator: 'GreaterThan',
  value: 0
})

const matches = (regex: string, text: string) => ({
  key: `{{ regex_match(${rawString(regex)}, ${text}) }}`,
  operator: 'Equals',
  value: true
})

/**
 * The image rule on Applications: every `image` string starts with an allowed prefix (`registries`
 * given) or is pinned by digest. The JSON text of an image value starts with `"` and the image.
 */
export function applicationImageRule(
  name: string,
  message: string,
  check: { prefixes: readonly string[] } | { digest: true },
  match: KubeObject
): KubeObject {
  const refused =
    'prefixes' in check
      ? `[?!(${check.prefixes.map(p => `starts_with(@, ${rawString(`"${p}`)})`).join(' || ')})]`
      : `[?!regex_match('^"[^"]*@sha256:[a-f0-9]{64}"', @)]`
  return {
    name: `${name}-kubevela`,
    match,
    validate: { message, deny: { conditions: { any: [nonEmpty(`${imageValues} | ${refused}`)] } } }
  }
}

// Kyverno's `{{ }}` may hold no other braces: JSON string literals name them.
const OPEN = '`"\\u007b"`'
const CLOSE = '`"\\u007d"`'

/** The JSON text after each `"<key>":` whose value is an object, cut at its first `}` (flat objects only). */
const flatObjectsAt = (key: string) =>
  `split(${PROPERTIES_TEXT}, '"${key}":')[1:] | [?starts_with(@, ${OPEN})] | [].parse_json(join('', [split(@, ${CLOSE})[0], ${CLOSE}]))`

const APPARMOR = 'container.apparmor.security.beta.kubernetes.io/'

/**
 * The Pod Security baseline on an Application's properties and traits, as boundary/pod-security-properties
 * decides it: hostPath (not null), privileged, host namespaces, host ports, capabilities beyond the
 * baseline set, AppArmor profiles other than runtime/default and localhost/*.
 */
export function applicationPodSecurityRule(match: KubeObject): KubeObject {
  const baseline = jsonLiteral([...BASELINE_CAPABILITIES].sort())
  // The text after `"container.apparmor...io/<name>":"` up to the next quote is the profile.
  const profiles = `split(${PROPERTIES_TEXT}, ${rawString(`"${APPARMOR}`)})[1:] | [?split(@, '"')[1] == ':'] | [].split(@, '"')[2]`
  return {
    name: 'pod-security-baseline-kubevela',
    match,
    validate: {
      message:
        'KubeVela properties and traits may not ask for what the Pod Security baseline forbids: hostPath volumes, privileged containers, host network/PID/IPC, host ports, capabilities beyond the baseline set, or an AppArmor profile other than runtime/default or localhost/*.',
      deny: {
        conditions: {
          any: [
            matches('"hostPath":[^n]', PROPERTIES_TEXT),
            matches('"privileged":true', PROPERTIES_TEXT),
            matches('"host(Network|PID|IPC)":true', PROPERTIES_TEXT),
            matches('"hostPort":-?(?:[1-9]|0\\.[0-9]*[1-9])', PROPERTIES_TEXT),
            nonEmpty(`${flatObjectsAt('capabilities')} | [].add[] | [?!contains(${baseline}, @)]`),
            nonEmpty(`${profiles} | [?@ != 'runtime/default' && !starts_with(@, 'localhost/')]`)
          ]
        }
      }
    }
  }
}
