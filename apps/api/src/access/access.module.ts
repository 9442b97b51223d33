/**
 * Who may do what: the one layer where access is decided.
 *
 * Two checks, each in one place:
 * - **Function level, in the guard** (`access.guard.ts`), before any handler runs: a session, its CSRF token on
 *   changes, and a role the route names with `@Allow` (roles one by one or a group of `ROLE_GROUPS` from
 *   libs/domain, the table the web app's menu reads too). A route that names none is refused to everyone.
 * - **Object level, in the access services here** (`CandidateAccess`, `UnitScope`, `MovementAccess`), which a
 *   use case calls before it opens its transaction: whether the unit tree position of the thing named (a
 *   candidate's unit, a movement's launching unit, a unit in a filter) lies within the person's reach
 *   (`unit-reach.ts`, which also builds every subtree condition of the API's SQL).
 * - **Public acts, with no unit reach** (`decision-access.ts`): recognition decisions and their certificates are
 *   read by every signed-in person, whatever their unit; the one deliberate exception to "another unit's objects
 *   answer 404", and why.
 *
 * Object checks run before the use case's transaction, not inside it, because a refusal is audited in a
 * transaction of its own (a refused request leaves its trace even though nothing else is written), and on the
 * embedded database a second connection opened inside a transaction would wait forever. What they check (a
 * candidate's unit, a movement's launching unit) does not change under a transition, so it still holds under the
 * row lock the use case takes afterwards.
 */
import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountsModule } from '../accounts/accounts.module.js';
import { CandidateRepositoryModule } from '../candidates/candidate-repository.module.js';
import { MovementsModule } from '../movements/movements.module.js';
import { UnitRepositoryModule } from '../units/unit-repository.module.js';
import { AccessGuard } from './access.guard.js';
import { AccessRefusals } from './access-refusals.js';
import { CandidateAccess } from './candidate-access.js';
import { MovementAccess } from './movement-access.js';
import { UnitScope } from './unit-scope.js';

@Global()
@Module({
  // The features' repositories it reads positions in the unit tree through: a candidate's unit, a unit, a movement's head.
  imports: [AccountsModule, CandidateRepositoryModule, UnitRepositoryModule, MovementsModule],
  providers: [AccessRefusals, CandidateAccess, UnitScope, MovementAccess, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [AccessRefusals, CandidateAccess, UnitScope, MovementAccess],
})
export class AccessModule {}
