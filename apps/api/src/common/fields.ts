/**
 * Composite property decorators for request DTOs: each states a field's rules once, for validation and for
 * the OpenAPI description alike.
 */
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min, ValidateBy } from 'class-validator';

interface Common {
  description: string;
  optional?: boolean;
  example?: unknown;
}

const doc = (o: Common, extra: Record<string, unknown> = {}) =>
  o.optional ? ApiPropertyOptional({ description: o.description, example: o.example, ...extra }) : ApiProperty({ description: o.description, example: o.example, ...extra });

const optional = (o: Common) => (o.optional ? [IsOptional()] : []);

/** Free text: a string with at least one non-blank character, trimmed, at most `max` characters. */
export function TextField(o: Common & { max: number }) {
  return applyDecorators(
    doc(o, { type: String, maxLength: o.max }),
    ...optional(o),
    Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value)),
    IsString(),
    IsNotBlank(),
    MaxLength(o.max),
  );
}

/** One of a catalogue's codes. */
export function CodeField(o: Common & { codes: readonly string[] }) {
  return applyDecorators(doc(o, { enum: [...o.codes] }), ...optional(o), IsIn([...o.codes]));
}

/** A whole number within bounds; in query strings (`query: true`) the text is converted first. */
export function IntField(o: Common & { min: number; max: number; query?: boolean }) {
  return applyDecorators(
    doc(o, { type: Number, minimum: o.min, maximum: o.max }),
    ...optional(o),
    ...(o.query ? [Transform(({ value }) => (typeof value === 'string' ? textToWholeNumber(value) : value))] : []),
    IsInt(),
    Min(o.min),
    Max(o.max),
  );
}

/**
 * A whole number typed as text (a query string, a multipart form): "10984", or grouped as Vietnamese write it —
 * "10.984", "10 984". A dot followed by exactly three digits groups thousands in a whole-number field; anything
 * else ("2025.5", "abc") converts as Number() does and the integer rule refuses it.
 */
export function textToWholeNumber(text: string): number {
  const trimmed = text.trim();
  if (/^-?\d{1,3}(?:[.\s\u00a0]\d{3})+$/.test(trimmed)) return Number(trimmed.replace(/[.\s\u00a0]/g, ''));
  return Number(trimmed);
}

export function UuidField(o: Common) {
  return applyDecorators(doc(o, { type: String, format: 'uuid' }), ...optional(o), IsUUID('all'));
}

/** A calendar date written YYYY-MM-DD that exists (no 2025-02-30). */
export function DateField(o: Common) {
  return applyDecorators(
    doc(o, { type: String, format: 'date' }),
    ...optional(o),
    ValidateBy({
      name: 'isIsoDate',
      validator: { validate: (v: unknown) => typeof v === 'string' && isRealDate(v), defaultMessage: () => '$property must be a real date written YYYY-MM-DD' },
    }),
  );
}

export function isRealDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const IsNotBlank = () =>
  ValidateBy({
    name: 'isNotBlank',
    validator: { validate: (v: unknown) => typeof v === 'string' && /\S/.test(v), defaultMessage: () => '$property must not be blank' },
  });
