/**
 * GET /export/…: the whole graph in the formats people load (GraphML, CSV for neo4j-admin, JSON Lines,
 * Cytoscape JSON, JSON-LD) and its Croissant descriptor, streamed as the graph is read; and any neighbourhood or
 * path as GraphML, JSON or Cytoscape JSON, read by the same query modules and with the same limits as the
 * API's `neighborhood` and `path`. Every file carries the release it was written from, in its content and name.
 */
import { Readable } from 'node:stream';
import express, { type Request, type Response, type Router } from 'express';
import { GraphQLError } from 'graphql';
import { createRequestContext } from '../context.js';
import type { Database } from '../db/database.js';
import { exportSchema } from '../db/graph-export.js';
import type { ReleaseRow } from '../db/rows.js';
import { MAX_PATH_HOPS, shortestPath } from '../db/paths.js';
import { neighborhood } from '../db/traversal.js';
import { ErrorCode, notFound } from '../errors.js';
import { sendError, sendNotFound } from '../http-errors.js';
import { holdSlotFor } from '../limits/concurrency-limit.js';
import type { Logger } from '../logger.js';
import type { ReleaseCache } from '../caching/release-cache.js';
import { notCacheable } from '../caching/http-cache.js';
import { croissant } from './croissant.js';
import { csvZip } from './csv-zip.js';
import { cytoscapeJson } from './cytoscape.js';
import { subgraph, wholeGraph, type ExportGraph } from './export-graph.js';
import { subgraphRequest, type SubgraphRequest } from './subgraph-request.js';
import { graphml } from './graphml.js';
import { jsonLd } from './jsonld.js';
import { jsonl } from './jsonl.js';
import { exportFileName } from './release-stamp.js';
import { sendDownload } from './send-download.js';

export interface ExportOptions {
  db: Database;
  releases: ReleaseCache;
  logger: Logger;
  /** The public origin of the server (for JSON-LD ids and Croissant URLs), from the request when not given. */
  origin: (req: Request) => string;
  /**
   * How long a download's connection may make no progress before it is closed: a download holds an execution
   * slot while it streams, so a client that stops reading must not keep it. At least as long as a query may take.
   */
  stallMs: number;
}

type Writer = (graph: ExportGraph, origin: string) => AsyncIterable<string> | Readable;

interface Format {
  contentType: string;
  extension: string;
  write: Writer;
}

const WHOLE_GRAPH: Record<string, Format> = {
  'graph.graphml': { contentType: 'application/graphml+xml; charset=utf-8', extension: 'graphml', write: graphml },
  'graph.csv.zip': { contentType: 'application/zip', extension: 'csv.zip', write: csvZip },
  'graph.jsonl': { contentType: 'application/jsonlines; charset=utf-8', extension: 'jsonl', write: jsonl },
  'graph.cyjs': { contentType: 'application/json; charset=utf-8', extension: 'cyjs', write: cytoscapeJson },
  'graph.jsonld': { contentType: 'application/ld+json; charset=utf-8', extension: 'jsonld', write: jsonLd },
};

/** A subgraph as JSON: the release, the entity rows, the relationships, and whether the node limit cut it. */
async function* subgraphJson(graph: ExportGraph): AsyncGenerator<string> {
  const nodes = [];
  for await (const node of graph.nodes()) nodes.push(node);
  const edges = [];
  for await (const edge of graph.relationships()) edges.push({ type: edge.type, from: edge.from, to: edge.to });
  yield `${JSON.stringify({ release: graph.release, nodes, edges, truncated: graph.truncated }, null, 2)}\n`;
}

const SUBGRAPH: Record<string, Format> = {
  graphml: WHOLE_GRAPH['graph.graphml']!,
  cyjs: WHOLE_GRAPH['graph.cyjs']!,
  json: { contentType: 'application/json; charset=utf-8', extension: 'json', write: subgraphJson },
};

/**
 * The subgraph a request asks for. What is not there is a NOT_FOUND GraphQLError naming the parameter to change:
 * `around` or `path` for an id of no entity (with the entity probably meant, as GraphQL's `path` says it),
 * `maxHops` when the two are joined by no path that short.
 */
async function readSubgraph(db: Database, asked: SubgraphRequest, release: ReleaseRow): Promise<ExportGraph> {
  const { reader, loaders } = createRequestContext(db, { batching: true });
  const unknown = async (parameter: string, id: string) => notFound(parameter, id, await loaders.suggestion({ id, label: null }));
  if ('around' in asked) {
    const found = await neighborhood(reader, asked.around, asked.depth);
    if (!found) throw await unknown('around', asked.around);
    return subgraph(release, found.nodes, found.edges, found.truncated);
  }
  const found = await shortestPath(reader, (id) => loaders.entity.load(id), asked.from, asked.to, asked.maxHops);
  if (found.missing !== null) throw await unknown('path', asked[found.missing]);
  if (found.value === null) {
    const ends = `${JSON.stringify(asked.from)} and ${JSON.stringify(asked.to)}`;
    throw new GraphQLError(`maxHops: no path of at most ${String(asked.maxHops)} relationships joins ${ends} (maxHops may be up to ${String(MAX_PATH_HOPS)})`, {
      extensions: { code: ErrorCode.NOT_FOUND, argument: 'maxHops' },
    });
  }
  return subgraph(release, found.value.nodes, found.value.edges, false);
}

/** Every export's path, for the answer to one that does not exist. */
const EXPORT_PATHS = [
  ...Object.keys(WHOLE_GRAPH).map((path) => `/export/${path}`),
  '/export/croissant.json',
  `/export/subgraph.{${Object.keys(SUBGRAPH).join(',')}} (around=ID&depth=N or path=FROM,TO&maxHops=N)`,
];

function sendFailure(res: Response, logger: Logger, error: unknown): void {
  notCacheable(res);
  // A deliberate error keeps its code and argument: NOT_FOUND is 404, a refused parameter 400.
  if (error instanceof GraphQLError) {
    res.status(error.extensions['code'] === ErrorCode.NOT_FOUND ? 404 : 400).json({ errors: [{ message: error.message, extensions: error.extensions }] });
  } else {
    logger.error({ err: error }, 'export failed');
    sendError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, 'The graph database is unavailable; try again shortly.');
  }
}

export function exportRouter({ db, releases, logger, origin, stallMs }: ExportOptions): Router {
  const router = express.Router();
  const current = async (res: Response): Promise<ReleaseRow | null> => {
    const release = await releases.current();
    if (release === null) {
      notCacheable(res);
      res.set('Retry-After', '5');
      sendError(res, 503, ErrorCode.SERVICE_UNAVAILABLE, 'The graph is being built; try again shortly.');
    }
    return release;
  };

  router.get('/export/croissant.json', async (req, res) => {
    try {
      const release = await current(res);
      if (!release) return;
      const schema = await holdSlotFor(res, exportSchema(db.reader({ cypherQueries: 0 })));
      res.type('application/ld+json').send(JSON.stringify(croissant(release, schema, origin(req)), null, 2));
    } catch (error) {
      sendFailure(res, logger, error);
    }
  });

  router.get('/export/subgraph.:format', async (req, res, next) => {
    const format = SUBGRAPH[req.params.format];
    if (!format) {
      next();
      return;
    }
    try {
      const release = await current(res);
      if (!release) return;
      const graph = await holdSlotFor(res, readSubgraph(db, subgraphRequest(req.query), release));
      await sendDownload(res, { logger, stallMs, fileName: exportFileName(release, 'biofm-graph-subgraph', format.extension), contentType: format.contentType }, format.write(graph, origin(req)));
    } catch (error) {
      sendFailure(res, logger, error);
    }
  });

  for (const [path, format] of Object.entries(WHOLE_GRAPH)) {
    router.get(`/export/${path}`, async (req, res) => {
      let graph: ExportGraph;
      try {
        const release = await current(res);
        if (!release) return;
        graph = await holdSlotFor(res, wholeGraph(db.reader({ cypherQueries: 0 }), release));
      } catch (error) {
        sendFailure(res, logger, error);
        return;
      }
      await sendDownload(res, { logger, stallMs, fileName: exportFileName(graph.release, 'biofm-graph', format.extension), contentType: format.contentType }, format.write(graph, origin(req)));
    });
  }
  router.use('/export', (_req, res) => {
    sendNotFound(res, `No such export. The exports: ${EXPORT_PATHS.join(', ')}.`);
  });
  return router;
}
