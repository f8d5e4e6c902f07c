/**
 * The edit distance between two words as Lucene's fuzzy queries count it (optimal string alignment: an insertion, a
 * deletion, a substitution or two neighbouring letters swapped is one edit), so that the ranking can tell how near
 * each near miss is, which the fuzzy query's score does not say (it blends in how often the key occurs).
 */
export function editDistance(a: string, b: string): number {
  // Three rows of the dynamic programme: the one before the previous is needed for a swap.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let cost = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2]! + 1);
      current.push(cost);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
