import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditRepository } from './audit.repository';
import { AUDIT_MODEL, AuditSchema } from './audit.schema';

@Module({
  imports: [MongooseModule.forFeature([{ name: AUDIT_MODEL, schema: AuditSchema }])],
  controllers: [AuditController],
  providers: [AuditRepository, AuditInterceptor],
  exports: [AuditRepository, AuditInterceptor],
})
export class AuditModule {}
