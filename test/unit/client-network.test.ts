import { describe, expect, it } from 'vitest';
import { clientNetwork } from '../../src/client-network.js';

describe('clientNetwork', () => {
  it('counts an IPv4 address as itself, written as a dual-stack listener gives it or not', () => {
    expect(clientNetwork('203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientNetwork('203.0.113.8')).not.toBe(clientNetwork('203.0.113.7'));
  });

  it('counts every address of an IPv6 /64 as one client, however it is written', () => {
    expect(clientNetwork('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:DB8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(clientNetwork('2001:db8:1:3::9')).toBe('2001:db8:1:3::/64');
  });

  it('leaves what is no address as it is', () => {
    expect(clientNetwork('unknown')).toBe('unknown');
  });
});
