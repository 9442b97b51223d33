import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '../config/app-config.js';
import { DecisionsModule } from '../decisions/decisions.module.js';
import { DecisionSigning } from './decision-signing.js';
import { SignatureStoreModule } from './signature-store.module.js';
import { SignaturesController, SigningCapabilitiesController } from './signatures.controller.js';
import { PublicVerificationPage, VerificationController } from './verification.controller.js';

/**
 * Digital signatures of issued decisions and certificates (PAdES) and their verification by anyone: the routes.
 * The work is done by SignatureStoreModule, which the decisions module also uses to hand out signed copies.
 */
@Module({
  imports: [
    SignatureStoreModule,
    DecisionsModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      // One PDF and nothing else.
      useFactory: (config: AppConfig) => ({ limits: { fileSize: config.EVIDENCE_MAX_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 1024 } }),
    }),
  ],
  controllers: [SignaturesController, SigningCapabilitiesController, VerificationController, PublicVerificationPage],
  providers: [DecisionSigning],
  exports: [DecisionSigning],
})
export class SignaturesModule {}
