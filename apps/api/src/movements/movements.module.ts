import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AuditModule } from '../audit/audit.module.js';
import { AppConfig } from '../config/app-config.js';
import { ReplicationModule } from '../replication/replication.module.js';
import { MovementLinks } from './movement-links.service.js';
import { MovementRepository } from './movement.repository.js';
import { CandidateMovementsController, MovementsController } from './movements.controller.js';
import { MovementsService } from './movements.service.js';
import { RegistrationsService } from './registrations.service.js';

/**
 * Owns emulation movements (phong trào thi đua): launch, lifecycle, reviews, registrations of the units below,
 * the launching document's files, and the links of candidates to the movements they lead. Never changes a
 * candidate's row or state; candidates name their movements through MovementLinks, which it exports.
 * Its SQL is in MovementRepository.
 */
@Module({
  imports: [
    AuditModule,
    ReplicationModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      // The launching document: one file, in memory up to the evidence limit, a few small fields.
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.EVIDENCE_MAX_BYTES, files: 1, fields: 3, parts: 4, fieldSize: 1024 } }),
    }),
  ],
  controllers: [MovementsController, CandidateMovementsController],
  providers: [MovementRepository, MovementsService, RegistrationsService, MovementLinks],
  // The repository also serves the access layer, which reads a movement's head through it (MovementAccess).
  exports: [MovementRepository, MovementLinks, MovementsService, RegistrationsService],
})
export class MovementsModule {}
