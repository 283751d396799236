// Colour and legend tables: data only, read by the view, the legends and the reader.
import { NODE_TYPES, RELATION_TYPES, type NodeType, type RelationType } from "../types";

export interface LegendEntry {
  color: string;
  /** Short English name shown in legends. */
  name: string;
  /** Vietnamese name, shown as a hint. */
  vi: string;
}

export const NODE_TYPE_STYLE: Record<NodeType, LegendEntry> = {
  country: { color: "#3b6fd4", name: "Country", vi: "Quốc gia" },
  organization: { color: "#1f9e89", name: "Organization", vi: "Tổ chức" },
  person: { color: "#e0892b", name: "Person", vi: "Nhân vật" },
  proposal: { color: "#9b51c9", name: "Proposal", vi: "Đề xuất" },
  event: { color: "#8a8f98", name: "Event", vi: "Sự kiện" },
};

export const RELATION_STYLE: Record<RelationType, LegendEntry> = {
  proposes: { color: "#7b3fb5", name: "proposes", vi: "đề xuất" },
  addressed_to: { color: "#b07ad9", name: "addressed to", vi: "gửi tới" },
  responds_to: { color: "#c2407e", name: "responds to", vi: "phản hồi" },
  rejects: { color: "#d93b3b", name: "rejects", vi: "bác bỏ" },
  demands: { color: "#e8772e", name: "demands", vi: "yêu cầu" },
  invites: { color: "#d4a017", name: "invites", vi: "mời" },
  supports: { color: "#3a9d4a", name: "supports", vi: "ủng hộ" },
  consults: { color: "#2a8fb8", name: "consults", vi: "tham vấn" },
  meets: { color: "#3466c2", name: "meets", vi: "gặp, hội đàm" },
  agrees: { color: "#16a085", name: "agrees", vi: "nhất trí" },
  represents: { color: "#9aa3ae", name: "represents", vi: "đại diện" },
  member_of: { color: "#b8aa8a", name: "member of", vi: "thành viên" },
};

/** Colour for a type this build does not know (a graph file from elsewhere). */
export const UNKNOWN_COLOR = "#a0a4ab";
export const DIM_NODE_COLOR = "#dfe3e8";
export const DIM_EDGE_COLOR = "#eef0f3";

export function nodeColor(type: string): string {
  return (NODE_TYPE_STYLE as Record<string, LegendEntry | undefined>)[type]?.color ?? UNKNOWN_COLOR;
}

export function relationColor(relation: string): string {
  return (RELATION_STYLE as Record<string, LegendEntry | undefined>)[relation]?.color ?? UNKNOWN_COLOR;
}

export function relationName(relation: string): string {
  return (RELATION_STYLE as Record<string, LegendEntry | undefined>)[relation]?.name ?? relation.replace(/_/g, " ");
}

export function typeName(type: string): string {
  return (NODE_TYPE_STYLE as Record<string, LegendEntry | undefined>)[type]?.name ?? type;
}

/** Known types first in their contract order, then any others the graph carries. */
export function orderedTypes(present: Iterable<string>): string[] {
  const set = new Set(present);
  return [...NODE_TYPES.filter((t) => set.has(t)), ...[...set].filter((t) => !(NODE_TYPES as readonly string[]).includes(t)).sort()];
}

export function orderedRelations(present: Iterable<string>): string[] {
  const set = new Set(present);
  return [
    ...RELATION_TYPES.filter((r) => set.has(r)),
    ...[...set].filter((r) => !(RELATION_TYPES as readonly string[]).includes(r)).sort(),
  ];
}
