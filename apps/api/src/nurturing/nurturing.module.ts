import { Module } from '@nestjs/common';
import { TransitionsModule } from '../transitions/transitions.module.js';
import { NurturingController } from './nurturing.controller.js';
import { NurturingService } from './nurturing.service.js';

@Module({
  imports: [TransitionsModule],
  controllers: [NurturingController],
  providers: [NurturingService],
})
export class NurturingModule {}
