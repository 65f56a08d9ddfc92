import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Text that people read, in Ukrainian and English. */
export class LocalizedText {
  @ApiPropertyOptional({ example: 'Відновлення водогону', description: 'Ukrainian' })
  @IsOptional() @IsString() @MaxLength(20000)
  uk?: string;

  @ApiPropertyOptional({ example: 'Water main restoration', description: 'English' })
  @IsOptional() @IsString() @MaxLength(20000)
  en?: string;
}

/** A request addressed to one record. */
export class IdRequest {
  @ApiProperty({ example: '6650f1c2a9e4b2d1c3f4a5b6' })
  @IsString() @MaxLength(64)
  id!: string;
}

/**
 * One page of a text export too large for one bus message (NATS refuses a message past 1 MiB): the
 * gateway asks again with `after: next` until there is no `next`, streaming each page to the client.
 */
export class TextPage {
  @ApiProperty({ description: 'This page of the text (the first page starts with any header line)' })
  text!: string;

  @ApiPropertyOptional({ description: 'Where the next page starts (absent on the last page)', example: '6650f1c2a9e4b2d1c3f4a5c1' })
  next?: string;
}

/** A request for one page of a text export: the previous page's `next`, or nothing for the first page. */
export class TextPageCursor {
  @ApiPropertyOptional({ example: '6650f1c2a9e4b2d1c3f4a5c1' })
  @IsOptional() @IsString() @MaxLength(64)
  after?: string;
}

/** An operation that takes no input. */
export class EmptyRequest {}

/** Who is calling, as established by the gateway (carried in a NATS header). */
export interface Principal {
  keyId: string;
  role: 'admin' | 'editor' | 'analyst' | 'partner' | 'reader' | 'anonymous';
  /** The partner organisation the key belongs to: records it writes are owned by it. */
  organization?: string;
  /** KATOTTG codes an editor key is limited to (none = every community). */
  communities?: string[];
}

/** Reference to a file that the gateway streamed into the NATS object store. */
export class UploadRef {
  @ApiProperty() @IsString() @MaxLength(128)
  bucket!: string;

  @ApiProperty() @IsString() @MaxLength(256)
  name!: string;
}
