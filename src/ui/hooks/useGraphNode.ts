import { useCallback } from 'react';
import { selectNodeById, selectNodeDiagnostics, selectNodeSeverity, selectParamCount } from '../../store/index.ts';
import type { AppState } from '../../store/index.ts';
import { useAppStore } from './useAppStore.ts';

/** One node of the document, by id (re-renders only when that node changes). */
export function useGraphNode(nodeId: string) {
  return useAppStore(useCallback((s: AppState) => selectNodeById(s, nodeId), [nodeId]));
}

export function useNodeSeverity(nodeId: string) {
  return useAppStore(useCallback((s: AppState) => selectNodeSeverity(s, nodeId), [nodeId]));
}

export function useNodeDiagnostics(nodeId: string) {
  return useAppStore(useCallback((s: AppState) => selectNodeDiagnostics(s, nodeId), [nodeId]));
}

export function useParamCount(nodeId: string) {
  return useAppStore(useCallback((s: AppState) => selectParamCount(s, nodeId), [nodeId]));
}
