// The worker side of importing a user's own data: inspect, run (with progress), cancel. Parsing,
// unzipping and decoding all happen here, never on the page. The imported DatasetArrays are handed
// to the worker's dataset registry (ctx.register) so training finds them by id ("user.<slug>").
import { ImportError } from '../../data/import/build.ts';
import type { Decoders, ImportResult } from '../../data/import/build.ts';
import { createImageDecoder } from '../../data/import/browserDecoders.ts';
import { CsvError, ImportCancelled } from '../../data/import/csv.ts';
import { folderSource, zipSource } from '../../data/import/files.ts';
import type { FileSource } from '../../data/import/files.ts';
import { importCsv, inspectCsv } from '../../data/import/importCsv.ts';
import { importFolder, inspectFolder } from '../../data/import/importFolder.ts';
import { sizeLimitMessage } from '../../data/import/limits.ts';
import type { ImportFailure, ImportProgress } from '../../data/import/types.ts';
import { ZipFormatError } from '../../data/import/zip.ts';
import type { DatasetArrays } from '../../data/types.ts';
import { previewTransferables } from '../protocol.ts';
import type { ImportRequest, ImportResponse, ImportSources } from '../protocol.ts';
import { workerAudioDecoders } from '../../data/import/audio.ts';

export interface ImportHandlerContext {
  post(message: ImportResponse, transfer?: Transferable[]): void;
  /** Keep an imported dataset in the worker (replacing one with the same id). */
  register(arrays: DatasetArrays): void;
  /** Decoders to use instead of the browser's (tests). */
  readonly decoders?: Decoders;
}

function failureOf(error: unknown): ImportFailure {
  if (error instanceof ImportCancelled) return { kind: 'cancelled', message: error.message };
  if (error instanceof ImportError || error instanceof CsvError || error instanceof ZipFormatError) return { kind: 'error', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: 'error', message: `The import failed unexpectedly: ${message}` };
}

async function fileSourceOf(sources: ImportSources): Promise<FileSource | null> {
  if (sources.zip !== null) {
    const name = sources.zipName ?? 'the zip';
    const tooBig = sizeLimitMessage('zip', sources.zip.size, name);
    if (tooBig !== null) throw new ImportError(tooBig);
    return zipSource(sources.zip, name);
  }
  if (sources.folder !== null) {
    const source = folderSource(sources.folder.files, sources.folder.name);
    const tooBig = sizeLimitMessage('folder', source.bytes, source.name);
    if (tooBig !== null) throw new ImportError(tooBig);
    return source;
  }
  return null;
}

/** Returns the message handler; it answers every request with progress and one final message. */
export function createImportHandler(ctx: ImportHandlerContext): (message: ImportRequest) => Promise<void> {
  const running = new Map<number, AbortController>();
  let decoders: Decoders | null = ctx.decoders ?? null;
  const decodersNow = (): Decoders => {
    decoders ??= { image: createImageDecoder(), ...workerAudioDecoders() };
    return decoders;
  };

  return async (message) => {
    if (message.type === 'import.cancel') {
      running.get(message.requestId)?.abort();
      return;
    }
    const { requestId } = message;
    const controller = new AbortController();
    running.set(requestId, controller);
    const onProgress = (progress: ImportProgress) => ctx.post({ type: 'import.progress', requestId, progress });
    try {
      const files = await fileSourceOf(message.sources);
      const csv = message.sources.csv;
      const csvName = message.sources.csvName ?? 'data.csv';
      if (message.type === 'import.inspect') {
        const inspection =
          csv !== null
            ? await inspectCsv({ csv, csvName, files }, { signal: controller.signal, onProgress })
            : files !== null
              ? inspectFolder(files)
              : (() => {
                  throw new ImportError('Choose a CSV file, or a zip or folder with one subfolder per class.');
                })();
        ctx.post({ type: 'import.inspected', requestId, inspection });
        return;
      }
      const deps = { decoders: decodersNow(), signal: controller.signal, onProgress };
      let result: ImportResult;
      if (csv !== null) result = await importCsv({ csv, csvName, files }, message.mapping, deps);
      else if (files !== null) result = await importFolder(files, message.mapping, deps);
      else throw new ImportError('Choose a CSV file, or a zip or folder with one subfolder per class.');
      ctx.register(result.arrays);
      ctx.post({ type: 'import.done', requestId, report: result.report, info: result.arrays.info, preview: result.preview }, previewTransferables(result.preview));
    } catch (error) {
      ctx.post({ type: 'import.failed', requestId, failure: failureOf(error) });
    } finally {
      running.delete(requestId);
    }
  };
}
