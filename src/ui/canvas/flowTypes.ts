// React Flow node and edge types, at module scope so React Flow never sees new objects.
import type { EdgeTypes, NodeTypes } from '@xyflow/react';
import { FusionNode } from '../nodes/FusionNode.tsx';
import { ShapeEdge } from './ShapeEdge.tsx';

export const nodeTypes = { fusion: FusionNode } satisfies NodeTypes;
export const edgeTypes = { shape: ShapeEdge } satisfies EdgeTypes;
