import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { UNIT_KINDS, UNIT_LEVELS, UnitKind, UnitLevel } from './unit.entity';

/**
 * The changes of an act of reorganization (reorganization-changes.ts reads them), for the OpenAPI
 * document: one of six, told apart by `op`. Register CHANGE_MODELS with ApiExtraModels where
 * CHANGE_SCHEMA is used.
 */

export class CreateChange {
  @ApiProperty({ enum: ['create'], example: 'create' })
  op: 'create';

  @ApiProperty({ example: 'xa-moi' })
  code: string;

  @ApiProperty({ example: 'Xã Mới' })
  name: string;

  @ApiProperty({ enum: UNIT_LEVELS, example: 'commune' })
  level: UnitLevel;

  @ApiPropertyOptional({ enum: UNIT_KINDS, nullable: true, example: 'xa' })
  kind?: UnitKind | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'tinh-hai-hung' })
  parentCode?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: null })
  agencyCode?: string | null;
}

export class MergeChange {
  @ApiProperty({ enum: ['merge'], example: 'merge' })
  op: 'merge';

  @ApiProperty({ type: [String], example: ['xa-van-to', 'xa-quang-phuc'], description: 'The units merged (retired the day before).' })
  from: string[];

  @ApiProperty({ example: 'xa-tu-ky', description: 'The unit they go into: it carries their history.' })
  into: string;
}

export class SplitChange {
  @ApiProperty({ enum: ['split'], example: 'split' })
  op: 'split';

  @ApiProperty({ example: 'xa-tien-dong' })
  from: string;

  @ApiProperty({ type: [String], example: ['xa-tien-dong-1', 'xa-tien-dong-2'] })
  into: string[];

  @ApiPropertyOptional({ type: String, nullable: true, example: 'xa-tien-dong-1', description: 'The one of `into` that carries the history; null: none.' })
  historyTo?: string | null;
}

export class MoveChange {
  @ApiProperty({ enum: ['move'], example: 'move' })
  op: 'move';

  @ApiProperty({ example: 'xa-tu-ky' })
  code: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: 'tinh-hai-hung', description: 'The new parent; null: a root.' })
  parentCode?: string | null;
}

export class RenameChange {
  @ApiProperty({ enum: ['rename'], example: 'rename' })
  op: 'rename';

  @ApiProperty({ example: 'xa-tu-ky' })
  code: string;

  @ApiProperty({ example: 'Xã Tứ Kỳ' })
  name: string;
}

export class RetireChange {
  @ApiProperty({ enum: ['retire'], example: 'retire' })
  op: 'retire';

  @ApiProperty({ example: 'huyen-tu-ky' })
  code: string;
}

export const CHANGE_MODELS = [CreateChange, MergeChange, SplitChange, MoveChange, RenameChange, RetireChange];

/** One change of an act: `op` says which. */
export const CHANGE_SCHEMA = {
  oneOf: CHANGE_MODELS.map((change) => ({ $ref: getSchemaPath(change) })),
  discriminator: { propertyName: 'op' },
};
