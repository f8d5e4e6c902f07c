/**
 * The example queries of src/ui/examples/*.graphql, in the order of the numbers their names start with, titled
 * by their first comment line.
 */
const files = import.meta.glob<string>('./examples/*.graphql', { query: '?raw', import: 'default', eager: true });

export interface Example {
  title: string;
  query: string;
}

export const examples: Example[] = Object.keys(files)
  .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
  .map((path) => {
    const query = files[path] ?? '';
    const title = /^#\s*([^:.]+)/.exec(query)?.[1]?.trim() ?? path;
    return { title, query };
  });
