import { Module } from '@nestjs/common';
import { BudgetAnalysisController, BudgetImportsController } from './budget.controller';

@Module({ controllers: [BudgetImportsController, BudgetAnalysisController] })
export class BudgetGatewayModule {}
