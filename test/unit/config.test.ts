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

  it('turns introspection and field suggestions off in production unless asked for', () => {
    expect(loadConfig({}).introspection).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).introspection).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).fieldSuggestions).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'yes' }).introspection).toBe(true);
  });
});
