import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DomainError } from './domain-error.js';

/** Route ids must be UUIDs; a bad one is a 400 naming the parameter, not a database error. */
@Injectable()
export class ParseUuid implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw new DomainError('VALIDATION_FAILED', {
      errors: [
        {
          field,
          code: 'isUuid',
          message: `Trường ${field} phải là mã định danh (UUID) hợp lệ.`,
          messageEn: `Field ${field} must be a valid UUID.`,
        },
      ],
    });
  }
}
