import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTestServer } from '../harness.js';

const EXAMPLE_DIR = path.resolve('src/ui/examples');
const examples = readdirSync(EXAMPLE_DIR).filter((f) => f.endsWith('.graphql')).sort();

describe('the example queries of the README and the playground', () => {
  const server = useTestServer();

  it('are the README\'s example blocks, each file once', () => {
    const readme = readFileSync('README.md', 'utf8');
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!.trim()).filter((block) => /^query\b/.test(block));
    // A file opens with `# what it shows`, which the README says in prose above the block.
    const bodies = examples.map((file) => readFileSync(path.join(EXAMPLE_DIR, file), 'utf8').replace(/^(#.*\n)+/, '').trim());
    expect([...bodies].sort()).toEqual([...blocks].sort());
  });

  it.each(examples)('%s runs without errors', async (file) => {
    const response = await server.gql(readFileSync(path.join(EXAMPLE_DIR, file), 'utf8'));
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
    expect(Object.values(response.data ?? {}).every((value) => value !== null)).toBe(true);
  });
});
