import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DomainError } from './domain-error.js';
import { invalidField } from './validation.js';

/** Route ids must be UUIDs; a bad one is a 400 naming the parameter, not a database error. */
@Injectable()
export class ParseUuid implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw invalidField(field, 'isUuid', { vi: `Trường ${field} phải là mã định danh (UUID) hợp lệ.`, en: `Field ${field} must be a valid UUID.` });
  }
}
