import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLE_GROUPS } from '#domain';
import { Allow } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { CouncilRuleSets } from './council-rule-sets.js';
import { PublishCouncilRuleSetDto } from './dto/council-rule-set.dto.js';

/** The rules councils are judged by: everyone signed in may read them; administrators publish new versions. */
@ApiTags('Bộ quy tắc Hội đồng / Council rule sets')
@Controller('council-rule-sets')
export class CouncilRulesController {
  constructor(private readonly ruleSets: CouncilRuleSets) {}

  @Get()
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Các phiên bản bộ quy tắc Hội đồng / Every version of the council rule sets' })
  list() {
    return this.ruleSets.list();
  }

  @Get('presets')
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Các bộ quy tắc mẫu / The presets a new version may start from' })
  presets() {
    return this.ruleSets.presets();
  }

  @Post()
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Ban hành phiên bản mới của một bộ quy tắc / Publish a new version' })
  publish(@Body() body: PublishCouncilRuleSetDto, @CurrentActor() actor: Actor) {
    return this.ruleSets.publish(body, actor);
  }
}
