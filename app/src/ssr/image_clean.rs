//! Uploaded pictures are decoded and written anew before they are stored, never kept as sent.
//! What a camera hides in a file does not survive: EXIF with the GPS position where the photo
//! was taken, the camera owner's name, the thumbnail of the uncropped picture, comments. The
//! picture is turned the way the camera meant (EXIF orientation), since the tag that said so is
//! gone, and scaled to at most [`MAX_EDGE`] pixels, which is all a page shows. A file that
//! declares more pixels than [`MAX_SOURCE_EDGE`] a side, or more than [`MAX_DECODE_BYTES`]
//! decoded (a decompression bomb: a small file that unpacks to gigabytes), is refused before
//! its pixels are allocated.

use std::io::Cursor;

use domain::Code;
use image::{DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits};

/// Longest side of a stored picture, in pixels.
pub const MAX_EDGE: u32 = 2048;
/// Longest side of a picture accepted for decoding.
pub const MAX_SOURCE_EDGE: u32 = 10_000;
/// Most memory one decoding may allocate (a 48-megapixel phone photo needs about 150 MB).
pub const MAX_DECODE_BYTES: u64 = 256 * 1024 * 1024;
/// Quality of the JPEG written for pictures without transparency.
const JPEG_QUALITY: u8 = 85;

/// A picture ready to store: its bytes and their type.
#[derive(Debug)]
pub struct Cleaned {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
}

/// Decodes `bytes` (JPEG, PNG or WebP, read from the bytes, not a name), applies the camera's
/// orientation, scales to [`MAX_EDGE`] and writes a new file without metadata: JPEG, or PNG
/// when the picture has transparency. CPU-bound: call it off the async runtime.
pub fn clean(bytes: &[u8]) -> Result<Cleaned, Code> {
    if bytes.is_empty() {
        return Err(Code::ImageEmpty);
    }
    let format = image::guess_format(bytes).map_err(|_| Code::ImageType)?;
    if !matches!(
        format,
        ImageFormat::Jpeg | ImageFormat::Png | ImageFormat::WebP
    ) {
        return Err(Code::ImageType);
    }
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SOURCE_EDGE);
    limits.max_image_height = Some(MAX_SOURCE_EDGE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().map_err(refusal)?;
    // Not every decoder counts its output against `max_alloc`; the header's size is checked
    // here, before the buffer for the pixels is allocated.
    if decoder.total_bytes() > MAX_DECODE_BYTES {
        return Err(Code::ImageDimensions);
    }
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).map_err(refusal)?;
    if let Some(orientation) = orientation {
        picture.apply_orientation(orientation);
    }
    if picture.width() > MAX_EDGE || picture.height() > MAX_EDGE {
        picture = picture.resize(MAX_EDGE, MAX_EDGE, image::imageops::FilterType::Triangle);
    }
    encode(&picture)
}

/// The picture as a new file: PNG when it has transparency, JPEG otherwise.
fn encode(picture: &DynamicImage) -> Result<Cleaned, Code> {
    let mut out = Cursor::new(Vec::new());
    let content_type = if picture.color().has_alpha() {
        picture
            .to_rgba8()
            .write_to(&mut out, ImageFormat::Png)
            .map_err(refusal)?;
        "image/png"
    } else {
        let rgb = picture.to_rgb8();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY)
            .encode_image(&rgb)
            .map_err(refusal)?;
        "image/jpeg"
    };
    Ok(Cleaned {
        bytes: out.into_inner(),
        content_type,
    })
}

/// Why a file could not be decoded, as the person who sent it is told: too many pixels, or
/// not a picture we can read.
fn refusal(err: image::ImageError) -> Code {
    match err {
        image::ImageError::Limits(_) => Code::ImageDimensions,
        _ => Code::ImageType,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{GenericImageView, Rgb, RgbImage, Rgba, RgbaImage};

    fn jpeg(width: u32, height: u32) -> Vec<u8> {
        let picture = RgbImage::from_fn(width, height, |x, y| Rgb([x as u8, y as u8, 90]));
        let mut out = Cursor::new(Vec::new());
        picture.write_to(&mut out, ImageFormat::Jpeg).unwrap();
        out.into_inner()
    }

    fn png(picture: RgbaImage) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        picture.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    /// An EXIF segment (APP1) saying "rotate 90° clockwise" (orientation 6), followed by a
    /// position and a name, inserted right after the JPEG's start marker.
    fn with_exif(jpeg: &[u8]) -> Vec<u8> {
        let mut tiff = b"MM\0\x2a\0\0\0\x08".to_vec();
        tiff.extend_from_slice(&[0, 1]); // one entry
        tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0]); // orientation 6
        tiff.extend_from_slice(&[0, 0, 0, 0]); // no next IFD
        tiff.extend_from_slice(b"GPS 59.3293N 18.0686E Karin Andersson");
        let mut segment = b"Exif\0\0".to_vec();
        segment.extend_from_slice(&tiff);
        let length = u16::try_from(segment.len() + 2).unwrap();
        let mut out = jpeg[..2].to_vec();
        out.extend_from_slice(&[0xFF, 0xE1]);
        out.extend_from_slice(&length.to_be_bytes());
        out.extend_from_slice(&segment);
        out.extend_from_slice(&jpeg[2..]);
        out
    }

    fn contains(haystack: &[u8], needle: &[u8]) -> bool {
        haystack.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn exif_and_the_position_in_it_are_gone_and_the_orientation_is_applied() {
        let sent = with_exif(&jpeg(40, 20));
        assert!(
            contains(&sent, b"59.3293N"),
            "the test file carries a position"
        );
        let cleaned = clean(&sent).unwrap();
        assert_eq!(cleaned.content_type, "image/jpeg");
        assert!(!contains(&cleaned.bytes, b"Exif"));
        assert!(!contains(&cleaned.bytes, b"59.3293N"));
        assert!(!contains(&cleaned.bytes, b"Karin"));
        let stored = image::load_from_memory(&cleaned.bytes).unwrap();
        assert_eq!(stored.dimensions(), (20, 40), "turned as the camera meant");
    }

    #[test]
    fn a_large_photo_is_scaled_to_the_longest_edge_keeping_its_proportions() {
        let cleaned = clean(&jpeg(4000, 1000)).unwrap();
        let stored = image::load_from_memory(&cleaned.bytes).unwrap();
        assert_eq!(stored.dimensions(), (MAX_EDGE, MAX_EDGE / 4));
        let small = clean(&jpeg(300, 200)).unwrap();
        let stored = image::load_from_memory(&small.bytes).unwrap();
        assert_eq!(
            stored.dimensions(),
            (300, 200),
            "small pictures keep their size"
        );
    }

    #[test]
    fn transparency_is_kept_as_png_and_opaque_pictures_become_jpeg() {
        let clear = RgbaImage::from_pixel(10, 10, Rgba([0, 0, 0, 0]));
        let cleaned = clean(&png(clear)).unwrap();
        assert_eq!(cleaned.content_type, "image/png");
        let stored = image::load_from_memory(&cleaned.bytes).unwrap();
        assert_eq!(stored.get_pixel(3, 3)[3], 0, "still transparent");
        let opaque = RgbImage::from_pixel(10, 10, Rgb([200, 10, 10]));
        let mut out = Cursor::new(Vec::new());
        opaque.write_to(&mut out, ImageFormat::Png).unwrap();
        assert_eq!(clean(&out.into_inner()).unwrap().content_type, "image/jpeg");
    }

    #[test]
    fn pictures_declaring_too_many_pixels_are_refused_before_decoding() {
        let wide = png(RgbaImage::new(MAX_SOURCE_EDGE + 1, 1));
        assert!(wide.len() < 10_000, "a small file");
        assert_eq!(clean(&wide).unwrap_err(), Code::ImageDimensions);
        // Within the side limit, but 9,000 × 9,000 RGBA unpacks to 324 MB: a header that
        // says so, on a file of a few hundred bytes.
        let bomb = with_declared_size(png(RgbaImage::new(8, 8)), 9_000, 9_000);
        assert!(bomb.len() < 1_000, "{} bytes", bomb.len());
        assert_eq!(clean(&bomb).unwrap_err(), Code::ImageDimensions);
    }

    /// A PNG whose header (IHDR, with its checksum) declares another size.
    fn with_declared_size(mut png: Vec<u8>, width: u32, height: u32) -> Vec<u8> {
        png[16..20].copy_from_slice(&width.to_be_bytes());
        png[20..24].copy_from_slice(&height.to_be_bytes());
        let crc = crc32(&png[12..29]);
        png[29..33].copy_from_slice(&crc.to_be_bytes());
        png
    }

    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for byte in bytes {
            crc ^= u32::from(*byte);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn other_files_and_broken_pictures_are_refused_as_not_an_image() {
        assert_eq!(clean(b"").unwrap_err(), Code::ImageEmpty);
        assert_eq!(clean(b"GIF89a\x01\0\x01\0").unwrap_err(), Code::ImageType);
        assert_eq!(clean(b"%PDF-1.7 hello").unwrap_err(), Code::ImageType);
        let mut cut = jpeg(50, 50);
        cut.truncate(cut.len() / 3);
        assert_eq!(clean(&cut).unwrap_err(), Code::ImageType);
    }
}
