/**
 * The network a client's address stands for, the unit the rate limit and the connection cap count: an IPv4
 * address itself, an IPv6 address's /64. A /64 is the least one host or subscriber is given (RFC 6177), and every
 * address in it is theirs to use: counted one by one, each would bring a full bucket and its own connections.
 * IPv4 clients of a dual-stack listener (::ffff:a.b.c.d) are their IPv4 address.
 */
import ipaddr from 'ipaddr.js';

const IPV6_CLIENT_PREFIX_GROUPS = 4;

export function clientNetwork(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  const parsed = ipaddr.process(address);
  if (parsed instanceof ipaddr.IPv4) return parsed.toString();
  const prefix = parsed.parts.slice(0, IPV6_CLIENT_PREFIX_GROUPS);
  return `${new ipaddr.IPv6([...prefix, 0, 0, 0, 0]).toString()}/64`;
}
