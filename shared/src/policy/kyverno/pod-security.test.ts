// validate.podSecurity: the Pod Security Standards controls (k8s.io/pod-security-admission policy
// checks, level "latest") with Kyverno's exclusions (pkg/pss).
import { describe, expect, it } from '@jest/globals'
import { podSecurityViolations } from './pod-security.js'

const restrictedContainer = {
  name: 'app',
  image: 'ghcr.io/acme/app:1',
  securityContext: {
    allowPrivilegeEscalation: false,
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
    capabilities: { drop: ['ALL'] }
  }
}
const pod = (spec: object, metadata: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', ...metadata },
  spec
})
const good = () => pod({ containers: [structuredClone(restrictedContainer)] })
const withContainer = (securityContext: object, extra: object = {}) =>
  pod({
    containers: [
      {
        ...restrictedContainer,
        ...extra,
        securityContext: { ...restrictedContainer.securityContext, ...securityContext }
      }
    ]
  })

describe('podSecurity baseline', () => {
  const baseline = (p: object) =>
    podSecurityViolations(p as Record<string, unknown>, 'baseline', [])
  it('passes a plain pod', () =>
    expect(baseline(pod({ containers: [{ name: 'a', image: 'x' }] }))).toEqual([]))
  it('HostProcess', () =>
    expect(baseline(withContainer({ windowsOptions: { hostProcess: true } }))).toEqual([
      'HostProcess'
    ]))
  it('Host Namespaces', () =>
    expect(baseline(pod({ hostPID: true, containers: [] }))).toEqual(['Host Namespaces']))
  it('Privileged Containers', () =>
    expect(baseline(withContainer({ privileged: true }))).toEqual(['Privileged Containers']))
  it('Capabilities: only the baseline set may be added', () => {
    expect(baseline(withContainer({ capabilities: { add: ['NET_ADMIN'] } }))).toEqual([
      'Capabilities'
    ])
    expect(baseline(withContainer({ capabilities: { add: ['CHOWN'] } }))).toEqual([])
  })
  it('HostPath Volumes', () =>
    expect(
      baseline(pod({ containers: [], volumes: [{ name: 'v', hostPath: { path: '/' } }] }))
    ).toEqual(['HostPath Volumes']))
  it('Host Ports', () =>
    expect(baseline(withContainer({}, { ports: [{ containerPort: 80, hostPort: 80 }] }))).toEqual([
      'Host Ports'
    ]))
  it('AppArmor: profiles and the beta annotation', () => {
    expect(baseline(withContainer({ appArmorProfile: { type: 'Unconfined' } }))).toEqual([
      'AppArmor'
    ])
    expect(
      baseline(
        pod(
          { containers: [] },
          { annotations: { 'container.apparmor.security.beta.kubernetes.io/a': 'unconfined' } }
        )
      )
    ).toEqual(['AppArmor'])
  })
  it('SELinux: type from the allowed set, no user or role', () => {
    expect(baseline(withContainer({ seLinuxOptions: { type: 'spc_t' } }))).toEqual(['SELinux'])
    expect(baseline(withContainer({ seLinuxOptions: { type: 'container_t' } }))).toEqual([])
  })
  it('/proc Mount Type', () =>
    expect(baseline(withContainer({ procMount: 'Unmasked' }))).toEqual(['/proc Mount Type']))
  it('Seccomp: Unconfined is refused', () =>
    expect(baseline(withContainer({ seccompProfile: { type: 'Unconfined' } }))).toEqual([
      'Seccomp'
    ]))
  it('Sysctls: only the safe set', () =>
    expect(
      baseline(
        pod({
          containers: [],
          securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] }
        })
      )
    ).toEqual(['Sysctls']))
})

describe('podSecurity restricted', () => {
  const restricted = (p: object, exclude = []) =>
    podSecurityViolations(p as Record<string, unknown>, 'restricted', exclude)
  it('passes a hardened pod', () => expect(restricted(good())).toEqual([]))
  it('Volume Types', () => {
    const p = good() as { spec: Record<string, unknown> }
    p.spec.volumes = [{ name: 'n', nfs: { server: 'x', path: '/' } }]
    expect(restricted(p)).toEqual(['Volume Types'])
  })
  it('Privilege Escalation must be explicitly false', () =>
    expect(restricted(withContainer({ allowPrivilegeEscalation: undefined }))).toEqual([
      'Privilege Escalation'
    ]))
  it('Running as Non-root', () =>
    expect(restricted(withContainer({ runAsNonRoot: false }))).toEqual(['Running as Non-root']))
  it('Running as Non-root user', () =>
    expect(restricted(withContainer({ runAsUser: 0 }))).toEqual(['Running as Non-root user']))
  it('Seccomp: RuntimeDefault or Localhost at pod or container level', () =>
    expect(restricted(withContainer({ seccompProfile: undefined }))).toEqual(['Seccomp']))
  it('Capabilities: drop ALL, add at most NET_BIND_SERVICE', () =>
    expect(restricted(withContainer({ capabilities: { drop: ['NET_RAW'] } }))).toEqual([
      'Capabilities'
    ]))
  it('exclude with images exempts matching containers; without images the pod-level fields', () => {
    const bad = withContainer({ capabilities: { add: ['SYS_ADMIN'], drop: ['ALL'] } })
    expect(
      restricted(bad, [{ controlName: 'Capabilities', images: ['ghcr.io/acme/*'] }] as never)
    ).toEqual([])
    expect(
      restricted(bad, [{ controlName: 'Capabilities', images: ['docker.io/*'] }] as never)
    ).toEqual(['Capabilities'])
    const podLevel = pod({
      securityContext: { seccompProfile: { type: 'Unconfined' } },
      containers: [structuredClone(restrictedContainer)]
    })
    expect(restricted(podLevel)).toEqual(['Seccomp'])
    expect(restricted(podLevel, [{ controlName: 'Seccomp' }] as never)).toEqual([])
  })
  it('reads the pod template of controllers and CronJobs', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      spec: { template: { spec: { hostNetwork: true, containers: [] } } }
    }
    expect(podSecurityViolations(deployment, 'baseline', [])).toEqual(['Host Namespaces'])
  })
})
