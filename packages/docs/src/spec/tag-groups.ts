/**
 * `x-tagGroups`, the Redoc extension that groups tags (here: the API versions, v2 first). Not part
 * of the OpenAPI model, so it is read here, once.
 */
import type { OpenApiDocument } from '@billing-api/openapi-model';

export interface TagGroup {
  name: string;
  tags: string[];
}

export function tagGroups(document: OpenApiDocument): TagGroup[] {
  const groups = document['x-tagGroups'];
  return Array.isArray(groups) ? (groups as TagGroup[]) : [];
}

/** The tag group a tag belongs to, or the tag itself when the document has no groups. */
export function tagGroupOf(document: OpenApiDocument, tag: string): string {
  return tagGroups(document).find((group) => group.tags.includes(tag))?.name ?? tag;
}

/** A group's place in `x-tagGroups` (0 = the current version, listed first); unknown groups last. */
export function groupRank(document: OpenApiDocument, group: string): number {
  const index = tagGroups(document).findIndex((g) => g.name === group);
  return index === -1 ? tagGroups(document).length : index;
}
