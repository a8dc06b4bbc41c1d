// `idp platform policies`: writes the built-in guardrails, as the platform config sets them, as
// admission policies per environment (Kyverno ClusterPolicies; ValidatingAdmissionPolicies with
// bindings where CEL says it plainly), so the cluster refuses what validate would have refused even
// when a service skips idp. CLI only: the platform team runs it.
import { platformOutputCommand } from './platform-output.js'

export const platformPoliciesCommand = platformOutputCommand({
  cli: 'platform policies',
  description:
    'Write the built-in guardrails as admission policies for every environment (Kyverno ClusterPolicies, and ValidatingAdmissionPolicies with bindings where CEL expresses them), as the platform config configures them; the README in the output lists what is exported in part or not at all, and why.',
  readsFromPlatform: 'environments, guardrail settings, registries, service registry',
  outputExample: 'policies',
  async render(platform, serverUrl, context) {
    const { renderPolicies } = await import('../platform/policies.js')
    const result = renderPolicies(platform, serverUrl)
    for (const e of result.environments)
      context.logger.info(
        `${e.environment}: exported ${e.exported.join(', ') || 'nothing'}; not exported: ${Object.keys(e.notExported).join(', ') || 'none'} (see README.md).`
      )
    return result.files
  }
})
