//! Formatting shared by pages and the REST layer: URL query values, HTML text, calendar dates,
//! the sidebar's date groups and times, the same on server and client (so hydration matches).

/// Percent-encodes a path for use as a query value (keeps `/` and unreserved characters).
pub fn encode_query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The UTC calendar date `(year, month, day)` of epoch seconds (Howard Hinnant's algorithm).
pub fn civil_date(epoch: i64) -> (i64, i64, i64) {
    let z = epoch.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// Days from 1970-01-01 to the calendar date `y-m-d` (Howard Hinnant's algorithm, the inverse
/// of [`civil_date`]).
pub fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The sidebar's group for a chat last changed at `epoch`, seen at `now` by a reader whose zone
/// is `zone` seconds east of UTC (the reader's days, as Open WebUI and ChatGPT group): "Today",
/// "Yesterday", "Previous 7 days", "Previous 30 days", then the month ("October 2026").
pub fn date_group(epoch: i64, now: i64, zone: i64) -> String {
    let (epoch, now) = (epoch + zone, now + zone);
    let days_ago = now.div_euclid(86_400) - epoch.div_euclid(86_400);
    match days_ago {
        i64::MIN..=0 => t!("date-today"),
        1 => t!("date-yesterday"),
        2..=7 => t!("date-previous-7-days"),
        8..=30 => t!("date-previous-30-days"),
        _ => {
            let (y, m, _) = civil_date(epoch);
            t!("date-month-year", month = m, year = y)
        }
    }
}

/// The time now, epoch seconds: the server's clock there, the browser's in the browser.
pub fn now_epoch() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }
}

/// `YYYY-MM-DD HH:MM UTC` for epoch seconds (the same on server and client, so hydration
/// matches).
pub fn format_time(epoch: i64) -> String {
    let (y, m, d) = civil_date(epoch);
    let secs = epoch.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60
    )
}

/// RFC 3339 in UTC (`2026-12-05T03:51:07Z`) for epoch seconds: a `<time datetime>` value.
pub fn iso_time(epoch: i64) -> String {
    let (y, m, d) = civil_date(epoch);
    let secs = epoch.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// A reader's time zone as the `tz` cookie names it (minutes east of UTC, as the page's time
/// script writes it), in seconds; 0 when it is missing or out of the range zones use.
pub fn zone_offset(cookie_value: Option<&str>) -> i64 {
    cookie_value
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|m| (-720..=840).contains(m))
        .map_or(0, |m| m * 60)
}

/// `text` with `&`, `<`, `>`, `"` and `'` escaped, safe anywhere in HTML text or attributes.
pub fn escape_html_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chats_group_by_how_long_ago_they_changed() {
        let now = 1_795_295_194; // 2026-11-21 21:06 UTC
        let day = 86_400;
        assert_eq!(date_group(now, now, 0), "Today");
        assert_eq!(date_group(now - 21 * 3600, now, 0), "Today"); // 00:06 the same day
        assert_eq!(date_group(now - 22 * 3600, now, 0), "Yesterday"); // 23:06 the day before
        assert_eq!(date_group(now - 2 * day, now, 0), "Previous 7 days");
        assert_eq!(date_group(now - 7 * day, now, 0), "Previous 7 days");
        assert_eq!(date_group(now - 8 * day, now, 0), "Previous 30 days");
        assert_eq!(date_group(now - 30 * day, now, 0), "Previous 30 days");
        assert_eq!(date_group(now - 31 * day, now, 0), "October 2026");
        assert_eq!(date_group(0, now, 0), "January 1970");
        assert_eq!(date_group(now + 60, now, 0), "Today"); // a clock slightly ahead
                                                           // In Tokyo (UTC+9) it is 06:06 on the 22nd: 15:06 UTC on the 21st is today there, but
                                                           // 14:00 UTC on the 21st (23:00 there), today in UTC, is yesterday.
        let tokyo = zone_offset(Some("540"));
        assert_eq!(tokyo, 9 * 3600);
        assert_eq!(date_group(now - 6 * 3600, now, tokyo), "Today");
        assert_eq!(date_group(now - 7 * 3600 - 360, now, tokyo), "Yesterday");
        assert_eq!(zone_offset(Some("9999")), 0);
        assert_eq!(zone_offset(Some("x")), 0);
        assert_eq!(zone_offset(None), 0);
    }

    #[test]
    fn times_format_in_utc() {
        assert_eq!(format_time(0), "1970-01-01 00:00 UTC");
        assert_eq!(iso_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_time(1_795_295_194), "2026-11-21T21:06:34Z");
        assert_eq!(format_time(1_709_164_805), "2024-02-29 00:00 UTC");
        assert_eq!(format_time(1_795_295_194), "2026-11-21 21:06 UTC");
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(encode_query_value("/s/abc"), "/s/abc");
        assert_eq!(encode_query_value("/c/1?x=a&b"), "/c/1%3Fx%3Da%26b");
    }
}
