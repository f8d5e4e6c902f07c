import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('loadConfig', () => {
  it('uses the local Neo4j and port 4000 when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.neo4j).toBeNull();
    expect(config.localNeo4j.boltPort).toBe(7687);
    expect(config.queryStats).toBe(false);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('connects to NEO4J_URI with its credentials when set', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j://db:7687', NEO4J_USER: 'u', NEO4J_PASSWORD: 'p', NEO4J_DATABASE: 'g' });
    expect(config.neo4j).toEqual({ uri: 'neo4j://db:7687', user: 'u', password: 'p', database: 'g' });
  });

  it('names every bad variable and what it expected', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc', NEO4J_URI: 'http://db:7474', CYPHER_TIMEOUT_MS: '-5', QUERY_STATS: 'maybe' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toEqual([
      'NEO4J_URI must be a URL with scheme bolt, bolt+s, bolt+ssc, neo4j, neo4j+s, neo4j+ssc, got "http://db:7474"',
      'PORT must be an integer 0..65535, got "abc"',
      'CYPHER_TIMEOUT_MS must be an integer 100..600000, got "-5"',
      'QUERY_STATS must be true or false, got "maybe"',
    ]);
  });

  it('rejects a port above 65535', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be an integer 0\.\.65535, got "70000"/);
  });

  it('reports query stats only when asked for', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).queryStats).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', QUERY_STATS: 'true' }).queryStats).toBe(true);
  });

  it('keeps 64 MB of answers unless RESPONSE_CACHE_MB says otherwise, and none for 0', () => {
    expect(loadConfig({}).responseCacheBytes).toBe(64 * 2 ** 20);
    expect(loadConfig({ RESPONSE_CACHE_MB: '0' }).responseCacheBytes).toBe(0);
    expect(() => loadConfig({ RESPONSE_CACHE_MB: '-1' })).toThrow(/RESPONSE_CACHE_MB must be an integer 0\.\.100000, got "-1"/);
  });

  it('allows no CORS origin and serves no pages in production unless asked for', () => {
    expect(loadConfig({}).corsOrigins).toEqual(['*']);
    expect(loadConfig({}).playground).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).corsOrigins).toEqual([]);
    expect(loadConfig({ NODE_ENV: 'production' }).playground).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', CORS_ORIGINS: 'https://a.example, https://b.example' }).corsOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
    expect(loadConfig({ NODE_ENV: 'production', PLAYGROUND: 'true' }).playground).toBe(true);
  });

  it('gives each request its share of the pool unless DB_REQUEST_CONCURRENCY says otherwise', () => {
    expect(loadConfig({ DB_MAX_POOL_SIZE: '50', MAX_ACTIVE_REQUESTS: '8' }).limits.dbRequestConcurrency).toBe(6);
    expect(loadConfig({ DB_MAX_POOL_SIZE: '4', MAX_ACTIVE_REQUESTS: '8' }).limits.dbRequestConcurrency).toBe(1);
    expect(loadConfig({ DB_REQUEST_CONCURRENCY: '3' }).limits.dbRequestConcurrency).toBe(3);
  });

  it('refuses a headers timeout longer than the request timeout', () => {
    expect(() => loadConfig({ HEADERS_TIMEOUT_MS: '40000', REQUEST_TIMEOUT_MS: '30000' })).toThrow(
      'HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS (30000), got "40000"',
    );
  });

  it('turns introspection and field suggestions off in production unless asked for', () => {
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).fieldSuggestions).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'yes' }).introspection).toBe(true);
  });
});
