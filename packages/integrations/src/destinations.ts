import { type LookupAddress, type LookupOptions, lookup as lookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { Agent } from 'undici';

/** Where events may go: anywhere, or only to addresses on the public internet. */
export type Destinations = 'any' | 'public';

/**
 * The networks an operator's URL must not reach from the server: loopback, private,
 * link-local (cloud metadata services live there), carrier-grade NAT, multicast and the
 * reserved ranges. Otherwise a URL typed into an integration could read internal services
 * and show their answers in the delivery log.
 */
const NOT_PUBLIC = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  NOT_PUBLIC.addSubnet(network, prefix, 'ipv6');
}

function isPublic(address: string): boolean {
  // An IPv4 address written as IPv6 (::ffff:10.0.0.1) is the IPv4 address.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const plain = mapped ?? address;
  return !NOT_PUBLIC.check(plain, isIP(plain) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * Why the URL may not be sent to, or null when it may. With `public`, every address its host
 * has must be public. A host that does not resolve is left to the request to fail on.
 */
export async function refusedDestination(url: string, destinations: Destinations): Promise<string | null> {
  if (destinations === 'any') {
    return null;
  }
  const host = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: string[];
  if (isIP(host) !== 0) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookup(host, { all: true, verbatim: true })).map((entry) => entry.address);
    } catch {
      return null;
    }
  }
  const blocked = addresses.find((address) => !isPublic(address));
  return blocked === undefined
    ? null
    : `${host} is ${blocked}, not a public address: Tollgate sends only to the public internet ` +
        '(set TOLLGATE_PRIVATE_DESTINATIONS=allow to send to private networks)';
}

/** The `code` of the error a connection to a private address fails with. */
export const NOT_PUBLIC_CODE = 'ENOTPUBLIC';

type LookupCallback = (error: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * The address lookup of every connection made with `PUBLIC_ONLY`: the check above, made again
 * on the very addresses the socket connects to. A name whose DNS answer changes between the
 * check and the request (DNS rebinding) cannot reach a private network this way.
 */
function publicOnlyLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  lookupAddress(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) {
      callback(error, []);
      return;
    }
    const blocked = addresses.find((entry) => !isPublic(entry.address));
    if (blocked) {
      const refusal = new Error(`${hostname} is ${blocked.address}, not a public address`);
      callback(Object.assign(refusal, { code: NOT_PUBLIC_CODE }), []);
      return;
    }
    const [first] = addresses;
    if (options.all || !first) {
      callback(null, addresses);
    } else {
      callback(null, first.address, first.family);
    }
  });
}

/** Connections for `public` destinations: each checked when it is made. */
export const PUBLIC_ONLY = new Agent({ connect: { lookup: publicOnlyLookup } });
