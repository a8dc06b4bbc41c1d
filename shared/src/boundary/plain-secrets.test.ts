import { describe, expect, it } from '@jest/globals'
import { findPlainSecret, nameWords, shannonEntropy } from './plain-secrets.js'

// Credential-shaped values are assembled at run time so the test file itself holds no token.
const token = (prefix: string, body: string, times: number) => prefix + body.repeat(times)
const RANDOM_32 = 'q7Xk2Lm9Pz4Rt8Vb3Nc6Wj1Hs5Gd0Fy'

describe('findPlainSecret: secrets are found', () => {
  it.each([
    // Known credential formats, whatever the name.
    ['GITHUB', token('ghp_', 'aB3dE6', 6), 'GitHub token'],
    ['GH', token('github_pat_', 'aB3dE6fG9h', 7), 'GitHub fine-grained token'],
    ['GITLAB', token('glpat-', 'aB3dE6fG9h', 2), 'GitLab token'],
    ['AWS_ID', 'AKIA' + 'IOSFODNN7EXAMPLE', 'AWS access key id'],
    ['X', 'ASIA' + 'QWERTYUIOPASDFGH', 'AWS access key id'],
    [
      'KEY',
      '-----BEGIN RSA PRIVATE' + ' KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----',
      'PEM private key'
    ],
    ['KEY', '-----BEGIN OPENSSH PRIVATE' + ' KEY-----\nb3Blbn\n', 'PEM private key'],
    ['MAPS', token('AIza', 'Sy0aB3dE6fG9hJ2kL5mN8pQ1rS4tU7vW0xY', 1), 'Google API key'],
    ['SLACK', token('xoxb-', '123456789012-', 2) + 'AbCdEfGhIjKlMnOpQrStUvWx', 'Slack token'],
    [
      'HOOK',
      'https://hooks.slack' + '.com/services/T0000000/B0000000/XXXXXXXXXXXXXXXXXXXXXXXX',
      'Slack webhook'
    ],
    ['PAY', token('sk_' + 'live_', 'aB3dE6fG9h', 3), 'Stripe key'],
    ['PAY', token('rk_' + 'test_', 'aB3dE6fG9h', 3), 'Stripe key'],
    ['NPM', token('npm_', 'aB3dE6', 6), 'npm token'],
    ['AI', token('sk-' + 'ant-', 'aB3dE6fG9h', 4), 'Anthropic key'],
    [
      'SESSION',
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'JSON Web Token'
    ],
    ['DATABASE_URL', 'postgres://app:' + 's3cr3t@db:5432/app', 'URL with a password'],
    ['BROKER', 'amqps://user:' + 'pa55word@mq.internal/vhost', 'URL with a password'],
    ['CACHE', 'redis://:' + 'pa55word@cache:6379/0', 'URL with a password'],
    ['AZURE_STORAGE_CONNECTION_STRING', 'UseDevelopmentStorage=maybe;x=1', 'marks it as a secret'],
    // A secret name with a literal value.
    ['DB_PASSWORD', 'hunter22', 'marks it as a secret'],
    ['password', 'changeit!', 'marks it as a secret'],
    ['adminPassword', 'Admin123', 'marks it as a secret'],
    ['API_KEY', '0123456789abcdef0123456789abcdef', 'marks it as a secret'],
    ['stripeSecretKey', 'whatever-1', 'marks it as a secret'],
    ['CLIENT_SECRET', 'abc-def-ghi', 'marks it as a secret'],
    ['GITHUB_TOKEN', 'not-a-format-but-literal', 'marks it as a secret'],
    ['jwt.signing-key', 'my signing key', 'marks it as a secret'],
    ['SMTP_PASS', 'Mail2024!', 'marks it as a secret'],
    ['REDIS_AUTH', 'r3d1s-pass', 'marks it as a secret'],
    ['DB_PASSWORD_B64', 'aHVudGVyMg==', 'marks it as a secret'],
    ['TOKENS', 'a1b2c3d4e5', 'marks it as a secret'],
    // name=value pairs inside a value.
    ['JAVA_OPTS', '-Xmx1g -Dspring.datasource.password=hunter2 -Dx=y', 'datasource.password'],
    ['JDBC_URL', 'jdbc:postgresql://db:5432/app?user=app&password=hunter2', "sets 'password'"],
    ['MSSQL', 'Server=db;Database=app;User Id=sa;Password=P@ssw0rd;', "sets 'Password'"],
    ['CONFIG', 'api_key: 0123456789abcdef', "sets 'api_key'"],
    // A secret-ish name anywhere with a random-looking value.
    ['SECRET_KEY_BASE', 'f3a9c1e0b7d4a5f6e8c9b0a1d2e3f4a5', 'looks like a key'],
    ['TOKEN_TTL', RANDOM_32, 'looks like a key'],
    // Entropy alone.
    ['SOMETHING', RANDOM_32, 'random-looking'],
    ['ARGS', `--flag --key=${RANDOM_32}`, 'random-looking'],
    // A generated password with symbols under a harmless name: entropy across all four classes.
    ['SEED', 'q8Z#v2L!pR7$wK3@nX9&', 'random-looking password'],
    ['SEED', 'q8Z#v2L!x9Rk@4Wm$7Tp^1Yc&6Hn*3Bf', 'random-looking password'],
    ['INIT_ARGS', '--admin-pass Xk7!mQ2#rT9$wB4%zL', 'random-looking password'],
    ['BOOTSTRAP', 'Hv3(Lp8]Qz1<Wd6>', 'random-looking password'],
    // References do not hide the literal next to them.
    ['DSN', 'postgres://app:' + 'hunter2@db/${secrets.db.name}', 'URL with a password']
  ])('%s = %s (%s)', (name, value, why) => {
    const found = findPlainSecret(name, value)
    expect(found?.reason).toContain(why)
    // The reason never repeats the value.
    expect(found?.reason).not.toContain(value.slice(-8))
  })
})

describe('findPlainSecret: ordinary values pass', () => {
  it.each([
    ['LOG_LEVEL', 'info'],
    ['URL', 'https://api.example.com/v1/orders?limit=10'],
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'http://otel-collector.observability:4317'],
    [
      'IMAGE',
      'ghcr.io/acme/api@sha256:3f2a9c1e0b7d4a5f6e8c9b0a1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e'
    ],
    ['DB_PASSWORD', '${secrets.db.password}'],
    ['DB_URL', 'postgres://${secrets.db.user}:${secrets.db.password}@db:5432/app'],
    ['DB_PASSWORD', '$(DB_PASSWORD_FROM_SECRET)'],
    ['DB_PASSWORD', ''],
    ['DB_PASSWORD', '<set-me>'],
    ['PASSWORD', 'changeme'],
    ['TOKEN_TTL', '3600'],
    ['TOKEN_TTL', '1h30m'],
    ['TOKEN_URL', 'https://auth.acme.io/oauth2/token'],
    ['TOKEN_AUDIENCE', 'api://checkout'],
    ['SECRET_NAME', 'checkout-db'],
    ['SECRETS_PATH', 'secret/data/checkout'],
    ['API_KEY_HEADER', 'X-Api-Key'],
    ['PASSWORD_MIN_LENGTH', '12'],
    ['PASSWORD_FILE', '/run/secrets/db-password'],
    ['AUTH', 'oidc'],
    ['AUTH_ENABLED', 'true'],
    ['AUTH_MODE', 'oauth'],
    ['REQUIRE_TOKEN', 'false'],
    ['DB_SECRET', 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:checkout/db-AbCdEf'],
    ['REPLICAS', '3'],
    ['DEBUG', 'yes'],
    ['RATIO', '0.75'],
    ['X', 'abc'],
    ['GIT_SHA', '3f2a9c1e0b7d4a5f6e8c9b0a1d2e3f4a5b6c7d8e'],
    ['UUID', '123e4567-e89b-12d3-a456-426614174000'],
    ['MAIN_CLASS', 'com.example.payments.PaymentServiceApplication'],
    ['CONFIG', 'ThisIsAVeryLongIdentifierName2'],
    ['FEATURE', 'enableNewCheckoutFlow2024Q3'],
    ['JAVA_OPTS', '-Xmx512m -XX:+UseG1GC -Dspring.profiles.active=prod'],
    ['TRACEPARENT', '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01'],
    ['POD', 'checkout-7d9f8b6c5d-x2k4p'],
    ['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
    ['SENTRY_DSN', 'https://examplePublicKey@o0.ingest.sentry.io/0'],
    ['MONGO_URI', 'mongodb+srv://cluster0.ab1cd.mongodb.net/app?retryWrites=true&w=majority'],
    [
      'CA_BUNDLE',
      'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSURkekNDQWwrZ0F3SUJBZ0lFQWdBQXVUQU5CZ2txaGtp'
    ],
    ['CRON', '0 */5 * * *'],
    ['REGEX', '^[A-Za-z0-9_-]{3,32}$'],
    ['OTEL_RESOURCE_ATTRIBUTES', 'service.name=checkout,deployment.environment=prod'],
    ['checksum/secret', '3f2a9c1e0b7d4a5f6e8c9b0a1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e'],
    ['existingSecret', 'shop-db-credentials'],
    ['imagePullSecret', 'regcred'],
    ['tlsSecret', 'shop-tls'],
    ['vault.hashicorp.com/agent-inject-secret-db', 'secret/data/shop/db'],
    ['vault.hashicorp.com/agent-inject-token', 'true'],
    ['PASSWORD_HASH_ALGORITHM', 'argon2id'],
    // Ordinary values with symbols: formats, schedules, queries, templates, addresses, patterns.
    ['LOG_FORMAT', '%h:%p'],
    ['LOG_PREFIX', '[%d] %s'],
    ['SCHEDULE', '*/5 * * * *'],
    ['QUERY', 'a=b&c=d'],
    ['FEATURE_FLAGS', 'NewCheckout=On,MaxItems=25,Region=EU1'],
    ['QUERY', 'Region=EU1&Page=2&Sort=Desc'],
    ['LOGBACK_PATTERN', '%d{ISO8601}[%thread]%-5level%logger{36}-%msg%n'],
    ['LOG_PATTERN', '%d{HH:mm:ss.SSS} [%t] %-5level %logger{36} - %msg%n'],
    ['ACCESS_LOG', '%{X-Forwarded-For}i %l %u %t "%r" %>s %b'],
    ['NAME_TEMPLATE', '{{.Values.Name}}-{{.Release.Revision2}}'],
    ['NAME_REGEX', '^[A-Z][a-z]+\\d{2,4}$'],
    ['VALID', '(?i)^Order-[0-9]{4}#\\w+$'],
    ['ADMIN_EMAIL', 'Ops.Team-2@Example.com'],
    ['CONFIG_JSON', '{"Mode":"Fast","Retries":3,"Tags":["A1","B2"]}'],
    ['CONFIG_YAML', '{Mode: Fast, Retries: 3}'],
    ['DATA_DIR', 'C:\\Users\\App01\\Data'],
    ['IMAGE', 'registry.Example.com:5000/Team/app:V1.2.3'],
    ['WORKDIR', '/opt/App-2/bin/run#1.sh'],
    ['COLORS', '#FF5733,#C70039,#900C3F'],
    ['CALLBACK', 'https://Shop.example.com/cb?Id=42&Ok=1#Top'],
    ['SUBJECT', 'CN=Shop-API,O=Acme Inc.,C=DE'],
    ['MARKUP', '<Name>Value1</Name>'],
    ['DATE_FORMAT', "yyyy-MM-dd'T'HH:mm:ss.SSSXXX"],
    ['TZ_LAYOUT', '2006-01-02T15:04:05Z07:00'],
    ['GREETING', 'Hello, World! Welcome to Shop #1 (v2)'],
    ['SELECTOR', 'app.kubernetes.io/name=Shop,tier!=Db2'],
    ['K8S_ENV', '$(POD_NAME).$(NAMESPACE)-Svc1:8080']
  ])('%s = %s', (name, value) => {
    expect(findPlainSecret(name, value)).toBeUndefined()
  })
})

describe('findPlainSecret: bounded', () => {
  it('scans megabytes of hostile text in linear time', () => {
    const started = Date.now()
    findPlainSecret('X', 'a='.repeat(500_000))
    findPlainSecret('X', 'eyJ' + 'a'.repeat(200_000) + '.eyJ')
    findPlainSecret('X', 'x://' + 'a'.repeat(200_000) + ':')
    findPlainSecret('PASSWORD'.repeat(10_000), 'x'.repeat(100_000))
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('splits names into words and measures entropy', () => {
    expect(nameWords('dbPassword')).toEqual(['db', 'password'])
    expect(nameWords('HTTPSProxyToken')).toEqual(['https', 'proxy', 'token'])
    expect(nameWords('spring.datasource-password_2')).toEqual([
      'spring',
      'datasource',
      'password',
      '2'
    ])
    expect(shannonEntropy('aaaa')).toBe(0)
    expect(shannonEntropy('abcd')).toBe(2)
  })
})
