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
