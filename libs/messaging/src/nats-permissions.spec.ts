import * as contracts from '@vidnova/contracts';
import { API_KEY_REVOKED_SUBJECT, DIASPORA_OPS, healthCheck, Operation, SERVICE_CALLS, SERVICE_NAMES } from '@vidnova/contracts';
import { BACKUP_NATS_USER, GATEWAY_NATS_USER, natsAuthorizationConfig, natsPasswordEnv, NatsUser, platformUsers } from './nats-permissions';

/** NATS subject matching, written out independently of the server: `*` one token, `>` one or more at the end. */
function matches(pattern: string, subject: string): boolean {
  const p = pattern.split('.');
  const s = subject.split('.');
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '>') return s.length > i;
    if (i >= s.length || (p[i] !== '*' && p[i] !== s[i])) return false;
  }
  return p.length === s.length;
}
const may = (list: string[], subject: string) => list.some((p) => matches(p, subject));

/** Every bus operation the contracts export (the `*_OPS` groups). */
function allOperations(): Operation<unknown, unknown>[] {
  const ops: Operation<unknown, unknown>[] = [];
  for (const value of Object.values(contracts)) {
    if (!value || typeof value !== 'object') continue;
    for (const o of Object.values(value as Record<string, unknown>)) {
      const maybe = o as Partial<Operation<unknown, unknown>> | null;
      if (maybe && typeof maybe === 'object' && typeof maybe.subject === 'string' && maybe.reply && maybe.request) ops.push(maybe as Operation<unknown, unknown>);
    }
  }
  return ops;
}

describe('NATS users and permissions', () => {
  const ns = 't-1234abcd';
  const users = platformUsers({ namespace: ns });
  const byName = Object.fromEntries(users.map((u) => [u.user, u])) as Record<string, NatsUser>;
  const gateway = byName[GATEWAY_NATS_USER];
  const ops = allOperations();

  it('has one user per service in the contracts, the gateway and the backup tool', () => {
    expect(users.map((u) => u.user).sort()).toEqual([...SERVICE_NAMES, 'gateway', 'backup'].sort());
    expect(ops.length).toBeGreaterThan(30);
  });

  it('lets exactly one service receive each operation (and its health check), and the gateway send it', () => {
    for (const op of ops) {
      const wire = `${ns}.${op.subject}`;
      const receivers = SERVICE_NAMES.filter((s) => may(byName[s].subscribe, wire));
      // A subject whose first token belongs to no service: give the service a root in SUBJECT_ROOTS.
      expect({ subject: op.subject, receivers: receivers.length }).toEqual({ subject: op.subject, receivers: 1 });
      expect(may(gateway.publish, wire)).toBe(true);
    }
    for (const s of SERVICE_NAMES) {
      const health = `${ns}.${healthCheck(s).subject}`;
      expect(may(byName[s].subscribe, health)).toBe(true);
      expect(SERVICE_NAMES.filter((o) => o !== s && may(byName[o].subscribe, health))).toEqual([]);
      expect(may(gateway.publish, health)).toBe(true);
    }
  });

  it('lets no service send a request to another service except the calls listed in SERVICE_CALLS, read the gateway broadcast or another inbox', () => {
    for (const s of SERVICE_NAMES) {
      const u = byName[s];
      const allowed = new Set((SERVICE_CALLS[s] ?? []).map((op) => op.subject));
      for (const op of ops) {
        expect({ s, subject: op.subject, may: may(u.publish, `${ns}.${op.subject}`) }).toEqual({ s, subject: op.subject, may: allowed.has(op.subject) });
      }
      expect(may(u.publish, `${ns}.${API_KEY_REVOKED_SUBJECT}`)).toBe(false);
      expect(may(u.subscribe, `_INBOX.${ns}.gateway.abc`)).toBe(false);
      expect(may(u.subscribe, `_INBOX.abc`)).toBe(false);
      // Events: its own only.
      expect(may(u.publish, `${ns}.evt.${s}.something`)).toBe(true);
      for (const other of SERVICE_NAMES.filter((o) => o !== s)) expect(may(u.publish, `${ns}.evt.${other}.something`)).toBe(false);
      expect(u.allowResponses).toBe(true);
    }
    expect(gateway.allowResponses).toBe(false);
    // The one cross-service call today: enterprise-efficiency asks budget-analysis for a community's budget summary.
    expect(may(byName['enterprise-efficiency'].publish, `${ns}.${contracts.BUDGET_OPS.summary.subject}`)).toBe(true);
    expect(may(byName['enterprise-efficiency'].publish, `${ns}.${contracts.BUDGET_OPS.importStart.subject}`)).toBe(false);
    expect(may(gateway.subscribe, `${ns}.${DIASPORA_OPS.organizationGet.subject}`)).toBe(false);
    // Nothing outside the namespace, no wildcard JetStream API.
    for (const u of users) {
      expect(may(u.publish, DIASPORA_OPS.organizationGet.subject)).toBe(false);
      expect(may(u.publish, '$JS.API.STREAM.DELETE.OBJ_t-1234abcd-vidnova-uploads')).toBe(false);
      expect(may(u.publish, '$JS.API.STREAM.CREATE.SOMETHING_ELSE')).toBe(false);
    }
  });

  it('lets the backup tool read and write the upload and report buckets and nothing else', () => {
    const b = byName[BACKUP_NATS_USER];
    for (const bucket of [`${ns}-vidnova-uploads`, `${ns}-vidnova-reports`]) {
      expect(may(b.publish, `$O.${bucket}.M.abc`)).toBe(true);
      expect(may(b.publish, `$JS.API.STREAM.INFO.OBJ_${bucket}`)).toBe(true);
      expect(may(b.publish, `$JS.API.CONSUMER.CREATE.OBJ_${bucket}.x`)).toBe(true);
    }
    for (const op of ops) expect(may(b.publish, `${ns}.${op.subject}`)).toBe(false);
    expect(may(b.publish, `$JS.API.STREAM.INFO.${ns}-VIDNOVA_EVENTS`)).toBe(false);
    expect(may(b.publish, `$JS.API.STREAM.CREATE.${ns}-VIDNOVA_EVENTS`)).toBe(false);
    expect(b.subscribe).toEqual([`_INBOX.${ns}.backup.>`]);
    expect(b.allowResponses).toBe(false);
  });

  it('writes the nats-server authorization block with passwords from the environment or given ones', () => {
    const text = natsAuthorizationConfig(platformUsers());
    expect(text).toContain('user: "gateway"\n      password: $NATS_PASSWORD_GATEWAY');
    expect(text).toContain('authorization {\n  timeout: 10\n');
    expect(text).toContain(`password: $${natsPasswordEnv('diaspora-registry')}`);
    expect(natsPasswordEnv('diaspora-registry')).toBe('NATS_PASSWORD_DIASPORA_REGISTRY');
    expect(text).toContain('"diaspora.>"');
    const given = natsAuthorizationConfig(platformUsers(), (u) => `pw-${u.user}`);
    expect(given).toContain('password: "pw-gateway"');
    expect(given).not.toContain('$NATS_PASSWORD');
  });
});
