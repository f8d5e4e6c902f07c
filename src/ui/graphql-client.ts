/** The pages' one way to the API: POST to /graphql on the same server, as any client would. */
export interface GraphQLParams {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** What the answer says besides its data (the server's `extensions.warnings`). */
export interface Warning {
  code: string;
  message: string;
}

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: { warnings?: Warning[] };
}

export async function graphqlFetcher<T = unknown>(params: GraphQLParams): Promise<GraphQLResult<T>> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(params),
  });
  return (await response.json()) as GraphQLResult<T>;
}

/** Runs a query and returns its data with the answer's warnings, or throws with the server's first error message. */
export async function queryWithWarnings<T>(text: string, variables: Record<string, unknown> = {}): Promise<{ data: T; warnings: Warning[] }> {
  const result = await graphqlFetcher<T>({ query: text, variables });
  if (result.errors?.length || !result.data) throw new Error(result.errors?.[0]?.message ?? 'no data');
  return { data: result.data, warnings: result.extensions?.warnings ?? [] };
}

/** Runs a query and returns its data, or throws with the server's first error message. */
export async function query<T>(text: string, variables: Record<string, unknown> = {}): Promise<T> {
  return (await queryWithWarnings<T>(text, variables)).data;
}
