import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from '../access/decorators.js';
import { CurrentActor, type Actor } from '../common/actor.js';
import { Backups } from './backups.service.js';
import { MakeBackupDto } from './dto/make-backup.dto.js';

/** The administrator's backups: the folder, the schedule, the last runs; making one now. Restoring is the CLI's. */
@ApiTags('Sao lưu / Backups')
@Controller('backups')
export class BackupsController {
  constructor(private readonly backups: Backups) {}

  @Get()
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Tình trạng sao lưu: thư mục, lịch, lần chạy gần nhất, các bản sao lưu / Backup status: folder, schedule, last runs, archives' })
  overview() {
    return this.backups.overview();
  }

  @Post()
  @HttpCode(201)
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Tạo một bản sao lưu ngay / Make a backup now' })
  make(@Body() body: MakeBackupDto, @CurrentActor() actor: Actor) {
    return this.backups.make(body.passphrase, actor, 'MANUAL');
  }
}
