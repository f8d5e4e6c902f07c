/**
 * Reads the environment once into a frozen, typed configuration; every bad variable is named in one error.
 */
import { availableParallelism } from 'node:os';
import type { LocalNeo4jCompiler } from './db/local-neo4j.js';
import { projectPath } from './paths.js';
import type { RateLimitConfig } from './rate-limit/rate-limiter.js';

export interface Neo4jConnection {
  uri: string;
  user: string;
  password: string;
  database: string;
}

export interface LocalNeo4jConfig {
  dataDir: string;
  boltPort: number;
  heap: string;
  /** How long one start of the local Neo4j may take. */
  startTimeoutMs: number;
  /** How often the local Neo4j is restarted after it dies, before the server reports itself unhealthy. */
  restarts: number;
  /** Wait before the first restart; it doubles for each further try. */
  restartBackoffMs: number;
  /** Where the JVM's class-data archive (a faster start) is kept, or false to run without one. */
  classArchiveDir: string | false;
  /** The JVM's JIT compilers: optimizing (faster queries) or quick (a faster start on a busy machine). */
  compiler: LocalNeo4jCompiler;
}

/** Static limits checked before any Cypher runs (see README, "Limits and errors"). */
export interface Limits {
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Most nodes an operation may be estimated to return (`first` multiplies down nested lists). */
  maxNodes: number;
  /** Assumed length of a list without `first` in that estimate. */
  listSize: number;
  /** Largest request body, in bytes. */
  maxBodyBytes: number;
  /** Longest time the HTTP server gives one request. */
  requestTimeoutMs: number;
  /** GraphQL requests executing at once; more wait in a queue. */
  maxActiveRequests: number;
  /** Requests that may wait for a slot; more are refused with SERVER_BUSY. */
  maxQueuedRequests: number;
  /** Largest answer, in bytes of JSON; a larger one is replaced by RESPONSE_TOO_LARGE. */
  maxResponseBytes: number;
  /** Longest time an answer may wait for a slow reader once it is built; then the connection is closed. */
  responseWriteTimeoutMs: number;
  /** Cypher queries of one request that run at once (the rest wait for their turn within the request). */
  dbRequestConcurrency: number;
  /** Open HTTP connections in all (server.maxConnections); more are closed at once. */
  maxConnections: number;
  /** Open HTTP connections from one IP address; more are answered 503 TOO_MANY_CONNECTIONS and closed. */
  maxConnectionsPerIp: number;
  /** Longest time a client may take to send the request headers (server.headersTimeout). */
  headersTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (server.keepAliveTimeout). */
  keepAliveTimeoutMs: number;
}

export interface Config {
  port: number;
  production: boolean;
  /** A running Neo4j to use; when absent the server starts the local one. */
  neo4j: Neo4jConnection | null;
  localNeo4j: LocalNeo4jConfig;
  cypherTimeoutMs: number;
  /** Timeout of each schema and seed statement: generous, since a busy machine must not leave half a graph. */
  seedTimeoutMs: number;
  /**
   * Build or verify the release of the facts before serving (default); off serves the graph as it is, for graphs
   * this project did not seed (the benchmark's synthetic ones).
   */
  seedOnStart: boolean;
  dbAcquisitionTimeoutMs: number;
  dbMaxPoolSize: number;
  /** Report the Cypher round trips of each request in the response's `extensions.cypherQueries`. */
  queryStats: boolean;
  /** Batch loads through DataLoader; off only to measure the N+1 baseline in the benchmark. */
  loaderBatching: boolean;
  limits: Limits;
  /** Allowed CORS origins; ['*'] allows any. */
  corsOrigins: string[];
  /** Schema introspection (on in development; off in production unless INTROSPECTION=true). */
  introspection: boolean;
  /** "Did you mean ...?" in validation errors (same default as introspection). */
  fieldSuggestions: boolean;
  /** Serve the playground (/), the explorer (/explore) and the landscape (/landscape); off in production unless PLAYGROUND=true. */
  playground: boolean;
  /** The server's public origin for canonical links (e.g. https://biofm.example.org); from the request when unset. */
  publicUrl: string | undefined;
  /** How many proxies in front of the server to trust for the client's IP (express `trust proxy`). */
  trustProxy: number;
  /** max-age of cacheable GET answers (GraphQL GETs, exports, entity links). */
  cacheMaxAgeSeconds: number;
  /** Bytes of whole GraphQL answers kept in memory for repeated reads of the same release; 0 turns it off. */
  responseCacheBytes: number;
  rateLimit: RateLimitConfig;
}

/** One or more environment variables are invalid; the message names each of them. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const NEO4J_SCHEMES = ['bolt', 'bolt+s', 'bolt+ssc', 'neo4j', 'neo4j+s', 'neo4j+ssc'];

class EnvReader {
  readonly problems: string[] = [];
  constructor(private readonly env: Env) {}

  string(name: string, fallback: string): string {
    const value = this.env[name];
    return value === undefined || value === '' ? fallback : value;
  }

  optional(name: string): string | undefined {
    const value = this.env[name];
    return value === undefined || value === '' ? undefined : value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be an integer ${String(min)}..${String(max)}, got "${raw}"`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optional(name);
    if (raw === undefined) return fallback;
    if (['true', '1', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['false', '0', 'no', 'off'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false, got "${raw}"`);
    return fallback;
  }

  matching(name: string, fallback: string, pattern: RegExp, expected: string): string {
    const raw = this.string(name, fallback);
    if (!pattern.test(raw)) {
      this.problems.push(`${name} must be ${expected}, got "${raw}"`);
      return fallback;
    }
    return raw;
  }

  url(name: string): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    try {
      const url = new URL(raw);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.origin;
    } catch {
      // reported below
    }
    this.problems.push(`${name} must be an http(s) URL such as https://biofm.example.org, got "${raw}"`);
    return undefined;
  }

  list(name: string): string[] {
    return this.string(name, '').split(',').map((item) => item.trim()).filter(Boolean);
  }

  neo4jUri(name: string): string | undefined {
    const raw = this.optional(name);
    if (raw === undefined) return undefined;
    let scheme = '';
    try {
      scheme = new URL(raw).protocol.replace(/:$/, '');
    } catch {
      scheme = '';
    }
    if (!NEO4J_SCHEMES.includes(scheme)) {
      this.problems.push(`${name} must be a URL with scheme ${NEO4J_SCHEMES.join(', ')}, got "${raw}"`);
      return undefined;
    }
    return raw;
  }
}

/**
 * A few executing requests per core keep the CPU and Neo4j busy; more only hold more partial results in memory
 * at once (measured on 2 cores, nested list at 32 connections: 4 slots gave the throughput of 1,000 slots with
 * less than half their resident memory).
 */
const DEFAULT_ACTIVE_REQUESTS = 4 * availableParallelism();

/**
 * Without DB_REQUEST_CONCURRENCY, a request may use its share of the pool: the executing requests together can
 * never ask for more connections than the pool holds, so none waits for a connection another request hoards.
 */
function requestConcurrency(poolSize: number, activeRequests: number): number {
  return Math.max(1, Math.floor(poolSize / activeRequests));
}

/** Builds the configuration from `env`; throws ConfigError naming every invalid variable. */
export function loadConfig(env: Env = process.env): Readonly<Config> {
  const read = new EnvReader(env);
  const production = env['NODE_ENV'] === 'production';
  const uri = read.neo4jUri('NEO4J_URI');
  const dbMaxPoolSize = read.integer('DB_MAX_POOL_SIZE', 50, 1, 1000);
  const maxActiveRequests = read.integer('MAX_ACTIVE_REQUESTS', DEFAULT_ACTIVE_REQUESTS, 1, 10_000);
  const config: Config = {
    port: read.integer('PORT', 4000, 0, 65535),
    production,
    neo4j:
      uri === undefined
        ? null
        : {
            uri,
            user: read.string('NEO4J_USER', 'neo4j'),
            password: read.string('NEO4J_PASSWORD', ''),
            database: read.string('NEO4J_DATABASE', 'neo4j'),
          },
    localNeo4j: {
      dataDir: read.string('NEO4J_LOCAL_DATA_DIR', projectPath('.neo4j-local', 'data')),
      boltPort: read.integer('NEO4J_LOCAL_BOLT_PORT', 7687, 1, 65535),
      heap: read.matching('NEO4J_LOCAL_HEAP', '1g', /^\d+[kmg]$/i, 'a Java heap size such as 512m or 2g'),
      startTimeoutMs: read.integer('NEO4J_LOCAL_START_TIMEOUT_MS', 120_000, 1000, 3_600_000),
      restarts: read.integer('NEO4J_LOCAL_RESTARTS', 5, 0, 100),
      restartBackoffMs: read.integer('NEO4J_LOCAL_RESTART_BACKOFF_MS', 1000, 10, 600_000),
      classArchiveDir: read.boolean('NEO4J_LOCAL_CLASS_ARCHIVE', true) && projectPath('.neo4j-local', 'cds'),
      compiler: read.matching('NEO4J_LOCAL_JIT', 'optimizing', /^(optimizing|quick)$/, 'optimizing or quick') as LocalNeo4jCompiler,
    },
    cypherTimeoutMs: read.integer('CYPHER_TIMEOUT_MS', 5000, 100, 600_000),
    seedTimeoutMs: read.integer('SEED_TIMEOUT_MS', 600_000, 1000, 3_600_000),
    seedOnStart: read.boolean('SEED_ON_START', true),
    dbAcquisitionTimeoutMs: read.integer('DB_ACQUISITION_TIMEOUT_MS', 2000, 100, 60_000),
    dbMaxPoolSize,
    queryStats: read.boolean('QUERY_STATS', false),
    loaderBatching: read.boolean('LOADER_BATCHING', true),
    limits: {
      maxDepth: read.integer('MAX_DEPTH', 12, 1, 100),
      maxAliases: read.integer('MAX_ALIASES', 30, 0, 1000),
      maxDirectives: read.integer('MAX_DIRECTIVES', 20, 0, 1000),
      maxTokens: read.integer('MAX_TOKENS', 2000, 10, 100_000),
      maxNodes: read.integer('MAX_NODES', 500_000, 1, 100_000_000),
      listSize: read.integer('LIST_SIZE_ESTIMATE', 20, 1, 10_000),
      maxBodyBytes: read.integer('MAX_BODY_BYTES', 100_000, 1000, 10_000_000),
      requestTimeoutMs: read.integer('REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
      maxActiveRequests,
      maxQueuedRequests: read.integer('MAX_QUEUED_REQUESTS', 256, 0, 100_000),
      maxResponseBytes: read.integer('MAX_RESPONSE_BYTES', 10_000_000, 1000, 2_000_000_000),
      responseWriteTimeoutMs: read.integer('RESPONSE_WRITE_TIMEOUT_MS', 10_000, 100, 600_000),
      dbRequestConcurrency: read.integer('DB_REQUEST_CONCURRENCY', requestConcurrency(dbMaxPoolSize, maxActiveRequests), 1, 1000),
      maxConnections: read.integer('MAX_CONNECTIONS', 4096, 1, 1_000_000),
      maxConnectionsPerIp: read.integer('MAX_CONNECTIONS_PER_IP', 128, 1, 1_000_000),
      headersTimeoutMs: read.integer('HEADERS_TIMEOUT_MS', 10_000, 100, 600_000),
      keepAliveTimeoutMs: read.integer('KEEP_ALIVE_TIMEOUT_MS', 5000, 100, 600_000),
    },
    // Production answers no cross-origin browser request unless origins are configured.
    corsOrigins: read.string('CORS_ORIGINS', production ? '' : '*').split(',').map((origin) => origin.trim()).filter(Boolean),
    introspection: read.boolean('INTROSPECTION', !production),
    fieldSuggestions: read.boolean('FIELD_SUGGESTIONS', !production),
    playground: read.boolean('PLAYGROUND', !production),
    publicUrl: read.url('PUBLIC_URL'),
    trustProxy: read.integer('TRUST_PROXY', 0, 0, 100),
    cacheMaxAgeSeconds: read.integer('CACHE_MAX_AGE_S', 300, 0, 31_536_000),
    responseCacheBytes: read.integer('RESPONSE_CACHE_MB', 64, 0, 100_000) * 2 ** 20,
    rateLimit: {
      enabled: read.boolean('RATE_LIMIT', production),
      points: read.integer('RATE_LIMIT_POINTS', 5000, 1, 100_000_000),
      windowSeconds: read.integer('RATE_LIMIT_WINDOW_S', 3600, 1, 86_400),
      nodesPerPoint: read.integer('RATE_LIMIT_NODES_PER_POINT', 100, 1, 100_000_000),
      exportPoints: read.integer('RATE_LIMIT_EXPORT_POINTS', 500, 1, 100_000_000),
      apiKeys: read.list('API_KEYS'),
      apiKeyHeader: read.matching('API_KEY_HEADER', 'x-api-key', /^[A-Za-z0-9-]+$/, 'an HTTP header name').toLowerCase(),
      redisUrl: read.optional('RATE_LIMIT_REDIS_URL'),
      redisTimeoutMs: read.integer('RATE_LIMIT_REDIS_TIMEOUT_MS', 2000, 100, 60_000),
    },
  };
  const { headersTimeoutMs, requestTimeoutMs } = config.limits;
  if (headersTimeoutMs > requestTimeoutMs) {
    read.problems.push(`HEADERS_TIMEOUT_MS must not exceed REQUEST_TIMEOUT_MS (${String(requestTimeoutMs)}), got "${String(headersTimeoutMs)}"`);
  }
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return Object.freeze(config);
}
