import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLE_GROUPS } from '#domain';
import { Allow } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { ParsePositiveInt } from '../common/pipes.js';
import { PublishJurisdictionProfileDto } from './dto/jurisdiction-profile.dto.js';
import { JurisdictionProfiles } from './jurisdiction-profiles.js';

/** The profile is what every document prints: everyone signed in may read it; administrators publish it. */
@ApiTags('Hồ sơ pháp lý / Jurisdiction profile')
@Controller('jurisdiction-profiles')
export class JurisdictionController {
  constructor(private readonly profiles: JurisdictionProfiles) {}

  @Get()
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Các phiên bản hồ sơ pháp lý / Every version of the jurisdiction profile' })
  list() {
    return this.profiles.list();
  }

  @Get('current')
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Hồ sơ pháp lý đang có hiệu lực / The version in force today' })
  current() {
    return this.profiles.current();
  }

  @Get(':version')
  @Allow(...ROLE_GROUPS.everyone)
  @ApiOperation({ summary: 'Một phiên bản hồ sơ pháp lý / One version' })
  get(@Param('version', ParsePositiveInt) version: number) {
    return this.profiles.get(version);
  }

  @Post()
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Ban hành phiên bản mới của hồ sơ pháp lý / Publish a new version' })
  publish(@Body() body: PublishJurisdictionProfileDto, @CurrentActor() actor: Actor) {
    return this.profiles.publish(body, actor);
  }
}
