import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Server-side request forgery guard (OWASP API7) for webhook URLs: an address in a private, loopback,
 * link-local (cloud metadata 169.254.169.254), carrier-grade NAT, unique-local, multicast or
 * unspecified range is refused, unless the operator's allow-list (WEBHOOK_ALLOWED_HOSTS) names the
 * host. Checked when the webhook is created and again on the address each delivery connects to
 * (a name that resolves differently later — DNS rebinding — is caught there).
 */
const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) blocked.addSubnet(net, bits, 'ipv6');

/** Whether an IP address is in a range no webhook may reach (IPv4-mapped IPv6 is read as IPv4). */
export function isForbiddenAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 4) return blocked.check(address, 'ipv4');
  if (family === 6) return blocked.check(address, 'ipv6');
  return true;
}

/** The allow-list as configured: host names or addresses, optionally with a port (`127.0.0.1:8080`). */
export function allowList(config: string): string[] {
  return config.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
}

export function isAllowListed(url: URL, allowed: string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return allowed.includes(host) || allowed.includes(`${host}:${port}`);
}

/** Why a URL may not be called, or null when it may. Resolves the host name (every address must pass). */
export async function refusal(raw: string, allowed: string[]): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'only http and https URLs';
  if (url.username || url.password) return 'credentials in the URL are not allowed';
  if (isAllowListed(url, allowed)) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return `the host ${host} does not resolve`;
  }
  const bad = addresses.find(isForbiddenAddress);
  return bad ? `${host} resolves to ${bad}, a private, loopback or link-local address (not in the operator allow-list)` : null;
}
