import { useState, type ChangeEvent, type DragEvent } from 'react';
import { importFirmwareFile } from './firmware-upload';
import { LibraryTable } from './library-table';
import { ServerSection } from './server-section';
import { UploadList } from './upload-list';

/** One file after the other: main allows only a few unfinished imports at once. */
async function importAll(files: readonly File[]): Promise<void> {
  for (const file of files) await importFirmwareFile(file);
}

async function filesChosen(event: ChangeEvent<HTMLInputElement>): Promise<void> {
  const input = event.target;
  const files = [...(input.files ?? [])];
  // The same file can be chosen again (after a cancel, or to see it recognised as a duplicate).
  input.value = '';
  await importAll(files);
}

/** The firmware library (import by drop or file input, list, edit, remove) and the firmware server. */
export function FirmwarePanel() {
  const [isDragging, setDragging] = useState(false);
  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void importAll([...event.dataTransfer.files]);
  };
  return (
    <section
      className={`panel firmware-panel${isDragging ? ' dragging' : ''}`}
      aria-labelledby="firmware-title"
      data-testid="firmware-drop-zone"
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <header className="panel-header">
        <h2 id="firmware-title">Firmware</h2>
      </header>
      <div className="discovery-columns">
        <div>
          <section className="discovery-section" aria-labelledby="firmware-import-title">
            <h3 id="firmware-import-title">Import</h3>
            <p className="hint">
              Drop firmware files anywhere on this screen, or choose them (<code>.bin</code>,{' '}
              <code>.bin.gz</code>, Shelly <code>.zip</code>). What a file is for is read from its own bytes;
              you are asked only for what neither the file nor its name tells, such as a Tasmota version.
            </p>
            <label className="field">
              <span>Firmware files</span>
              <input type="file" multiple onChange={(e) => void filesChosen(e)} />
            </label>
            {isDragging && <p className="drop-hint">Drop to import</p>}
            <UploadList />
          </section>
        </div>
        <div>
          <ServerSection />
        </div>
      </div>
      <section className="discovery-section" aria-labelledby="firmware-library-title">
        <h3 id="firmware-library-title">Library</h3>
        <LibraryTable />
      </section>
    </section>
  );
}
