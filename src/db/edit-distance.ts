/** The most edits a near miss may have: Lucene's fuzzy queries allow no more. */
export const MAX_NEAR_EDITS = 2;

/**
 * The edit distance between two words as Lucene's fuzzy queries count it (optimal string alignment: an insertion, a
 * deletion, a substitution or two neighbouring letters swapped is one edit), so that the ranking can tell how near
 * each near miss is, which the fuzzy query's score does not say (it blends in how often the key occurs).
 *
 * Only near misses matter, so the count stops past `max`: any distance over it is `max + 1`. The texts are a
 * client's (a search text's key may be as long as the request body), so two whose lengths differ by more than
 * `max` are not compared at all, and only alignments within `max` of the diagonal are counted: the work is the
 * shorter text's length times `2 × max + 1`, never the two lengths multiplied.
 */
export function editDistance(a: string, b: string, max: number): number {
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  // Three rows of the dynamic programme (the one before the previous is needed for a swap), reused in turn and
  // computed only within `max` of the diagonal; the cell on each side of a row's band is set over `max`, which is
  // all a later row reads outside the band.
  const row = (): number[] => new Array<number>(b.length + 1).fill(over);
  let [before, previous, current] = [row(), row(), row()];
  for (let j = 0; j <= Math.min(b.length, max); j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const low = Math.max(1, i - max);
    const high = Math.min(b.length, i + max);
    current[low - 1] = low === 1 && i <= max ? i : over;
    if (high < b.length) current[high + 1] = over;
    let rowBest = current[low - 1]!;
    for (let j = low; j <= high; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let cost = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cost = Math.min(cost, before[j - 2]! + 1);
      current[j] = Math.min(cost, over);
      rowBest = Math.min(rowBest, current[j]!);
    }
    // Row minima never fall (swaps included): past `max` here, past it at the end.
    if (rowBest > max) return over;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}
