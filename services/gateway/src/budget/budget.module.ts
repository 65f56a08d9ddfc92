import { Module } from '@nestjs/common';
import { UploadForwarder } from '../platform/upload';
import { BudgetAnalysisController, BudgetImportsController } from './budget.controller';

@Module({ controllers: [BudgetImportsController, BudgetAnalysisController], providers: [UploadForwarder] })
export class BudgetGatewayModule {}
