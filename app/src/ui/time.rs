//! Moments on the page: written by the server as `<time datetime>` in UTC, shown in the
//! reader's zone and language by the page's time script (`times.js`, inline on every page).

use leptos::prelude::*;

/// The page's time script (`times.js`): every `<time datetime>` in the reader's zone ("just
/// now", "5 minutes ago", "Yesterday 14:03", a date), the full local time on hover, and the
/// `tz` cookie the server groups the sidebar by. Without its comments and indentation, since
/// every page carries it.
#[cfg(feature = "ssr")]
pub fn times_script() -> &'static str {
    static SCRIPT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    SCRIPT.get_or_init(|| {
        include_str!("times.js")
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// A moment: `<time datetime>` with the UTC time as its text until the page's time script
/// shows it in the reader's zone (and for readers without scripts).
#[component]
pub fn Time(
    /// Epoch seconds.
    at: i64,
) -> impl IntoView {
    view! { <time datetime=crate::format::iso_time(at)>{crate::format::format_time(at)}</time> }
}

/// `text` with every `YYYY-MM-DD HH:MM UTC` in it shown as a [`Time`] (messages written before
/// the reader's zone was known: an expired link's notice, an audit entry's detail).
pub fn text_with_times(text: &str) -> AnyView {
    let mut parts = Vec::new();
    let mut rest = text;
    while let Some((before, at, after)) = next_time(rest) {
        parts.push(before.to_owned().into_any());
        parts.push(view! { <Time at/> }.into_any());
        rest = after;
    }
    parts.push(rest.to_owned().into_any());
    parts.into_any()
}

/// The text before the first `YYYY-MM-DD HH:MM UTC` in `text`, that moment, and the rest.
fn next_time(text: &str) -> Option<(&str, i64, &str)> {
    const LEN: usize = "2026-12-05 03:51 UTC".len();
    let bytes = text.as_bytes();
    (0..bytes.len().saturating_sub(LEN - 1)).find_map(|i| {
        let candidate = text.get(i..i + LEN)?;
        let at = parse_utc(candidate)?;
        Some((&text[..i], at, &text[i + LEN..]))
    })
}

/// Epoch seconds of `YYYY-MM-DD HH:MM UTC`.
fn parse_utc(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let shape = b.len() == 20
        && b[4] == b'-'
        && b[7] == b'-'
        && b[10] == b' '
        && b[13] == b':'
        && s.ends_with(" UTC");
    if !shape {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d, hh, mm) = (num(0..4)?, num(5..7)?, num(8..10)?, num(11..13)?, num(14..16)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 {
        return None;
    }
    let at = crate::format::days_from_civil(y, m, d) * 86_400 + hh * 3600 + mm * 60;
    (crate::format::format_time(at) == s).then_some(at)
}

/// The reader's time zone, seconds east of UTC: in the browser its own; on the server the `tz`
/// cookie the time script keeps (0, UTC, before the first page has run it).
pub fn reader_zone() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        -(js_sys::Date::new_0().get_timezone_offset() as i64) * 60
    }
    #[cfg(all(feature = "ssr", not(feature = "hydrate")))]
    {
        let parts = use_context::<axum::http::request::Parts>();
        let tz = parts.and_then(|p| crate::auth::cookie_from_headers(&p.headers, "tz"));
        crate::format::zone_offset(tz.as_deref())
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn the_time_script_goes_out_without_its_comments() {
        let script = times_script();
        assert!(script.starts_with("(function () {"), "{script}");
        assert!(script.contains("time[datetime]") && !script.contains("\n  "));
        assert!(script.len() < include_str!("times.js").len() * 4 / 5);
    }

    #[test]
    fn utc_times_in_text_are_found_and_read_back() {
        let at = 1_795_295_160; // 2026-11-21 21:06 UTC
        let text = format!("This link expired on {}.", crate::format::format_time(at));
        assert_eq!(next_time(&text), Some(("This link expired on ", at, ".")));
        assert_eq!(parse_utc("1970-01-01 00:00 UTC"), Some(0));
        assert_eq!(parse_utc("2024-02-29 23:59 UTC"), Some(1_709_251_140));
        assert_eq!(parse_utc("2026-02-30 00:00 UTC"), None, "no such day");
        assert_eq!(next_time("no time here"), None);
        assert_eq!(next_time("2026-13-01 00:00 UTC"), None);
    }
}
