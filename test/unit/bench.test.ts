import { describe, expect, it } from 'vitest';
import { responseHash } from '../../src/bench/canonical.js';
import { measureSequential, median } from '../../src/bench/measure.js';
import type { RealProfile } from '../../src/bench/profile.js';
import { Rng } from '../../src/bench/rng.js';
import { generateGraph } from '../../src/bench/synthetic.js';

const profile: RealProfile = {
  nodes: {
    Domain: [{ id: 'd1', name: 'D one' }, { id: 'd2', name: 'D two' }],
    Task: [{ id: 't1', name: 'T one' }, { id: 't2', name: 'T two' }],
    Dataset: [{ id: 's1', name: 'S one' }],
    Model: [{ id: 'm1', name: 'M one', year: 2020 }, { id: 'm2', name: 'M two', year: 2021 }],
  },
  outDegrees: { HAS_TASK: [1], BENCHMARKED_ON: [1, 2], IN_DOMAIN: [1], PERFORMS: [1, 2], TRAINED_ON: [0, 1], EVALUATED_ON: [1], BASED_ON: [0, 1] },
};

describe('benchmark helpers', () => {
  it('hashes responses alike whatever their key and list order', () => {
    expect(responseHash({ a: [{ x: 1, y: 2 }, { x: 3 }], b: null })).toBe(responseHash({ b: null, a: [{ x: 3 }, { y: 2, x: 1 }] }));
    expect(responseHash({ a: [1, 2] })).not.toBe(responseHash({ a: [1, 3] }));
  });

  it('takes medians of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('draws the same numbers from the same seed', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    expect(Array.from({ length: 5 }, () => a.int(1000))).toEqual(Array.from({ length: 5 }, () => b.int(1000)));
  });

  it('generates the same graph for the same size and seed, scaled from the real counts', () => {
    const first = generateGraph(profile, 100, 1);
    expect(generateGraph(profile, 100, 1)).toEqual(first);
    expect(first.nodes.Model).toHaveLength(100);
    expect(first.nodes.Task).toHaveLength(100);
    expect(first.nodes.Dataset).toHaveLength(50);
    expect(first.nodes.Domain.map((d) => d['id'])).toEqual(['d1', 'd2']);
    // Every model has one domain, and bases are always earlier models.
    expect(first.relationships['IN_DOMAIN']).toHaveLength(100);
    for (const [from, to] of first.relationships['BASED_ON']!) expect(to < from).toBe(true);
    expect(first.nodes.Model[3]?.['name']).toMatch(/^MODEL003 M (one|two)$/);
  });
});

describe('sequential measurement', () => {
  it('times requests one after another and counts failures apart', async () => {
    let calls = 0;
    let inFlight = 0;
    let maxInFlight = 0;
    const measured = await measureSequential(async () => {
      calls += 1;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
      if (calls === 2) throw new Error('refused');
      return calls !== 3;
    }, 4);
    expect(calls).toBe(4);
    expect(maxInFlight).toBe(1);
    expect(measured.errors).toBe(2);
    expect(measured.p50).toBeGreaterThanOrEqual(4);
    expect(measured.p99).toBeGreaterThanOrEqual(measured.p50);
  });
});
