import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { OrganizationsModule } from '../organizations/organizations.module';
import { LINK_MODEL, LinkSchema } from './link.schema';
import { LinksController } from './links.controller';
import { LinksRepository } from './links.repository';
import { LinksService } from './links.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: LINK_MODEL, schema: LinkSchema }]), OrganizationsModule],
  controllers: [LinksController],
  providers: [LinksRepository, LinksService],
})
export class LinksModule {}
