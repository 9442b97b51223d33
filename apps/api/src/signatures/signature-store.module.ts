import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DocumentSignatures } from './document-signatures.js';
import { DocumentVerification } from './document-verification.js';
import { SignatureRepository } from './signature.repository.js';
import { SigningKeys } from './signing-keys.js';

/**
 * Signing and verifying issued documents, with no dependency on the decisions module: the decision flow hands
 * over each document (IssuedDocumentSource) and asks for its signed copy; verification reads decisions' rows.
 */
@Module({
  imports: [AuditModule],
  providers: [SignatureRepository, SigningKeys, DocumentSignatures, DocumentVerification],
  exports: [DocumentSignatures, DocumentVerification, SigningKeys],
})
export class SignatureStoreModule {}
