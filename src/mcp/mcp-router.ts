/**
 * The Model Context Protocol endpoint at /mcp (streamable HTTP, stateless, JSON answers; the official SDK) for
 * AI agents. Every tool is a GraphQL operation run through the server's own pipeline (execute.ts), so tools have
 * the API's limits, costs and errors (ranges such as depth 1..3 are checked there, not again here), and a
 * `graphql` tool runs any read-only query under the same limits.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import express, { type RequestHandler, type Router } from 'express';
import { buildSchema, GraphQLEnumType, type GraphQLSchema } from 'graphql';
import * as z from 'zod/v4';
import { ErrorCode } from '../errors.js';
import type { ExecuteOperation, OperationResult } from '../execute.js';
import { sendError } from '../http-errors.js';
import { holdSlotFor } from '../limits/concurrency-limit.js';
import { responseTooLarge } from '../limits/response-size-plugin.js';
import { ENTITY_QUERY } from '../links/entity-links.js';
import type { Logger } from '../logger.js';
import { CLIENT_LOCAL, copyRateLimitFields } from '../rate-limit/rate-limit-middleware.js';

const ENTITY_FIELDS = '__typename id ... on Domain { name } ... on Task { name } ... on Dataset { name } ... on Model { name year } ... on Organization { name }';

/** The values of one of the schema's enums, for a tool's input schema (the API validates them again). */
function enumOf(schema: GraphQLSchema, name: string): z.ZodEnum {
  const type = schema.getType(name);
  if (!(type instanceof GraphQLEnumType)) throw new Error(`schema.graphql has no enum ${name}`);
  return z.enum(type.getValues().map((value) => value.name));
}

/** The API's `kinds` argument (of search and resolve) as a tool argument. */
const onlyKinds = (schema: GraphQLSchema): z.ZodOptional<z.ZodArray<z.ZodEnum>> => z.array(enumOf(schema, 'EntityKind')).optional().describe('Only entities of these kinds');

/** The API's ModelWhere as a tool argument (the API checks its fields). */
const modelWhere = (what: string): z.ZodOptional<z.ZodRecord<z.ZodString, z.ZodUnknown>> =>
  z
    .record(z.string(), z.unknown())
    .optional()
    .describe(
      `Only ${what} matching every condition, as the API's ModelWhere: domain, task, dataset, developedBy (ids), paradigm, modality, organization, nameContains, yearFrom, yearTo, openWeights, minParameters`,
    );

interface Tool {
  description: string;
  input: z.ZodRawShape;
  query: string;
}

/** The tools: name, description, input schema, and the GraphQL operation they run with their arguments. */
const tools = (schema: GraphQLSchema): Record<string, Tool> => ({
  search: {
    description:
      'Full-text search over the names, aliases, descriptions and paper titles of models, datasets, tasks, domains and organisations, optionally of some kinds only; best first. ' +
      'Use it to find the id of something named in a question.',
    input: {
      text: z.string().min(1).describe('Words to look for'),
      first: z.number().int().default(10).describe('How many hits, 0..100'),
      kinds: onlyKinds(schema),
    },
    query: `query Search($text: NonEmptyString!, $first: Int, $kinds: [EntityKind!]) { search(text: $text, first: $first, kinds: $kinds) { score node { ${ENTITY_FIELDS} } } }`,
  },
  resolve: {
    description: 'Names to entity ids, up to 100 at once, in input order: each name\'s entity (null when none is convincing) and up to 3 close candidates. Use it before the tools that take ids.',
    input: {
      names: z.array(z.string().min(1)).min(1).max(100).describe('Names, nicknames or ids, e.g. ["ESM-2", "ChEMBL"]'),
      kinds: onlyKinds(schema),
    },
    query: `query Resolve($names: [NonEmptyString!]!, $kinds: [EntityKind!]) { resolve(names: $names, kinds: $kinds) { input node { ${ENTITY_FIELDS} } candidates { score node { ${ENTITY_FIELDS} } } } }`,
  },
  get_entity: {
    description: 'One entity by id, with its properties and its direct links (tasks, datasets, organisations, base models, ...).',
    input: { id: z.string().min(1).describe('The entity id, e.g. esm-2') },
    query: ENTITY_QUERY,
  },
  related_models: {
    description: 'Models most similar to a model by the Jaccard index over the tasks they perform and the datasets they saw, best first.',
    input: { id: z.string().min(1).describe('A model id'), first: z.number().int().default(10).describe('How many, 0..100') },
    query: `query Related($id: ID!, $first: Int) { relatedModels(id: $id, first: $first) { score model { id name } sharedTasks { id name } sharedDatasets { id name } } }`,
  },
  find_paths: {
    description:
      'What lies between two entities: the shortest paths between them (ignoring direction), each with the entities and relationships along it, ' +
      'optionally only through some relationship types or avoiding some kinds of entity in between; [] when none is within maxHops. ' +
      'Ordered by the names along them; when more than 1,000 shortest paths join the two, the first of 1,000 of them (extensions.warnings says PATHS_SAMPLED).',
    input: {
      from: z.string().min(1).describe('Id of the start'),
      to: z.string().min(1).describe('Id of the end'),
      maxHops: z.number().int().default(4).describe('Longest path considered, 1..6'),
      first: z.number().int().default(5).describe('How many paths at most, 1..20'),
      via: z.array(enumOf(schema, 'RelationType')).optional().describe('Only relationships of these types'),
      avoidKinds: z.array(enumOf(schema, 'EntityKind')).optional().describe('No entity of these kinds between the two ends'),
    },
    query:
      'query Paths($from: ID!, $to: ID!, $maxHops: Int, $first: Int, $via: [RelationType!], $avoidKinds: [EntityKind!]) ' +
      '{ paths(from: $from, to: $to, maxHops: $maxHops, first: $first, via: $via, avoidKinds: $avoidKinds) ' +
      `{ length nodes { ${ENTITY_FIELDS} } edges { type from to } } }`,
  },
  model_counts: {
    description:
      'How many models there are, grouped by one or two dimensions (year, domain, task, modality, paradigm, open weights, base model, organisation, organisation group), ' +
      'optionally only of the models matching conditions; for questions such as "how many drug-discovery models per year".',
    input: {
      by: z.array(enumOf(schema, 'ModelDimension')).min(1).max(2).describe('One or two dimensions, each at most once'),
      where: modelWhere('the models'),
    },
    query:
      'query Counts($by: [ModelDimension!]!, $where: ModelWhere) { modelCounts(by: $by, where: $where) ' +
      '{ count year modality paradigm openWeights domain { id name } task { id name } baseModel { id name } organization { id name } organizationGroup { id name } } }',
  },
  leaderboard: {
    description:
      'The leaderboards of a benchmark dataset, one per metric and setting (results of different settings are never compared), each best first with ranks, values, units and sources; ' +
      'optionally only the entries of some models (their ranks stay those of the whole leaderboard).',
    input: {
      dataset: z.string().min(1).describe('Id of the dataset, e.g. pubmedqa'),
      first: z.number().int().default(10).describe('Entries per leaderboard, 0..100'),
      where: modelWhere('the entries of models'),
    },
    query:
      'query Leaderboards($dataset: ID!, $first: Int, $where: ModelWhere) { node(id: $dataset) { __typename id ... on Dataset { name leaderboards ' +
      '{ metric setting higherIsBetter totalCount entries(first: $first, where: $where) { rank value unit variant split model { id name } source { title url kind } } } } } }',
  },
  neighborhood: {
    description: 'The entities within depth (1..3) relationships of an entity, at most 200, and the relationships among them.',
    input: { id: z.string().min(1).describe('Id of the centre'), depth: z.number().int().default(1).describe('How many relationships away, 1..3') },
    query: `query Neighborhood($id: ID!, $depth: Int) { neighborhood(id: $id, depth: $depth) { truncated nodes { ${ENTITY_FIELDS} } edges { type from to } } }`,
  },
});

/** Generously, the bytes of a JSON-RPC answer besides its tool result's two copies (jsonrpc, id, the keys). */
const ENVELOPE_BYTES = 1000;

/**
 * A tool's answer carries its GraphQL result twice, as text (which MCP clients without structured content read)
 * and as structured content: together, with the text escaped again inside the JSON-RPC answer, they must fit
 * MAX_RESPONSE_BYTES as a GraphQL answer does, or the result is replaced by RESPONSE_TOO_LARGE.
 */
function toolResult(result: OperationResult, maxBytes: number): CallToolResult {
  const text = JSON.stringify(result);
  const fits = Buffer.byteLength(text) + Buffer.byteLength(JSON.stringify(text)) + ENVELOPE_BYTES <= maxBytes;
  return fits ? toolAnswer(result, text) : toolAnswer({ errors: [responseTooLarge(maxBytes)] });
}

function toolAnswer(result: OperationResult, text = JSON.stringify(result)): CallToolResult {
  return {
    content: [{ type: 'text', text }],
    structuredContent: result as Record<string, unknown>,
    isError: (result.errors?.length ?? 0) > 0,
  };
}

interface McpServerOptions {
  execute: ExecuteOperation;
  client: string | undefined;
  schemaSdl: string;
  toolList: Record<string, Tool>;
  maxResponseBytes: number;
}

function mcpServer({ execute, client, schemaSdl, toolList, maxResponseBytes }: McpServerOptions): McpServer {
  const server = new McpServer({ name: 'biofm-graph', version: '1.0.0' });
  for (const [name, tool] of Object.entries(toolList)) {
    server.registerTool(
      name,
      { description: tool.description, inputSchema: tool.input, annotations: { readOnlyHint: true, openWorldHint: false } },
      async (args: Record<string, unknown>) => toolResult(await execute(tool.query, args, client), maxResponseBytes),
    );
  }
  server.registerTool(
    'graphql',
    {
      description:
        'Runs a read-only GraphQL query against the graph of biomedical foundation models, under the API\'s limits (depth, node estimate, time). ' +
        'The schema (SDL) is the resource graphql://schema.',
      inputSchema: {
        query: z.string().min(1).describe('A GraphQL query (no mutations exist)'),
        variables: z.record(z.string(), z.unknown()).optional().describe('Variables of the query'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ query, variables }) => toolResult(await execute(query, variables ?? {}, client), maxResponseBytes),
  );
  server.registerResource('schema', 'graphql://schema', { description: 'The GraphQL schema (SDL) the graphql tool queries.', mimeType: 'application/graphql' }, (uri) => ({
    contents: [{ uri: uri.href, text: schemaSdl }],
  }));
  return server;
}

function methodNotAllowed(): RequestHandler {
  return (_req, res) => {
    res.set('allow', 'POST');
    sendError(res, 405, ErrorCode.BAD_REQUEST, 'The MCP endpoint is stateless: send JSON-RPC messages with POST.');
  };
}

/**
 * One JSON-RPC message per request: a batch would run all its tool calls at once inside one execution slot, each
 * with the database connections of a whole request (100 path searches took the pool from every other client).
 * MCP's 2025-06-18 revision dropped batches; clients send one message per POST.
 */
const refuseBatches: RequestHandler = (req, res, next) => {
  if (!Array.isArray(req.body)) {
    next();
    return;
  }
  res.status(400).json({ jsonrpc: '2.0', error: { code: -32600, message: 'Batches are not supported: send one JSON-RPC message per request.' }, id: null });
};

/**
 * Mounted at /mcp after its body is read (mcpBody, before the execution slot is taken, so that a slow upload holds
 * none): each POST gets a fresh server and transport (stateless), answered as JSON.
 */
export function mcpRouter(options: { execute: ExecuteOperation; schemaSdl: string; logger: Logger; maxResponseBytes: number }): Router {
  const router = express.Router();
  const toolList = tools(buildSchema(options.schemaSdl));
  router.post('/', refuseBatches, async (req, res) => {
    // The request's slot covers its tool calls until they end, whether or not the client waits for them; the
    // answer's RateLimit fields are the tool call's, set once it is charged (the door's said one token less).
    const execute: ExecuteOperation = (query, variables, client) =>
      holdSlotFor(res, options.execute(query, variables, client, (headers) => copyRateLimitFields(headers, res)));
    const server = mcpServer({
      execute,
      client: res.locals[CLIENT_LOCAL] as string | undefined,
      schemaSdl: options.schemaSdl,
      toolList,
      maxResponseBytes: options.maxResponseBytes,
    });
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on('close', () => {
      void transport.close();
      void server.close();
    });
    try {
      await server.connect(transport);
      await transport.handleRequest(req, res, req.body);
    } catch (error) {
      options.logger.error({ err: error }, 'MCP request failed');
      if (!res.headersSent) res.status(500).json({ jsonrpc: '2.0', error: { code: -32603, message: 'Internal server error' }, id: null });
    }
  });
  router.all('/', methodNotAllowed());
  return router;
}

/** Reads an /mcp body of up to `maxBodyBytes` (JSON-RPC is JSON); runs before the execution slot is taken. */
export function mcpBody(maxBodyBytes: number): RequestHandler {
  return express.json({ limit: maxBodyBytes });
}
