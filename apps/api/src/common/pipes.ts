import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DomainError } from './domain-error.js';
import { fieldName, invalidField } from './validation.js';

/** Route ids must be UUIDs; a bad one is a 400 naming the parameter, not a database error. */
@Injectable()
export class ParseUuid implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (isUUID(value)) return value.toLowerCase();
    const field = metadata.data ?? 'id';
    throw invalidField(field, 'isUuid', { vi: `${fieldName(field).vi} phải là mã định danh (UUID) hợp lệ.`, en: `${fieldName(field).en} must be a valid UUID.` });
  }
}

/** A positive whole number in the route (a version, a year); anything else is a 400 naming the parameter. */
@Injectable()
export class ParsePositiveInt implements PipeTransform<string, number> {
  transform(value: string, metadata: ArgumentMetadata): number {
    if (/^[1-9]\d{0,8}$/.test(value)) return Number(value);
    const field = metadata.data ?? 'id';
    throw invalidField(field, 'isInt', { vi: `${fieldName(field).vi} phải là số nguyên dương.`, en: `${fieldName(field).en} must be a positive whole number.` });
  }
}
