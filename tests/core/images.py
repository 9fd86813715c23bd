"""Small real images made in the test, with or without location data."""

import io

from PIL import ExifTags, Image

# 50°50'N 4°21'E: central Brussels.
BRUSSELS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (50.0, 50.0, 0.0),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (4.0, 21.0, 0.0),
}


def jpeg_bytes(location=False, size=(64, 48), image_format="JPEG"):
    """A photo as a camera would write it: orientation and copyright in EXIF, GPS too when location is True."""
    image = Image.new("RGB", size, (30, 90, 160))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 1
    exif[ExifTags.Base.Copyright] = "IOM 2018"
    if location:
        exif[ExifTags.IFD.GPSInfo] = BRUSSELS
    output = io.BytesIO()
    image.save(output, format=image_format, exif=exif)
    return output.getvalue()
