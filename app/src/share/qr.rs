//! A share link as a QR code, for putting it on a slide or opening it on a phone.

/// The QR code of link `share_id`, whose address is `url`, as [`qr_svg`] draws it; 404 when
/// there is no such link (nothing of it is read: whoever holds its address may know it exists).
pub async fn link_qr_svg(
    db: &sea_orm::DatabaseConnection,
    share_id: uuid::Uuid,
    url: &str,
) -> crate::error::AppResult<String> {
    use crate::entities::shared_chat;
    use sea_orm::{EntityTrait, QuerySelect};
    let found: Option<uuid::Uuid> = shared_chat::Entity::find_by_id(share_id)
        .select_only()
        .column(shared_chat::Column::Id)
        .into_tuple()
        .one(db)
        .await?;
    match found {
        Some(_) => qr_svg(url),
        None => Err(super::service::link_not_found()),
    }
}

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
