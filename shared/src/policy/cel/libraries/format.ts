// The Kubernetes CEL format library (`k8s.io/apiserver/pkg/cel/library/format.go`, Kubernetes 1.31+):
// `format.dns1123Label()`, `dns1123Subdomain()`, `dns1035Label()`, `qualifiedName()`, the `*Prefix()`
// forms (a generateName prefix may end in '-'), `labelValue()`, `uri()`, `uuid()`, `byte()`, `date()`,
// `datetime()` and `format.named(name)`; `<format>.validate(s)` is `optional.none()` when `s` is valid,
// else the list of what is wrong (apimachinery's validation messages).
import { Optional } from '@marcbachmann/cel-js'
import type { Environment } from '@marcbachmann/cel-js'
import { LinearRegExp } from '../../../boundary/regex.js'

export class FormatNamespace {}

export class CelFormat {
  constructor(
    readonly name: string,
    readonly check: (value: string) => string[]
  ) {}
}

const re = (source: string) => LinearRegExp.compile(`^(?:${source})$`)

const label = '[a-z0-9]([-a-z0-9]*[a-z0-9])?'
const dns1123Label = re(label)
const dns1123Subdomain = re(`${label}(\\.${label})*`)
const dns1035Label = re('[a-z]([-a-z0-9]*[a-z0-9])?')
const qualifiedNamePart = re('([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')
const uuid = re('[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}')
const date = re('\\d{4}-\\d{2}-\\d{2}')
const datetime = re(
  '\\d{4}-\\d{2}-\\d{2}[Tt ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})'
)

function lengthAtMost(value: string, max: number): string[] {
  return value.length > max ? [`must be no more than ${max} characters`] : []
}

function checkDns1123Label(value: string): string[] {
  const errors = lengthAtMost(value, 63)
  if (!dns1123Label.test(value))
    errors.push(
      "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    )
  return errors
}

function checkDns1123Subdomain(value: string): string[] {
  const errors = lengthAtMost(value, 253)
  if (!dns1123Subdomain.test(value))
    errors.push(
      "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    )
  return errors
}

function checkDns1035Label(value: string): string[] {
  const errors = lengthAtMost(value, 63)
  if (!dns1035Label.test(value))
    errors.push(
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
    )
  return errors
}

function checkQualifiedName(value: string): string[] {
  const parts = value.split('/')
  const name = parts[parts.length - 1]
  if (parts.length > 2)
    return [
      "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"
    ]
  const errors: string[] = []
  if (parts.length === 2) {
    if (parts[0] === '') errors.push('prefix part must be non-empty')
    else errors.push(...checkDns1123Subdomain(parts[0]).map(e => `prefix part ${e}`))
  }
  if (name === '') errors.push('name part must be non-empty')
  else if (name.length > 63) errors.push('name part must be no more than 63 characters')
  if (name !== '' && !qualifiedNamePart.test(name))
    errors.push(
      "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
    )
  return errors
}

function checkLabelValue(value: string): string[] {
  const errors = lengthAtMost(value, 63)
  if (value !== '' && !qualifiedNamePart.test(value))
    errors.push(
      "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
    )
  return errors
}

/** apimachinery's maskTrailingDash: a generateName prefix may end in '-'. */
const prefix = (check: (v: string) => string[]) => (value: string) =>
  check(value.length > 1 && value.endsWith('-') ? `${value.slice(0, -1)}a` : value)

function checkUri(value: string): string[] {
  try {
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(value) && !value.startsWith('/'))
      throw new Error('invalid')
    if (!value.startsWith('/')) new URL(value)
    return []
  } catch {
    return ['must be a URI']
  }
}

function checkByte(value: string): string[] {
  return /^[A-Za-z0-9+/]*={0,2}$/.test(value) && value.length % 4 === 0
    ? []
    : ['must be a valid base64 string']
}

const formats: Record<string, (value: string) => string[]> = {
  dns1123Label: checkDns1123Label,
  dns1123Subdomain: checkDns1123Subdomain,
  dns1035Label: checkDns1035Label,
  qualifiedName: checkQualifiedName,
  dns1123LabelPrefix: prefix(checkDns1123Label),
  dns1123SubdomainPrefix: prefix(checkDns1123Subdomain),
  dns1035LabelPrefix: prefix(checkDns1035Label),
  labelValue: checkLabelValue,
  uri: checkUri,
  uuid: v => (uuid.test(v) ? [] : ['does not match the UUID format']),
  byte: checkByte,
  date: v => (date.test(v) && !Number.isNaN(Date.parse(v)) ? [] : ['an invalid date']),
  datetime: v => (datetime.test(v) && !Number.isNaN(Date.parse(v)) ? [] : ['an invalid datetime'])
}

export function registerFormat(env: Environment): void {
  env.registerType('FormatNamespace', FormatNamespace)
  env.registerConstant('format', 'FormatNamespace', new FormatNamespace())
  env.registerType('kubernetes.NamedFormat', CelFormat)
  for (const [name, check] of Object.entries(formats))
    env.registerFunction(
      `FormatNamespace.${name}(): kubernetes.NamedFormat`,
      () => new CelFormat(name, check)
    )
  env.registerFunction(
    'FormatNamespace.named(string): optional<kubernetes.NamedFormat>',
    (_: unknown, name: string) =>
      Object.prototype.hasOwnProperty.call(formats, name)
        ? Optional.of(new CelFormat(name, formats[name]))
        : Optional.none()
  )
  env.registerFunction(
    'kubernetes.NamedFormat.validate(string): optional<list<string>>',
    (format: CelFormat, value: string) => {
      const errors = format.check(value)
      return errors.length === 0 ? Optional.none() : Optional.of(errors)
    }
  )
}
