//! A share link as a QR code, for putting it on a slide or opening it on a phone.

/// The QR code of `url` as an SVG image: dark modules on white (so a phone reads it in either
/// theme), with the quiet zone a reader needs, at least 240 px wide.
pub fn qr_svg(url: &str) -> Result<String, crate::error::AppError> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::with_error_correction_level(url.as_bytes(), qrcode::EcLevel::M)
        .map_err(|e| crate::error::AppError::BadRequest(format!("This address cannot be a QR code: {e}.")))?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(240, 240)
        .dark_color(svg::Color("#111111"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build())
}

#[cfg(test)]
mod tests {
    use super::qr_svg;

    #[test]
    fn a_link_becomes_an_svg_qr_code() {
        let svg = qr_svg("https://chat.example.com/s/8a4c2f9e-31b6-4d0e-9a77-2f1d6c3b5e10").unwrap();
        assert!(svg.starts_with("<?xml"), "{svg}");
        assert!(svg.contains("<svg"));
        assert!(svg.contains("#111111"));
        // Different links give different codes.
        assert_ne!(svg, qr_svg("https://chat.example.com/s/other").unwrap());
    }
}
