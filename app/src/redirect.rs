//! Where to send a user after signing in: only same-site relative paths are honoured.

/// Longest redirect target kept (our own paths are far shorter: `/s/{id}?branch={id}`).
pub const MAX_REDIRECT: usize = 512;

/// `target` when it is a same-site absolute path (`/s/abc`) of at most [`MAX_REDIRECT`] bytes,
/// else `/`.
pub fn sanitize_redirect(target: Option<&str>) -> String {
    let Some(t) = target.map(str::trim) else {
        return "/".to_owned();
    };
    let safe = t.starts_with('/')
        && !t.starts_with("//")
        && !t.starts_with("/\\")
        && !t.chars().any(|c| c.is_control() || c == '\\')
        && t.len() <= MAX_REDIRECT;
    if safe {
        t.to_owned()
    } else {
        "/".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::sanitize_redirect;

    #[test]
    fn only_same_site_paths_are_honoured() {
        let cases: &[(Option<&str>, &str)] = &[
            (Some("/s/abc"), "/s/abc"),
            (Some("/c/1?x=2#m"), "/c/1?x=2#m"),
            (Some("/"), "/"),
            (None, "/"),
            (Some(""), "/"),
            (Some("//evil.example"), "/"),
            (Some("//evil.example/s/1"), "/"),
            (Some("/\\evil.example"), "/"),
            (Some("https://evil.example"), "/"),
            (Some("http:/evil.example"), "/"),
            (Some("javascript:alert(1)"), "/"),
            (Some("JaVaScRiPt:alert(1)"), "/"),
            (Some("data:text/html,x"), "/"),
            (Some("evil.example"), "/"),
            (Some("/ok\n//evil"), "/"),
            (Some("/a\\b"), "/"),
        ];
        let long = format!("/s/{}", "a".repeat(600));
        assert_eq!(sanitize_redirect(Some(&long)), "/");
        for (input, want) in cases {
            assert_eq!(sanitize_redirect(*input), *want, "input {input:?}");
        }
    }
}
