import { Module } from '@nestjs/common';
import { DocumentsService } from './documents.service.js';
import { PdfRenderer } from './pdf-renderer.js';

/**
 * Owns the generated documents (minutes, recognition decisions, certificates) and their one embedded font.
 * Lays out the plain objects of document-data.ts as PDFs; never reads the database, never fetches a resource.
 */
@Module({
  providers: [PdfRenderer, DocumentsService],
  exports: [DocumentsService, PdfRenderer],
})
export class DocumentsModule {}
