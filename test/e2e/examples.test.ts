import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';

const EXAMPLE_DIR = path.resolve('src/ui/examples');
const examples = readdirSync(EXAMPLE_DIR).filter((f) => f.endsWith('.graphql')).sort();

describe('the example queries of the README and the playground', () => {
  const server = useTestServer();

  it('are eleven files, one per capability, numbered from 1 without gaps', () => {
    expect(examples).toHaveLength(11);
    const numbers = examples.map((file) => Number(/^(\d+)-/.exec(file)?.[1])).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: examples.length }, (_, i) => i + 1));
  });

  it.each(examples)('%s runs without errors', async (file) => {
    const response = await server.gql(readFileSync(path.join(EXAMPLE_DIR, file), 'utf8'));
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
    expect(Object.values(response.data ?? {}).every((value) => value !== null)).toBe(true);
  });
});
