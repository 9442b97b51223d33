/** Units (đơn vị): the tree of agencies, communes, schools, companies… that candidates belong to. */
import { SectorCodes, UnitLevelCodes } from '#domain';
import { Code, Labels, Nullable, Type, Uuid, json, type EndpointTable, type Static } from './schema.js';

export const UnitView = Type.Object({
  id: Uuid,
  code: Nullable(Type.String()),
  name: Type.String(),
  level: Code(UnitLevelCodes),
  levelLabel: Nullable(Labels),
  sector: Code(SectorCodes),
  sectorLabel: Nullable(Labels),
  parentId: Nullable(Uuid),
  version: Type.Integer(),
});
export type UnitView = Static<typeof UnitView>;

/** A unit with the units directly below it, recursively. */
export const UnitNode = Type.Cyclic(
  { UnitNode: Type.Intersect([UnitView, Type.Object({ children: Type.Array(Type.Ref('UnitNode')) })]) },
  'UnitNode',
);
export type UnitNode = Static<typeof UnitNode>;

export const UNIT_ENDPOINTS = {
  'POST /api/units': json(UnitView, 201),
  'GET /api/units': json(Type.Array(UnitNode)),
  'GET /api/units/{id}': json(UnitView),
  'PATCH /api/units/{id}': json(UnitView),
} satisfies EndpointTable;
