import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Text that people read, in Ukrainian and English. */
export class LocalizedText {
  @IsOptional() @IsString() @MaxLength(20000)
  uk?: string;

  @IsOptional() @IsString() @MaxLength(20000)
  en?: string;
}

/** A request addressed to one record. */
export class IdRequest {
  @IsString() @MaxLength(64)
  id!: string;
}

/** Who is calling, as established by the gateway (carried in a NATS header). */
export interface Principal {
  keyId: string;
  role: 'admin' | 'editor' | 'analyst' | 'partner' | 'reader' | 'anonymous';
}

/** Reference to a file that the gateway streamed into the NATS object store. */
export class UploadRef {
  @IsString() @MaxLength(128)
  bucket!: string;

  @IsString() @MaxLength(256)
  name!: string;
}
