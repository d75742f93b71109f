import { MAX_UPLOAD_CHUNK_BYTES, type FirmwareImage } from '../shared/domain/firmware';
import type { Invoke } from './typed-invoke';

/** Imports an image into the app's firmware library the way the UI does: begin, chunks, finish. */
export async function importFirmware(
  invoke: Invoke,
  fileName: string,
  bytes: Buffer,
): Promise<FirmwareImage> {
  const { uploadId } = await invoke('firmware.beginUpload', { fileName, size: bytes.length });
  for (let offset = 0; offset < bytes.length; offset += MAX_UPLOAD_CHUNK_BYTES) {
    const dataBase64 = bytes.subarray(offset, offset + MAX_UPLOAD_CHUNK_BYTES).toString('base64');
    await invoke('firmware.uploadChunk', { uploadId, offset, dataBase64 });
  }
  return (await invoke('firmware.finishUpload', { uploadId })).image;
}
