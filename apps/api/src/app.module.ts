import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from './access/access.module.js';
import { AccountsModule } from './accounts/accounts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { BackupsModule } from './backups/backups.module.js';
import { CandidatesModule } from './candidates/candidates.module.js';
import { CouncilsModule } from './councils/councils.module.js';
import { GlobalExceptionFilter } from './common/exception.filter.js';
import { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { dataSourceOptions } from './database/data-source-options.js';
import type { OpenDatabase } from './database/open-database.js';
import { DemoModule } from './demo/demo.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { HoldsModule } from './holds/holds.module.js';
import { DossierModule } from './dossier/dossier.module.js';
import { HealthModule } from './health/health.module.js';
import { LookupModule } from './lookup/lookup.module.js';
import { DashboardsModule } from './dashboards/dashboards.module.js';
import { MovementsModule } from './movements/movements.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { JurisdictionModule } from './jurisdiction/jurisdiction.module.js';
import { CouncilRulesModule } from './council-rules/council-rules.module.js';
import { RehearsalModule } from './rehearsal/rehearsal.module.js';
import { ClearancesModule } from './clearances/clearances.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { NurturingModule } from './nurturing/nurturing.module.js';
import { PublicityModule } from './publicity/publicity.module.js';
import { ReplicationModule } from './replication/replication.module.js';
import { ReviewsModule } from './reviews/reviews.module.js';
import { DecisionsModule } from './decisions/decisions.module.js';
import { SignaturesModule } from './signatures/signatures.module.js';
import { StatisticsModule } from './statistics/statistics.module.js';
import { TransitionsModule } from './transitions/transitions.module.js';
import { UnitsModule } from './units/units.module.js';
import { UnitImportModule } from './units/import/unit-import.module.js';
import { ReorganisationModule } from './reorganisation/reorganisation.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, database: Pick<OpenDatabase, 'url' | 'poolMax'>): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        TypeOrmModule.forRoot(dataSourceOptions(database.url, { ...config, DB_POOL_MAX: database.poolMax })),
        AuditModule,
        JurisdictionModule,
        CouncilRulesModule,
        RehearsalModule,
        NotificationsModule,
        AccountsModule,
        AccessModule,
        UnitsModule,
        UnitImportModule,
        ReorganisationModule,
        CandidatesModule,
        TransitionsModule,
        NurturingModule,
        EvidenceModule,
        CouncilsModule,
        HoldsModule,
        DossierModule,
        ReviewsModule,
        ClearancesModule,
        PublicityModule,
        DecisionsModule,
        SignaturesModule,
        ReplicationModule,
        StatisticsModule,
        MovementsModule,
        LookupModule,
        DashboardsModule,
        HealthModule,
        IdempotencyModule,
        DemoModule,
        BackupsModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: GlobalExceptionFilter }],
    };
  }
}
