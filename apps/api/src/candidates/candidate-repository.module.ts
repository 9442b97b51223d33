import { Module } from '@nestjs/common';
import { CandidateRepository } from './candidate.repository.js';

/**
 * The candidate's repository on its own, for the features that read or lock candidates (transitions, nurturing,
 * evidence, replication) without the candidates module's controller and the movements and lookup behind it (which
 * would make a circle of modules through replication).
 */
@Module({
  providers: [CandidateRepository],
  exports: [CandidateRepository],
})
export class CandidateRepositoryModule {}
