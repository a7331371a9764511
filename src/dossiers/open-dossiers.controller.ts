import { Controller, Get, Headers, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify/sync';
import type { Response } from 'express';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { formatLocalDateTime, localDateOf } from '../common/local-time';
import { parseBoolean } from '../stats/stats.controller';
import { OPEN_STATES, OpenDossiersService, OpenList } from './open-dossiers.service';

const STATE_WORDS = { overdue: 'Quá hạn', dueSoon: 'Sắp đến hạn', onTrack: 'Trong hạn', waiting: 'Chờ bổ sung' };
const CHANNEL_WORDS = { direct: 'Trực tiếp', online: 'Trực tuyến', postal: 'Bưu chính công ích' };

@ApiTags('dossiers')
@ApiBearerAuth()
@Controller('api/v1/units')
@UseGuards(ApiKeyGuard)
export class OpenDossiersController {
  constructor(private readonly open: OpenDossiersService) {}

  /** Staff key of the unit (or above): the open dossiers to follow up. `Accept: text/csv` for a file. */
  @Get(':code/open')
  @ApiQuery({ name: 'state', required: false, enum: [...OPEN_STATES, 'all'] })
  @ApiQuery({ name: 'includeChildren', required: false, type: Boolean })
  @ApiQuery({ name: 'page', required: false, example: 1 })
  @ApiQuery({ name: 'pageSize', required: false, example: 50 })
  @ApiProduces('application/json', 'text/csv')
  async list(
    @Param('code') code: string,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
    @Headers('accept') accept?: string,
    @Query('state') state?: string,
    @Query('includeChildren') includeChildren?: string,
    @Query('page') page?: string,
    @Query('pageSize') pageSize?: string,
  ): Promise<OpenList | string> {
    const csv = /text\/csv/i.test(accept ?? '');
    const list = await this.open.list(
      request.caller,
      {
        unitCode: code,
        state,
        includeChildren: parseBoolean(includeChildren, 'includeChildren', false),
        page: page === undefined ? undefined : Number(page),
        pageSize: pageSize === undefined ? undefined : Number(pageSize),
      },
      { csv },
    );
    response.setHeader('Cache-Control', 'private, no-store');
    if (!csv) return list;
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    const filename = `ho-so-dang-giai-quyet-${list.unit.code}-${localDateOf(new Date(list.asOf))}.csv`;
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return toCsv(list);
  }
}

/** With a BOM and Vietnamese headings, so Excel opens it with the accents intact. */
function toCsv(list: OpenList): string {
  const local = (iso: string | null) => (iso ? formatLocalDateTime(new Date(iso)) : '');
  return (
    '\uFEFF' +
    stringify(
      list.items.map((item) => [
        item.code, item.unitName, item.procedureCode ?? '', item.procedureName ?? '', item.field, CHANNEL_WORDS[item.channel],
        STATE_WORDS[item.state], local(item.receivedAt), local(item.dueAt), local(item.extendedDueAt), item.workingDaysLeft,
      ]),
      {
        header: true,
        columns: [
          'Mã hồ sơ', 'Đơn vị', 'Mã thủ tục', 'Thủ tục', 'Lĩnh vực', 'Kênh nộp', 'Tình trạng',
          'Ngày tiếp nhận', 'Ngày hẹn trả', 'Ngày hẹn mới', 'Số ngày làm việc còn lại',
        ],
        record_delimiter: 'windows',
      },
    )
  );
}
