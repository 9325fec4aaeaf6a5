// A JSON Schema for the ServiceMonitor custom resource (monitoring.coreos.com/v1), written from
// the Prometheus Operator's CRD: the fields deploy/ uses and their types, with unknown endpoint
// fields refused so that a misspelt key fails instead of being silently ignored by the
// operator. Durations follow the CRD's pattern (e.g. 15s, 1m30s).

const DURATION = '^(0|(([0-9]+)y)?(([0-9]+)w)?(([0-9]+)d)?(([0-9]+)h)?(([0-9]+)m)?(([0-9]+)s)?(([0-9]+)ms)?)$';

const labelSelector = {
  type: 'object',
  additionalProperties: false,
  properties: {
    matchLabels: { type: 'object', additionalProperties: { type: 'string' } },
    matchExpressions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['key', 'operator'],
        properties: { key: { type: 'string' }, operator: { type: 'string', enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }, values: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

const relabel = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    properties: {
      sourceLabels: { type: 'array', items: { type: 'string' } },
      separator: { type: 'string' },
      targetLabel: { type: 'string' },
      regex: { type: 'string' },
      modulus: { type: 'integer', minimum: 0 },
      replacement: { type: 'string' },
      action: { type: 'string', enum: ['replace', 'keep', 'drop', 'hashmod', 'labelmap', 'labeldrop', 'labelkeep', 'lowercase', 'uppercase', 'keepequal', 'dropequal'] },
    },
  },
};

export const SERVICE_MONITOR_SCHEMA = {
  type: 'object',
  required: ['apiVersion', 'kind', 'metadata', 'spec'],
  additionalProperties: false,
  properties: {
    apiVersion: { const: 'monitoring.coreos.com/v1' },
    kind: { const: 'ServiceMonitor' },
    metadata: {
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 253 },
        namespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$', maxLength: 63 },
        labels: { type: 'object', additionalProperties: { type: 'string' } },
        annotations: { type: 'object', additionalProperties: { type: 'string' } },
      },
    },
    spec: {
      type: 'object',
      required: ['selector'],
      additionalProperties: false,
      properties: {
        selector: labelSelector,
        namespaceSelector: { type: 'object', additionalProperties: false, properties: { any: { type: 'boolean' }, matchNames: { type: 'array', items: { type: 'string' } } } },
        jobLabel: { type: 'string' },
        targetLabels: { type: 'array', items: { type: 'string' } },
        podTargetLabels: { type: 'array', items: { type: 'string' } },
        sampleLimit: { type: 'integer', minimum: 0 },
        endpoints: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              port: { type: 'string' },
              targetPort: { anyOf: [{ type: 'integer', minimum: 1, maximum: 65535 }, { type: 'string' }] },
              path: { type: 'string', pattern: '^/' },
              scheme: { type: 'string', enum: ['http', 'https', 'HTTP', 'HTTPS'] },
              params: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
              interval: { type: 'string', pattern: DURATION },
              scrapeTimeout: { type: 'string', pattern: DURATION },
              honorLabels: { type: 'boolean' },
              honorTimestamps: { type: 'boolean' },
              relabelings: relabel,
              metricRelabelings: relabel,
            },
          },
        },
      },
    },
  },
} as const;
