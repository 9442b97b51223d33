import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '../config/app-config.js';
import { CandidateRepositoryModule } from '../candidates/candidate-repository.module.js';
import { TransitionsModule } from '../transitions/transitions.module.js';
import { EvidenceController } from './evidence.controller.js';
import { EvidenceRepository } from './evidence.repository.js';
import { EvidenceService } from './evidence.service.js';

/** Owns evidence files: checked here, stored as the statechart's storeEvidence effect (evidence.effects.ts). */
@Module({
  imports: [
    TransitionsModule,
    CandidateRepositoryModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      // In memory up to the limit, then refused with 413; one file and a few small fields per request.
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.EVIDENCE_MAX_BYTES, files: 1, fields: 5, parts: 6, fieldSize: 1024 } }),
    }),
  ],
  controllers: [EvidenceController],
  providers: [EvidenceService, EvidenceRepository],
  exports: [EvidenceService],
})
export class EvidenceModule {}
