import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../platform/api-docs';
import { DomainError } from '@vidnova/contracts';
import {
  Community,
  communityByKatottg,
  CommunityPage,
  countries,
  COUNTRIES_SOURCE,
  RECOVERY_CATEGORIES,
  RECOVERY_CATEGORIES_VERSION,
  searchCommunities,
} from '@vidnova/reference';
import {
  CommunitiesQueryDto,
  CommunityDto,
  CommunityPageDto,
  CountryListDto,
  KatottgParamDto,
  RecoveryCategoryListDto,
} from './communities.dto';

// Static reference data from @vidnova/reference, served by the gateway itself: no bus round trip.

@ApiTags('communities')
@ApiSecurity('apiKey')
@Controller('api/v1/communities')
export class CommunitiesController {
  @Get()
  @ApiOperation({
    summary: 'Find communities (hromadas)',
    description:
      'Every hromada with its KATOTTG code, names (uk, en), raion, oblast, 2022 population and budget code where known. `q` matches Ukrainian or Latin spellings.',
  })
  @ApiOkResponse({ type: CommunityPageDto })
  list(@Query() q: CommunitiesQueryDto): CommunityPage {
    return searchCommunities({ q: q.q, oblast: q.oblast, limit: q.limit, cursor: q.cursor });
  }

  @Get(':katottg')
  @ApiOperation({ summary: 'A community (hromada) by its KATOTTG code', description: 'Names in Ukrainian and English, raion, oblast, 2022 population and the budget code the Open Budget portal uses for it.' })
  @ApiOkResponse({ type: CommunityDto })
  @ApiProblems(404)
  get(@Param() p: KatottgParamDto): Community {
    const community = communityByKatottg(p.katottg);
    if (!community) throw DomainError.notFound('Community', p.katottg);
    return community;
  }
}

@ApiTags('reference')
@ApiSecurity('apiKey')
@Controller('api/v1/reference')
export class ReferenceController {
  @Get('countries')
  @ApiOperation({ summary: 'Countries', description: 'ISO 3166-1 countries with names in Ukrainian and English, as organisations abroad and host-country statistics use them.' })
  @ApiOkResponse({ type: CountryListDto })
  countries(): CountryListDto {
    return { items: [...countries], source: COUNTRIES_SOURCE };
  }

  @Get('recovery-categories')
  @ApiOperation({
    summary: 'Recovery categories',
    description: 'The one recovery-category taxonomy: consultation options are tagged with these ids and budget recovery spending is reported under them, so priorities and spending can be matched.',
  })
  @ApiOkResponse({ type: RecoveryCategoryListDto })
  recoveryCategories(): RecoveryCategoryListDto {
    return {
      items: RECOVERY_CATEGORIES.map((c) => ({
        ...c,
        programCodes: [...c.programCodes],
        functionalCodes: [...c.functionalCodes],
      })),
      version: RECOVERY_CATEGORIES_VERSION,
    };
  }
}
