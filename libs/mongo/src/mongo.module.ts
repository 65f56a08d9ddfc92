import { DynamicModule, Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';

export interface MongoOptions {
  url: string;
  dbName: string;
}

/** The one connection a service has, to the one database it owns. */
@Module({})
export class MongoModule {
  static forRoot(opts: MongoOptions): DynamicModule {
    return {
      module: MongoModule,
      imports: [
        MongooseModule.forRoot(opts.url, {
          dbName: opts.dbName,
          serverSelectionTimeoutMS: 10000,
          // Indexes are declared with the schemas; building them at start keeps unique rules enforced.
          autoIndex: true,
        }),
      ],
      exports: [MongooseModule],
    };
  }
}

/** Default database name for a service: `vidnova_<service>` with dashes as underscores. */
export const defaultDbName = (service: string): string => `vidnova_${service.replace(/-/g, '_')}`;
