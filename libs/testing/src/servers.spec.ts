import { createConnection } from 'node:net';
import { startServer } from './servers';

const connects = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => {
      socket.end();
      done(true);
    });
    socket.on('error', () => done(false));
  });

describe('startServer', () => {
  it('waits until the server listens on the port it was given, and stop() ends it', async () => {
    const server = await startServer({
      name: 'echo',
      bin: process.execPath,
      args: (port) => ['-e', `setTimeout(() => require('node:net').createServer().listen(${port}, '127.0.0.1'), 300)`],
    });
    expect(await connects(server.port)).toBe(true);
    await server.stop();
    expect(server.child.exitCode !== null || server.child.signalCode !== null).toBe(true);
    expect(await connects(server.port)).toBe(false);
  });

  it('tries other ports when the server exits before it listens, then fails with what it printed', async () => {
    const ports: number[] = [];
    const failure = startServer({
      name: 'broken',
      bin: process.execPath,
      args: (port) => {
        ports.push(port);
        return ['-e', `console.error('listen EADDRINUSE 127.0.0.1:${port}'); process.exit(3)`];
      },
    });
    await expect(failure).rejects.toThrow(/broken on 127\.0\.0\.1:\d+ exited \(3\) before it listened/);
    await expect(failure).rejects.toThrow(`listen EADDRINUSE 127.0.0.1:${ports[2]}`);
    expect(new Set(ports).size).toBe(3);
  });
});
