import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../access/decorators.js';
import { HealthRepository } from './health.repository.js';

/** Liveness and readiness for process managers and load balancers; outside /api and without a session. */
@ApiTags('Tình trạng / Health')
@Controller('health')
@Public()
export class HealthController {
  constructor(private readonly database: HealthRepository) {}

  @Get()
  @ApiOperation({ summary: 'Tiến trình đang chạy / The process is alive' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Sẵn sàng phục vụ: cơ sở dữ liệu trả lời / Ready: the database answers' })
  async ready(@Res({ passthrough: true }) res: Response) {
    try {
      await Promise.race([
        this.database.ping(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('readiness probe timed out')), 2_000).unref()),
      ]);
      return { status: 'ready', database: 'up' };
    } catch {
      res.status(503);
      return { status: 'not-ready', database: 'down' };
    }
  }
}
