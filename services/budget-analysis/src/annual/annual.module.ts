import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { AnnualController } from './annual.controller';
import { AnnualRepository } from './annual.repository';
import {
  ANNUAL_EXPENDITURE_MODEL,
  ANNUAL_INCOME_MODEL,
  AnnualExpenditureSchema,
  AnnualIncomeSchema,
} from './annual.schema';
import { AnnualService } from './annual.service';

/** Annual figures from published sources (KSE Local Data Hub), loaded by `npm run seed`. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: ANNUAL_EXPENDITURE_MODEL, schema: AnnualExpenditureSchema },
      { name: ANNUAL_INCOME_MODEL, schema: AnnualIncomeSchema },
    ]),
  ],
  controllers: [AnnualController],
  providers: [AnnualRepository, AnnualService],
})
export class AnnualModule {}
