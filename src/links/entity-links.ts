/**
 * Stable links to an entity: its canonical URL (/entity/:id), the explorer centred on it (/explore?id=…), and its
 * neighbourhood as downloads. The entity itself is read through the GraphQL schema (ENTITY_QUERY), as any client
 * would read it.
 */
export const ENTITY_QUERY = /* GraphQL */ `
  query Entity($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on Domain { name description tasks { id name } }
      ... on Task { name description domains { id name } datasets { id name } }
      ... on Dataset { name description modality size url tasks { id name } leaderboards { metric setting totalCount } }
      ... on Model {
        name year organization architecture paradigm pretraining modalities parameters openWeights description
        paper { title venue year url }
        organizations { id name }
        domains { id name }
        tasks { id name }
        trainedOn { id name }
        evaluatedOn { id name }
        basedOn { id name }
        derivatives { id name }
        results { metric value unit setting variant rank dataset { id name } }
      }
      ... on Organization { name aliases kind country parent { id name } parts { id name } }
    }
  }
`;

/** A Host header as HTTP allows it: a name, or an IPv4 or bracketed IPv6 address, and a port. */
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * The origin links are made of when PUBLIC_URL is unset: the request's own. A Host header that is no host
 * (`evil>; rel="next", <http://x`) would put its text into Link and Location headers, so it gives localhost.
 */
export function requestOrigin(protocol: string, host: string | undefined): string {
  return `${protocol}://${host !== undefined && HOST.test(host) ? host : 'localhost'}`;
}

/** The canonical URL of an entity. */
export function canonicalEntityUrl(origin: string, id: string): string {
  return `${origin}/entity/${encodeURIComponent(id)}`;
}

/** The explorer centred on an entity (the explorer reads `id` and draws its neighbourhood). */
export function explorerUrl(origin: string, id: string): string {
  return `${origin}/explore?id=${encodeURIComponent(id)}`;
}

export function entityLinks(origin: string, id: string): Record<string, string> {
  const around = `around=${encodeURIComponent(id)}`;
  return {
    self: canonicalEntityUrl(origin, id),
    explorer: explorerUrl(origin, id),
    graphml: `${origin}/export/subgraph.graphml?${around}`,
    cytoscape: `${origin}/export/subgraph.cyjs?${around}`,
    json: `${origin}/export/subgraph.json?${around}`,
  };
}
