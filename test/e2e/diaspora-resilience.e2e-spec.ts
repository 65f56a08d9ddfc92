import { OrganizationsService } from '@vidnova/diaspora-registry';
import { startPlatform, TestPlatform } from './platform';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Outcome {
  status: number;
  id?: string;
  name: string;
}

/**
 * Writers that create organisations in a loop until stopped, recording every answer. Each name is
 * unique, so a write stored twice (a retried request processed twice) would show up as an extra record.
 */
function writeTraffic(client: TestPlatform['api'], workers: number, tag: string) {
  const outcomes: Outcome[] = [];
  let running = true;
  let n = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const name = `Restart probe ${tag} ${n++}`;
      const res = await client.post('/api/v1/diaspora/organizations', { name: { original: name }, country: 'NL', city: tag, type: 'other' });
      outcomes.push({ status: res.status, id: res.body?.id, name });
    }
  });
  return {
    outcomes,
    created: () => outcomes.filter((o) => o.status === 201).length,
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

async function until(cond: () => boolean, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

async function allInCity(client: TestPlatform['api'], city: string): Promise<Array<{ id: string; name: { original: string } }>> {
  const all: Array<{ id: string; name: { original: string } }> = [];
  let cursor: string | null = null;
  do {
    const res: { status: number; body: { items: Array<{ id: string; name: { original: string } }>; nextCursor: string | null } } = await client.get(`/api/v1/diaspora/organizations?city=${encodeURIComponent(city)}&limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    all.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return all;
}

describe('diaspora-registry under restarts and scale-out', () => {
  let p: TestPlatform;
  let partner: TestPlatform['api'];

  beforeAll(async () => {
    p = await startPlatform(['diaspora-registry']);
    const pk = await p.admin.post('/api/v1/api-keys', { name: 'partner', role: 'partner', organization: 'partner-org' });
    partner = p.api.withKey(pk.body.key);
  });
  afterAll(() => p?.stop());

  it('loses no accepted write and answers no 5xx when the service restarts during write traffic', async () => {
    const traffic = writeTraffic(partner, 4, 'Restartdam');
    await until(() => traffic.created() >= 20);
    // Stop the only instance (graceful: in-flight work finishes, new messages are refused as retryable),
    // leave the bus without any responder for a moment, then start a fresh instance.
    const [old] = p.services['diaspora-registry'];
    await old.stop();
    const createdWhileDown = traffic.created();
    await sleep(300);
    await p.startInstance('diaspora-registry');
    await until(() => traffic.created() >= createdWhileDown + 20);
    await traffic.stop();

    const statuses = traffic.outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([201]));
    const stored = await allInCity(partner, 'Restartdam');
    const accepted = traffic.outcomes.filter((o) => o.status === 201);
    expect(stored.map((o) => o.id).sort()).toEqual(accepted.map((o) => o.id).sort());
    // Every name once: no write was carried out twice by a retry.
    expect(new Set(stored.map((o) => o.name.original)).size).toBe(stored.length);
  });

  it('shares the work between two instances in the queue group and keeps serving when one leaves', async () => {
    const live = p.services['diaspora-registry'].filter((_, i, all) => i === all.length - 1);
    const second = await p.startInstance('diaspora-registry');
    const instances = [live[0], second];
    const created = await partner.post('/api/v1/diaspora/organizations', { name: { original: 'Queue group probe' }, country: 'NL', city: 'Utrecht', type: 'other' });
    expect(created.status).toBe(201);
    const spies = instances.map((s) => jest.spyOn(s.app.get(OrganizationsService), 'get'));
    for (let i = 0; i < 40; i++) expect((await partner.get(`/api/v1/diaspora/organizations/${created.body.id}`)).status).toBe(200);
    const calls = spies.map((s) => s.mock.calls.length);
    expect(calls[0] + calls[1]).toBe(40);
    // NATS queue groups hand each message to one member at random: both took a share.
    expect(calls[0]).toBeGreaterThan(0);
    expect(calls[1]).toBeGreaterThan(0);

    const traffic = writeTraffic(partner, 4, 'Scaledam');
    await until(() => traffic.created() >= 20);
    await instances[0].stop();
    const afterStop = traffic.created();
    await until(() => traffic.created() >= afterStop + 20);
    await traffic.stop();
    expect(traffic.outcomes.filter((o) => o.status !== 201)).toEqual([]);
    const stored = await allInCity(partner, 'Scaledam');
    expect(stored).toHaveLength(traffic.outcomes.length);
    spies.forEach((s) => s.mockRestore());
  });
});
