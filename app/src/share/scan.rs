//! The privacy check before sharing: finds what looks like a secret or personal data in the
//! text a link would share. Each detector is a pattern plus, where the format has one, its
//! check (Luhn for card numbers, mod 97 for IBANs, valid octets for IP addresses), so ordinary
//! prose (versions, dates, prices, times, code) is not flagged.

use std::sync::LazyLock;

use regex::Regex;

use super::Finding;

/// Kinds of finding, as the API names them.
pub mod kind {
    /// An API key or token (OpenAI, Anthropic, GitHub, Slack, Stripe, Google).
    pub const API_KEY: &str = "api_key";
    /// An AWS access key id.
    pub const AWS_KEY: &str = "aws_access_key_id";
    /// A JSON Web Token.
    pub const JWT: &str = "jwt";
    /// A PEM private key.
    pub const PRIVATE_KEY: &str = "private_key";
    /// A password inside a URL (`scheme://user:password@host`).
    pub const URL_PASSWORD: &str = "url_password";
    /// A password or secret given as `password=…` / `token: …`.
    pub const PASSWORD: &str = "password";
    /// An email address.
    pub const EMAIL: &str = "email";
    /// A phone number.
    pub const PHONE: &str = "phone";
    /// An IBAN.
    pub const IBAN: &str = "iban";
    /// A payment card number.
    pub const CARD: &str = "card_number";
    /// An IP address.
    pub const IP: &str = "ip_address";
    /// A word close to one of the link's masks but not masked by it (`Zanzibar43` when
    /// `Zanzibar42` is masked).
    pub const NEAR_MASK: &str = "near_mask";
}

struct Detector {
    kind: &'static str,
    pattern: Regex,
    /// The capture group that is the finding (0: the whole match).
    group: usize,
    /// A check of the found text beyond the pattern.
    check: fn(&str) -> bool,
}

fn always(_: &str) -> bool {
    true
}

fn detector(kind: &'static str, pattern: &str, group: usize, check: fn(&str) -> bool) -> Option<Detector> {
    match Regex::new(pattern) {
        Ok(pattern) => Some(Detector {
            kind,
            pattern,
            group,
            check,
        }),
        Err(e) => {
            // A pattern is a constant: only a change of this file can get here, and its tests.
            tracing::error!(error = %e, kind, "a privacy check pattern does not compile");
            None
        }
    }
}

/// Every detector, most specific first (an overlap keeps the earlier kind).
static DETECTORS: LazyLock<Vec<Detector>> = LazyLock::new(|| {
    [
        detector(
            kind::PRIVATE_KEY,
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----(?:[\s\S]*?-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|[\s\S]*)",
            0,
            always,
        ),
        detector(
            kind::JWT,
            r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}",
            0,
            always,
        ),
        detector(
            kind::API_KEY,
            concat!(
                r"\b(?:sk-(?:ant-(?:api\d\d-)?|proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}",
                r"|(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,}",
                r"|xox[abposr]-[A-Za-z0-9-]{10,}",
                r"|(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}",
                r"|AIza[0-9A-Za-z_-]{35})",
                r"|https://hooks\.slack\.com/services/[A-Za-z0-9/]{20,}"
            ),
            0,
            always,
        ),
        detector(kind::AWS_KEY, r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b", 0, always),
        detector(
            kind::URL_PASSWORD,
            r"\b[A-Za-z][A-Za-z0-9+.-]*://[^\s:/@]+:([^\s@/]+)@[^\s/]+",
            1,
            always,
        ),
        detector(
            kind::PASSWORD,
            r#"(?i)\b(?:password|passwd|pwd|passcode|secret|api[_-]?key|access[_-]?token|auth[_-]?token)\s*[:=]\s*["']?([^\s"',;]{4,})"#,
            1,
            looks_like_a_secret,
        ),
        detector(
            kind::EMAIL,
            r"\b[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b",
            0,
            not_an_example_address,
        ),
        detector(kind::IBAN, r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b", 0, iban_checks),
        detector(kind::CARD, r"\b\d(?:[ -]?\d){12,18}\b", 0, luhn_checks),
        detector(
            kind::PHONE,
            r"(?:\+\d{1,3}[ .-]?(?:\(\d{1,4}\)[ .-]?)?\d{1,4}(?:[ .-]?\d{2,4}){1,4}|\(\d{3}\) ?\d{3}[ .-]\d{4}|\b\d{3}[.-]\d{3}[.-]\d{4})\b",
            0,
            phone_checks,
        ),
        detector(
            kind::IP,
            r"\b(?:\d{1,3}\.){3}\d{1,3}\b|\b[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}\b",
            0,
            ip_checks,
        ),
    ]
    .into_iter()
    .flatten()
    .collect()
});

/// The findings in `text` (offsets in characters, end exclusive), for message `message_id`
/// (`None`: the title). Overlapping matches keep the first detector's. Linear in the text and
/// the matches: the kept spans are looked up by position (not compared with each other), and
/// character offsets are counted in one pass over the text.
pub fn scan(message_id: Option<&str>, text: &str) -> Vec<Finding> {
    // Kept spans by start: they never overlap, so the one starting last before a match's end
    // is the only one that can overlap it.
    let mut kept: std::collections::BTreeMap<usize, (usize, &'static str)> =
        std::collections::BTreeMap::new();
    for d in DETECTORS.iter() {
        for caps in d.pattern.captures_iter(text) {
            let Some(m) = caps.get(d.group) else { continue };
            if !(d.check)(m.as_str()) || (d.kind == kind::IP && after_version_mark(text, m.start())) {
                continue;
            }
            let overlaps = kept
                .range(..m.end())
                .next_back()
                .is_some_and(|(_, (end, _))| *end > m.start());
            if overlaps {
                continue;
            }
            kept.insert(m.start(), (m.end(), d.kind));
        }
    }
    let mut out = Vec::with_capacity(kept.len());
    let (mut byte, mut chars) = (0usize, 0usize);
    for (s, (e, kind)) in kept {
        chars += text[byte..s].chars().count();
        let len = text[s..e].chars().count();
        out.push(Finding {
            message_id: message_id.map(str::to_owned),
            kind: kind.to_owned(),
            text: text[s..e].to_owned(),
            start: chars,
            end: chars + len,
        });
        chars += len;
        byte = e;
    }
    out
}

/// A `password=` value that looks like one: not a plain word (it holds a digit or a symbol).
fn looks_like_a_secret(v: &str) -> bool {
    v.chars().any(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
        && !v.starts_with('<')
        && !v.contains("***")
}

/// Not a placeholder address (`example.com` and friends, RFC 2606).
fn not_an_example_address(v: &str) -> bool {
    let (local, domain) = v.rsplit_once('@').unwrap_or((v, ""));
    let domain = domain.to_ascii_lowercase();
    // `git@github.com:…` is an SSH remote, not somebody's address.
    local != "git"
        && !["example.com", "example.org", "example.net"]
            .iter()
            .any(|d| domain == *d || domain.ends_with(&format!(".{d}")))
        && !domain.ends_with(".example")
        && !domain.ends_with(".test")
        && !domain.ends_with(".invalid")
}

/// An IBAN's check digits (ISO 13616: the rearranged number mod 97 is 1).
fn iban_checks(v: &str) -> bool {
    let compact: String = v.chars().filter(|c| !c.is_whitespace()).collect();
    if !(15..=34).contains(&compact.len()) {
        return false;
    }
    let (head, tail) = compact.split_at(4);
    let mut rem: u32 = 0;
    for c in tail.chars().chain(head.chars()) {
        let Some(d) = c.to_digit(36) else { return false };
        for digit in if d >= 10 { vec![d / 10, d % 10] } else { vec![d] } {
            rem = (rem * 10 + digit) % 97;
        }
    }
    rem == 1
}

/// A card number: 13 to 19 digits starting as card networks' do, written as one run or in the
/// groups cards print (4-4-4-4, 4-6-5, …), passing Luhn's check.
fn luhn_checks(v: &str) -> bool {
    let groups: Vec<usize> = v.split([' ', '-']).map(str::len).collect();
    if groups.len() > 1
        && ![
            &[4, 4, 4, 4][..],
            &[4, 6, 5],
            &[4, 6, 4],
            &[4, 4, 4, 4, 3],
            &[4, 4, 4, 1],
        ]
        .contains(&groups.as_slice())
    {
        return false;
    }
    let digits: Vec<u32> = v.chars().filter_map(|c| c.to_digit(10)).collect();
    if !(13..=19).contains(&digits.len()) || !matches!(digits.first(), Some(2..=6)) {
        return false;
    }
    if digits.iter().all(|d| Some(d) == digits.first()) {
        return false;
    }
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                *d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// A phone number has 8 to 15 digits (E.164).
fn phone_checks(v: &str) -> bool {
    let n = v.chars().filter(char::is_ascii_digit).count();
    (8..=15).contains(&n)
}

/// A real IPv4 (each part 0–255) or IPv6 address (with at least four groups) that names a
/// machine: not `0.0.0.0`, loopback, or a netmask (`255.255.255.0`).
fn ip_checks(v: &str) -> bool {
    if v.contains(':') {
        return v
            .parse::<std::net::Ipv6Addr>()
            .is_ok_and(|ip| !ip.is_loopback() && !ip.is_unspecified())
            && v.split(':').filter(|g| !g.is_empty()).count() >= 4;
    }
    v.parse::<std::net::Ipv4Addr>()
        .is_ok_and(|ip| !ip.is_unspecified() && !ip.is_loopback() && ip.octets()[0] != 255)
}

/// A dotted number right after "v" or "version" is a version, not an address.
fn after_version_mark(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end().to_ascii_lowercase();
    before.ends_with('v') || before.ends_with("version")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, String)> {
        scan(Some("m"), text)
            .into_iter()
            .map(|f| (f.kind, f.text))
            .collect()
    }

    #[test]
    fn every_kind_is_found() {
        let cases = [
            ("my key is sk-proj-abcdefghijklmnopqrstuvwxyz012345 ok", kind::API_KEY, "sk-proj-abcdefghijklmnopqrstuvwxyz012345"),
            ("claude sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx_yz", kind::API_KEY, "sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx_yz"),
            ("token ghp_abcdefghijklmnopqrstuvwxyz0123456789 here", kind::API_KEY, "ghp_abcdefghijklmnopqrstuvwxyz0123456789"),
            ("slack xoxb-123456789012-abcdefghijkl", kind::API_KEY, "xoxb-123456789012-abcdefghijkl"),
            ("stripe sk_live_4eC39HqLyjWDarjtT1zdp7dc", kind::API_KEY, "sk_live_4eC39HqLyjWDarjtT1zdp7dc"),
            ("maps AIzaSyA1234567890abcdefghijklmnopqrstuv", kind::API_KEY, "AIzaSyA1234567890abcdefghijklmnopqrstuv"),
            ("aws AKIAIOSFODNN7EXAMPLE key", kind::AWS_KEY, "AKIAIOSFODNN7EXAMPLE"),
            ("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", kind::JWT, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"),
            ("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----", kind::PRIVATE_KEY, "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----"),
            ("db postgres://app:s3cr3t@db.internal:5432/app", kind::URL_PASSWORD, "s3cr3t"),
            ("login with password=hunter2 please", kind::PASSWORD, "hunter2"),
            ("write to jane.doe@acme-corp.io today", kind::EMAIL, "jane.doe@acme-corp.io"),
            ("call +44 20 7946 0958 now", kind::PHONE, "+44 20 7946 0958"),
            ("or (415) 555-2671", kind::PHONE, "(415) 555-2671"),
            ("pay to DE89 3704 0044 0532 0130 00 please", kind::IBAN, "DE89 3704 0044 0532 0130 00"),
            ("card 4111 1111 1111 1111 exp", kind::CARD, "4111 1111 1111 1111"),
            ("server at 192.168.10.24 is down", kind::IP, "192.168.10.24"),
            ("v6 2001:db8:85a3::8a2e:370:7334 too", kind::IP, "2001:db8:85a3::8a2e:370:7334"),
        ];
        for (text, kind, found) in cases {
            assert_eq!(kinds(text), vec![(kind.to_owned(), found.to_owned())], "{text}");
        }
    }

    #[test]
    fn offsets_are_in_characters() {
        let f = scan(None, "é → jane@acme.io");
        assert_eq!((f[0].start, f[0].end), (4, 16));
        assert_eq!(f[0].message_id, None);
    }

    #[test]
    fn near_misses_are_not_flagged() {
        for text in [
            "card 4111 1111 1111 1112",         // fails Luhn
            "iban DE89 3704 0044 0532 0130 01", // wrong check digits
            "version 1.2.3.4 and v10.0.0.1",    // versions
            "999.1.1.1 is not an address",
            "password: make it long",         // a plain word
            "mail me at someone@example.com", // a placeholder
            "sk-short",
            "std::fmt::Display and a::b::c",
        ] {
            assert_eq!(kinds(text), vec![], "{text}");
        }
    }

    #[test]
    fn ordinary_chat_has_no_findings() {
        let prose = include_str!("../../../tests/fixtures/ordinary-chat.txt");
        let found = scan(Some("m"), prose);
        assert!(found.is_empty(), "{found:?}");
    }
}
