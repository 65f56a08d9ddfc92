import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { BUDGET_IMPORT_MODEL, BudgetImportSchema } from './budget-import.schema';
import { BUDGET_PERIOD_MODEL, BudgetPeriodSchema } from './budget-period.schema';
import { BUDGET_ROW_MODEL, BudgetRowSchema } from './budget-row.schema';
import { ImportsController } from './imports.controller';
import { ImportsRepository } from './imports.repository';
import { ImportsService } from './imports.service';

/** Imports of Open Budget portal files: the import records, the rows and the live pointers per budget period. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: BUDGET_IMPORT_MODEL, schema: BudgetImportSchema },
      { name: BUDGET_ROW_MODEL, schema: BudgetRowSchema },
      { name: BUDGET_PERIOD_MODEL, schema: BudgetPeriodSchema },
    ]),
  ],
  controllers: [ImportsController],
  providers: [ImportsRepository, ImportsService],
})
export class ImportsModule {}
