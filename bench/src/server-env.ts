/** The environment the benchmark gives every server it starts, so that systems differ only where they mean to. */

/**
 * The Node flags `npm start` and deploy/Dockerfile run our server with, given to every server the benchmark
 * starts: a young generation of up to 64 MB per semi-space (V8's default is 16) collects each request's short-lived
 * objects in fewer scavenges and promotes fewer of them to the old generation, for 6-18% less of the server's CPU
 * per answer (README, "Benchmark").
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];

/**
 * N+1 opens thousands of queries at once: they wait for a pooled connection instead of failing after 2 s. The
 * slowest operations at L take about a minute and answer tens of megabytes: the servers' own timeouts and our
 * answer size limit must not cut them off. The synthetic graph is not the release of the facts: it is served as
 * it is.
 */
export function serverEnv(neo4jUri: string): Record<string, string> {
  return {
    NEO4J_URI: neo4jUri,
    CYPHER_TIMEOUT_MS: '300000',
    REQUEST_TIMEOUT_MS: '300000',
    MAX_RESPONSE_BYTES: '2000000000',
    RESPONSE_WRITE_TIMEOUT_MS: '300000',
    DB_MAX_POOL_SIZE: '64',
    DB_ACQUISITION_TIMEOUT_MS: '60000',
    SEED_ON_START: 'false',
    LOG_LEVEL: 'warn',
    QUERY_STATS: 'true',
    NODE_ENV: 'development',
  };
}
