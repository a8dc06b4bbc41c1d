// `policies.kyverno.io/scored: "false"` on a policy: a failure is reported (in a PolicyReport, by
// `kyverno test`, and here as a finding) as `warn` (pkg/utils/report/results.go, the reports docs).

export const SCORED = 'policies.kyverno.io/scored'

/** The result a report shows for a rule status of a policy with these annotations. */
export function reported(annotations: Readonly<Record<string, string>>, status: string): string {
  return status === 'fail' && annotations[SCORED] === 'false' ? 'warn' : status
}
