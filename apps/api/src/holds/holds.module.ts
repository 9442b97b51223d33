import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '../config/app-config.js';
import { CandidateRepositoryModule } from '../candidates/candidate-repository.module.js';
import { TransitionsModule } from '../transitions/transitions.module.js';
import { HoldRepository } from './hold.repository.js';
import { HoldsController } from './holds.controller.js';
import { HoldsService } from './holds.service.js';

/**
 * Owns holds (NĐ 152/2025 Điều 4.4): placed and lifted as statechart events, written as their effects
 * (hold.effects.ts), each with its document and, optionally, the document's file.
 */
@Module({
  imports: [
    TransitionsModule,
    CandidateRepositoryModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      // One file and the form's few fields.
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.EVIDENCE_MAX_BYTES, files: 1, fields: 8, parts: 9, fieldSize: 8192 } }),
    }),
  ],
  controllers: [HoldsController],
  providers: [HoldsService, HoldRepository],
})
export class HoldsModule {}
