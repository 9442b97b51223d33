import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createReadStream } from 'node:fs';
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

  @Get('archives/:file')
  @Allow('ADMIN')
  @ApiProduces('application/x-tar')
  @ApiOperation({ summary: 'Tải một bản sao lưu xuống (được ghi vào nhật ký) / Download an archive (recorded in the audit trail)' })
  async download(@Param('file') file: string, @CurrentActor() actor: Actor, @Res() res: Response) {
    const archive = await this.backups.download(file, actor);
    res.setHeader('Content-Type', 'application/x-tar');
    res.setHeader('Content-Length', String(archive.bytes));
    res.setHeader('Content-Disposition', `attachment; filename="${file}"`);
    res.setHeader('Cache-Control', 'no-store');
    const stream = createReadStream(archive.path);
    stream.once('close', archive.dispose);
    stream.once('error', () => res.destroy());
    stream.pipe(res);
  }

  @Post()
  @HttpCode(201)
  @Allow('ADMIN')
  @ApiOperation({ summary: 'Tạo một bản sao lưu ngay / Make a backup now' })
  make(@Body() body: MakeBackupDto, @CurrentActor() actor: Actor) {
    return this.backups.make(body.passphrase, actor, 'MANUAL');
  }
}
