import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DocumentsModule } from '../documents/documents.module.js';
import { JurisdictionModule } from '../jurisdiction/jurisdiction.module.js';
import { DossierController } from './dossier.controller.js';
import { DossierService } from './dossier.service.js';

/** The dossier's documents: a session's memo and lists, each candidate's versioned achievement report. */
@Module({
  imports: [AuditModule, DocumentsModule, JurisdictionModule],
  controllers: [DossierController],
  providers: [DossierService],
})
export class DossierModule {}
