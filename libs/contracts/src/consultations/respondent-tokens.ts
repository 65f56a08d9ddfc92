import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IntField } from '../fields';
import { MAX_RESPONDENT_TOKENS_PER_REQUEST } from './enums';

/** How many one-time respondent tokens to issue. */
export class RespondentTokenCount {
  @IntField({ min: 1, max: MAX_RESPONDENT_TOKENS_PER_REQUEST, example: 500, description: `How many tokens to issue (1..${MAX_RESPONDENT_TOKENS_PER_REQUEST})` })
  count!: number;
}

export class IssueRespondentTokensRequest extends RespondentTokenCount {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  @IsString() @MaxLength(64)
  consultationId!: string;
}

/**
 * One-time tokens for the online channel, shown once: the platform keeps only a keyed hash of each,
 * so a lost token cannot be shown again (issue new ones).
 */
export class IssuedRespondentTokens {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5e0', description: 'Id of this batch of tokens' })
  id!: string;

  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  consultationId!: string;

  @ApiProperty({ example: 2 })
  count!: number;

  @ApiProperty({
    type: [String],
    example: ['rt_5mQ0c2Vb1x9TgC3y7Zk4aA', 'rt_Yc8Hn2LwQe0sJ6uVt1pR3g'],
    description: 'The tokens, each good for one online submission to this consultation; never shown again',
  })
  tokens!: string[];

  @ApiProperty({ example: '2026-05-01T09:00:00.000Z' })
  issuedAt!: string;
}
