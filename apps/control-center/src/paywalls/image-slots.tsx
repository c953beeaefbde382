import { type ChangeEvent, useId } from 'react';
import { isApiError } from '../api/client.js';
import { fieldErrorOf } from '../ui/form-errors.js';
import { ErrorState, Loading } from '../ui/states.js';
import { imageSrc, SLOT_NAMES, type Slot, slotsOf } from './content.js';
import { type PaywallContent, type PaywallImage, usePaywallImages, useUploadImage } from './queries.js';

const ACCEPTED = 'image/png,image/jpeg,image/webp,image/gif';

interface Props {
  appId: string;
  content: PaywallContent;
  onChange: (content: PaywallContent) => void;
  error: unknown;
}

/** The images the chosen template shows: one per slot, picked among the app's uploads or uploaded here. */
export function ImageSlots({ appId, content, onChange, error }: Props) {
  const images = usePaywallImages(appId);
  const choose = (slot: Slot, imageId: string | null) => {
    const { [slot]: _previous, ...others } = content.images;
    onChange({ ...content, images: imageId ? { ...others, [slot]: imageId } : others });
  };
  return (
    <section aria-labelledby="images-title">
      <h2 id="images-title">Images</h2>
      {images.isPending ? <Loading what="images" /> : null}
      {images.isError ? <ErrorState error={images.error} onRetry={() => void images.refetch()} /> : null}
      {images.data
        ? slotsOf(content.template).map((slot) => (
            <SlotPicker
              key={slot}
              appId={appId}
              slot={slot}
              images={images.data.data}
              chosen={content.images[slot]}
              onChoose={(imageId) => choose(slot, imageId)}
              error={fieldErrorOf(error, `content.images.${slot}`)}
            />
          ))
        : null}
    </section>
  );
}

interface SlotPickerProps {
  appId: string;
  slot: Slot;
  images: PaywallImage[];
  chosen: string | undefined;
  onChoose: (imageId: string | null) => void;
  error: string | undefined;
}

function SlotPicker({ appId, slot, images, chosen, onChoose, error }: SlotPickerProps) {
  const id = useId();
  const upload = useUploadImage(appId);
  const label = SLOT_NAMES[slot];
  const send = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    // Emptied, so choosing the same file again uploads it again.
    event.target.value = '';
    if (file) {
      upload.mutate(file, { onSuccess: (image) => onChoose(image.id) });
    }
  };
  return (
    <fieldset className="slot" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <div className="thumbnails">
        <label className="thumbnail">
          <input type="radio" name={`${id}-image`} checked={chosen === undefined} onChange={() => onChoose(null)} />
          <span className="thumbnail-none" aria-hidden="true" />
          <span>None</span>
        </label>
        {images.map((image, position) => (
          <label key={image.id} className="thumbnail">
            <input
              type="radio"
              name={`${id}-image`}
              value={image.id}
              checked={chosen === image.id}
              onChange={() => onChoose(image.id)}
            />
            <img src={imageSrc(image)} alt="" />
            <span>
              <span className="visually-hidden">Image {images.length - position}, </span>
              {image.width} × {image.height}
            </span>
          </label>
        ))}
      </div>
      <div className="field">
        <label htmlFor={`${id}-file`}>Upload an image for the {label.toLowerCase()}</label>
        <input id={`${id}-file`} type="file" accept={ACCEPTED} onChange={send} disabled={upload.isPending} />
        <span className="hint">PNG, JPEG, WebP or GIF, at most 2 MiB and 4096 px a side.</span>
        {upload.isPending ? (
          <p className="small" role="status">
            Uploading…
          </p>
        ) : null}
        {upload.isError ? (
          <p className="field-error" role="alert">
            {isApiError(upload.error) ? upload.error.message : 'Could not reach the server. Try again.'}
          </p>
        ) : null}
      </div>
    </fieldset>
  );
}
