import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLE_GROUPS } from '#domain';
import { Allow } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParseUuid } from '../common/pipes.js';
import { CouncilsService } from './councils.service.js';
import { ProposeUpwardDto, PublishCompositionDto, SetUpCouncilDto } from './dto/council.dto.js';
import { UpwardProposals } from './upward-proposals.service.js';

/** Councils are public within the system (who sits where is announced by decision); administrators set them up. */
@ApiTags('Hội đồng các cấp / Councils at every level')
@Controller('councils')
export class CouncilsController {
  constructor(private readonly councils: CouncilsService) {}

  @Get()
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Các Hội đồng Thi đua – Khen thưởng và thành phần đang có hiệu lực / Councils with their compositions in force' })
  list() {
    return this.councils.list();
  }

  @Post()
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Thành lập Hội đồng của một đơn vị / Set up a unit’s council' })
  setUp(@Body() body: SetUpCouncilDto, @CurrentActor() actor: Actor) {
    return this.councils.setUp(body, actor);
  }

  @Get('mine')
  @Allow('COUNCIL_MEMBER', 'COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Hội đồng mà tài khoản đang phục vụ / The council the account serves' })
  mine(@CurrentActor() actor: Actor) {
    return this.councils.mine(actor);
  }

  @Get(':id')
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Một Hội đồng với các phiên bản thành phần / One council with every version of its composition' })
  get(@Param('id', ParseUuid) id: string) {
    return this.councils.get(id);
  }

  @Post(':id/compositions')
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Ban hành thành phần Hội đồng (phiên bản mới) / Publish the council’s composition (a new version)' })
  publish(@Param('id', ParseUuid) id: string, @Body() body: PublishCompositionDto, @CurrentActor() actor: Actor) {
    return this.councils.publishComposition(id, body, actor);
  }
}

@ApiTags('Hội đồng các cấp / Councils at every level')
@Controller()
export class UpwardProposalsController {
  constructor(private readonly proposals: UpwardProposals) {}

  @Get('upward-proposals')
  @Allow(...ROLE_GROUPS.candidateReaders)
  @ApiOperation({ summary: 'Đề nghị liên thông lên cấp trên: đi và đến / Upward proposals to and from the reader' })
  list(@CurrentActor() actor: Actor) {
    return this.proposals.list(actor);
  }

  @Post('candidates/:id/upward-proposals')
  @Allow('UNIT_HEAD', 'COUNCIL_SECRETARY')
  @ApiOperation({ summary: 'Đề nghị Hội đồng cấp trên xét điển hình đã được công nhận (liên thông) / Propose a recognised exemplar to the parent council' })
  propose(@Param('id', ParseUuid) id: string, @Body() body: ProposeUpwardDto, @CurrentActor() actor: Actor) {
    return this.proposals.propose(id, body.reasons, actor);
  }
}
