import { DynamicModule, Logger, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { mongo, type Connection } from 'mongoose';
import { instrumentMongoClient, Metrics, MonitoredClient } from '@vidnova/metrics';
import { Migration, runMigrations } from './migrations';
import { MonitorWatchdog, WatchedClient } from './monitor-watchdog';

export interface MongoOptions {
  url: string;
  dbName: string;
  /**
   * The service's migrations (its `src/migrations/index.ts`): run under the database's migration lock
   * before the connection is handed to anything else (migrations.ts). Omitted: none are checked.
   */
  migrations?: readonly Migration[];
}

/**
 * Brings `dbName` to the latest migration over a client of its own (closed afterwards), so models,
 * index builds and start-up jobs only ever see a migrated database. Throws MigrationError (the service
 * does not start) when a recorded migration changed or is unknown to this release.
 */
export async function migrateDatabase(url: string, dbName: string, migrations: readonly Migration[]): Promise<void> {
  const logger = new Logger('Migrations');
  const client = await new mongo.MongoClient(url, { ...MONGO_DRIVER_OPTIONS }).connect();
  try {
    const result = await runMigrations(client.db(dbName), migrations, { log: (msg) => logger.log(msg) });
    if (result.applied.length) logger.log(`${dbName} is at migration ${result.version} (${result.applied.length} applied now)`);
  } finally {
    await client.close();
  }
}

/**
 * Driver settings every service shares. The aim: while the database is away an operation fails within
 * a few seconds (and the service answers 503 + Retry-After, libs/messaging errors.ts), instead of
 * waiting past the gateway's bus timeout (504); a blip shorter than the selection timeout is absorbed;
 * the service notices the database is back within a heartbeat.
 */
export const MONGO_DRIVER_OPTIONS = {
  /** How long an operation waits for a usable server before MongoServerSelectionError (driver: 30 s). */
  serverSelectionTimeoutMS: 3000,
  /** How often the monitor checks the server when nothing asks sooner (driver: 10 s). */
  heartbeatFrequencyMS: 2000,
  /**
   * TCP connect and monitor `hello` timeout (driver: 30 s). A heartbeat that opens a connection takes
   * at most two of these (connect, then handshake); a longer one is stuck (see the watchdog).
   */
  connectTimeoutMS: 3000,
} as const;

/**
 * Mongoose's own queue is off: with it, an operation issued while mongoose thinks it is disconnected
 * waits up to 10 s and then fails with a plain MongooseError (a 500, after the gateway has already
 * answered 504). Without it the driver's server selection (above) decides, fast and with its own error
 * classes. Models are only used after the connection is open (Nest awaits it before the app starts).
 */
const MONGOOSE_OPTIONS = { bufferCommands: false } as const;

/** A heartbeat is stuck once it is past anything the driver's own timeouts allow (8 s with the above). */
export const MONITOR_STUCK_AFTER_MS = 2 * MONGO_DRIVER_OPTIONS.connectTimeoutMS + MONGO_DRIVER_OPTIONS.heartbeatFrequencyMS;

/** Starts the watchdog on a connection's client (see monitor-watchdog.ts) and stops it with the connection. */
export function watchConnection(connection: Connection): Connection {
  const logger = new Logger('MongoWatchdog');
  const watchdog = new MonitorWatchdog(connection.getClient() as unknown as WatchedClient, {
    stuckAfterMs: MONITOR_STUCK_AFTER_MS,
    log: (m) => logger.warn(m),
  }).start();
  connection.once('close', () => watchdog.stop());
  return connection;
}

/** The one connection a service has, to the one database it owns. */
@Module({})
export class MongoModule {
  static forRoot(opts: MongoOptions): DynamicModule {
    return {
      module: MongoModule,
      imports: [
        // Async to run the migrations first, and to be handed the service's Metrics (libs/metrics, from HealthModule).
        MongooseModule.forRootAsync({
          inject: [{ token: Metrics, optional: true }],
          useFactory: async (metrics?: Metrics) => {
            if (opts.migrations) await migrateDatabase(opts.url, opts.dbName, opts.migrations);
            return {
              uri: opts.url,
              dbName: opts.dbName,
              ...MONGO_DRIVER_OPTIONS,
              ...MONGOOSE_OPTIONS,
              // Command monitoring events feed the per-collection command timings (libs/metrics mongo.ts).
              monitorCommands: metrics !== undefined,
              // Indexes are declared with the schemas; building them at start keeps unique rules enforced.
              autoIndex: true,
              // The client exists (not yet connected) when the connection is created: its pool events from the start.
              onConnectionCreate: (connection: Connection) => {
                if (metrics) instrumentMongoClient(metrics, connection.getClient() as unknown as MonitoredClient);
              },
              connectionFactory: (connection: Connection) => watchConnection(connection),
            };
          },
        }),
      ],
      exports: [MongooseModule],
    };
  }
}

/** Default database name for a service: `vidnova_<service>` with dashes as underscores. */
export const defaultDbName = (service: string): string => `vidnova_${service.replace(/-/g, '_')}`;
