"""Photo handling: check, apply the EXIF orientation, strip every metadata block, resize, thumbnail."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "MPO", "HEIF"}
FULL_SIZE = 1600
THUMB_SIZE = 400


def _encode(image: Image.Image) -> bytes:
    out = io.BytesIO()
    # A fresh RGB image carries no EXIF, ICC, XMP or comment: nothing of the original file is copied.
    clean = Image.new("RGB", image.size)
    clean.paste(image.convert("RGB"))
    clean.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def photo_process(data: bytes) -> tuple[bytes, bytes]:
    """Return (full, thumbnail) JPEG bytes without metadata; raise ``ValidationError`` for bad input."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The photo is larger than 15 MB."))
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise ValidationError(_("Upload a JPEG, PNG or WebP photo."))
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels."))
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image = ImageOps.exif_transpose(image)
            image.thumbnail((FULL_SIZE, FULL_SIZE))
            full = _encode(image)
            image.thumbnail((THUMB_SIZE, THUMB_SIZE))
            thumb = _encode(image)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError(_("The file is not a photo that can be read.")) from None
    return full, thumb
