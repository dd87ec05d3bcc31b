import { useRef, useState } from 'react';
import { shrinkFieldPhoto } from './photo';

export interface PickedPhoto {
  fileName: string;
  dataBase64: string;
  previewUrl: string;
  /** Where the camera says the photo was taken, if it wrote a GPS tag. */
  gps: [number, number] | null;
}

/** One big button that opens the camera (or the gallery); the photo is shrunk on the phone. */
export function PhotoPicker({ photo, onPhoto }: { photo: PickedPhoto | null; onPhoto(p: PickedPhoto | null): void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="f-photo">
      {photo ? (
        <div className="f-photo-preview">
          <img src={photo.previewUrl} alt="已选照片" data-testid="photo-preview" />
          <button type="button" className="f-btn f-btn-plain" onClick={() => onPhoto(null)}>
            去掉照片
          </button>
        </div>
      ) : (
        <label className="f-btn f-btn-photo">
          {busy ? '正在处理照片…' : '拍照 / 选照片'}
          <input
            ref={input}
            type="file"
            accept="image/*"
            capture="environment"
            data-testid="photo-input"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              setBusy(true);
              setError(null);
              try {
                onPhoto(await shrinkFieldPhoto(file));
              } catch {
                setError('这张照片打不开，请换一张');
              } finally {
                setBusy(false);
                if (input.current) input.current.value = '';
              }
            }}
          />
        </label>
      )}
      {error ? <div className="f-error">{error}</div> : null}
    </div>
  );
}
