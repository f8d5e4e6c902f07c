import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { projectPath } from '../../src/paths.js';

type Doc = Record<string, any>;

const read = (file: string): string => readFileSync(projectPath('deploy', file), 'utf8');
const manifests: Doc[] = parseAllDocuments(read('kubernetes/api.yaml')).map((doc) => {
  expect(doc.errors).toEqual([]);
  return doc.toJS() as Doc;
});
const byKind = (kind: string): Doc => {
  const found = manifests.filter((m) => m['kind'] === kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!;
};

/** The apiVersion each kind is served under by current Kubernetes (1.25+). */
const API_VERSIONS: Record<string, string> = {
  ConfigMap: 'v1',
  Deployment: 'apps/v1',
  Service: 'v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  PodDisruptionBudget: 'policy/v1',
  Job: 'batch/v1',
};

describe('the Kubernetes manifests', () => {
  it('use a served apiVersion and a DNS-1123 name for every kind', () => {
    for (const m of manifests) {
      expect(API_VERSIONS[m['kind']], `${String(m['kind'])} is not expected`).toBe(m['apiVersion']);
      expect(m['metadata']['name']).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    }
    expect(Object.keys(API_VERSIONS).sort()).toEqual(manifests.map((m) => m['kind']).sort());
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

  it('point the Service, the autoscaler and the disruption budget at the Deployment', () => {
    const labels = byKind('Deployment')['spec']['template']['metadata']['labels'];
    expect(byKind('Service')['spec']['selector']).toEqual(labels);
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
  it('puts the API replicas behind nginx, after a one-shot seed, on one Neo4j', () => {
    // Compose applies YAML merge keys (<<: *anchor), as the yaml library does when asked.
    const compose = parse(read('compose.yaml'), { merge: true }) as Doc;
    const services = compose['services'];
    expect(Object.keys(services).sort()).toEqual(['api', 'neo4j', 'nginx', 'seed']);
    expect(services['api']['deploy']['replicas']).toBeGreaterThan(1);
    expect(services['api']['depends_on']['seed']['condition']).toBe('service_completed_successfully');
    expect(services['api']['environment']['NEO4J_URI']).toBe('bolt://neo4j:7687');
    expect(services['nginx']['volumes']).toContain('./nginx.conf:/etc/nginx/nginx.conf:ro');
  });

  it('has nginx retry the next replica for POST too', () => {
    expect(read('nginx.conf')).toMatch(/proxy_next_upstream [^;]*\bnon_idempotent\b/);
  });
});
