import { Body, Controller, Get, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminOnly, ApiKeyRequired } from '../common/api-key-check';
import { ReorganizationDto } from './reorganization.dto';
import { ReorganizationsApi } from './reorganizations.api';
import { ReorganizationView, ReorganizationsService } from './reorganizations.service';

@ApiTags('units')
@ApiBearerAuth()
@UseGuards(ApiKeyRequired)
@AdminOnly()
@Controller('api/v1/reorganizations')
export class ReorganizationsController {
  constructor(private readonly reorganizations: ReorganizationsService) {}

  @Post()
  @ReorganizationsApi.apply()
  async apply(@Body() dto: ReorganizationDto): Promise<ReorganizationView> {
    return this.reorganizations.apply(dto);
  }

  /** Every act applied, the latest day first. */
  @Get()
  @ReorganizationsApi.list()
  async list(): Promise<{ reorganizations: ReorganizationView[] }> {
    return { reorganizations: await this.reorganizations.list() };
  }
}
